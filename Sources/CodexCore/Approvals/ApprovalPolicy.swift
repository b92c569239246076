public import CodexConfig

extension AskForApproval {
    /// The reference's Rust `Debug` spelling, which appears verbatim in some messages to the model.
    public var referenceDebugName: String {
        switch self {
        case .untrusted: "UnlessTrusted"
        case .onFailure: "OnFailure"
        case .onRequest: "OnRequest"
        case .never: "Never"
        }
    }
}

extension SandboxMode {
    /// Whether the platform sandbox restricts file-system writes (read-only, workspace-write).
    public var isRestricted: Bool {
        switch self {
        case .readOnly, .workspaceWrite: true
        case .dangerFullAccess: false
        }
    }
}

/// The `sandbox_permissions` argument of shell tools.
public enum SandboxPermissions: String, Sendable, Hashable, Codable {
    case useDefault = "use_default"
    /// The model asks to run outside the sandbox; it should also give a `justification`.
    case requireEscalated = "require_escalated"
}
