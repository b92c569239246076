/// When the agent asks the user before running model-requested commands (`approval_policy`).
public enum ApprovalPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Only known-safe read-only commands run without asking (`untrusted`, "unless trusted").
    case untrusted
    /// Run everything in the sandbox; ask only to retry a sandbox failure without it (deprecated upstream).
    case onFailure = "on-failure"
    /// The model decides when to ask (by requesting escalated permissions).
    case onRequest = "on-request"
    /// Never ask; failures go back to the model.
    case never

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

/// The shape of the sandbox a command would run under, as far as approval decisions care.
public enum SandboxPolicyKind: String, Sendable, Hashable, Codable, CaseIterable {
    case readOnly = "read-only"
    case workspaceWrite = "workspace-write"
    case dangerFullAccess = "danger-full-access"
    /// The host already sandboxes the process: full disk access from the agent's point of view.
    case externalSandbox = "external-sandbox"

    /// Whether the platform sandbox restricts file-system writes (read-only, workspace-write).
    public var isRestricted: Bool {
        switch self {
        case .readOnly, .workspaceWrite: true
        case .dangerFullAccess, .externalSandbox: false
        }
    }
}

/// The `sandbox_permissions` argument of shell tools.
public enum SandboxPermissions: String, Sendable, Hashable, Codable {
    case useDefault = "use_default"
    /// The model asks to run outside the sandbox; it should also give a `justification`.
    case requireEscalated = "require_escalated"
}
