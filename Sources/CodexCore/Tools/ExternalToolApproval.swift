import CodexConfig
public import CodexProtocol

/// How a tool's calls are approved, from the configuration (`approval_mode` of the tool, else the server's
/// `default_tools_approval_mode`).
public enum ExternalToolApprovalMode: String, Sendable, Hashable {
    /// Ask unless the tool's hints mark it read-only and not destructive (`writes` reads the same).
    case auto
    /// Always ask; a "this session" answer counts once.
    case prompt
    /// Never ask.
    case approve
}

/// What the approval rules read about one tool: its configured mode and the hints its provider declared.
public struct ExternalToolApprovalTraits: Sendable, Hashable {
    public var mode: ExternalToolApprovalMode
    /// The tool says it only reads; nil when it did not say.
    public var readOnlyHint: Bool?
    /// The tool says it may destroy data; nil when it did not say (treated as true).
    public var destructiveHint: Bool?

    public init(mode: ExternalToolApprovalMode = .auto, readOnlyHint: Bool? = nil, destructiveHint: Bool? = nil) {
        self.mode = mode
        self.readOnlyHint = readOnlyHint
        self.destructiveHint = destructiveHint
    }
}

/// The question put to the user before an external tool call runs.
public struct ExternalToolApprovalPrompt: Sendable, Hashable {
    public var target: ExternalToolTarget
    /// The call's arguments; nil when the model sent none.
    public var arguments: JSONValue?
    /// Whether a "remember" answer (this session, always) is offered: not for tools in `prompt` mode.
    public var offersRemembering: Bool

    public init(target: ExternalToolTarget, arguments: JSONValue?, offersRemembering: Bool) {
        self.target = target
        self.arguments = arguments
        self.offersRemembering = offersRemembering
    }
}

/// The reference's rules for whether an external (MCP) tool call may run (spec mcp-client §6.1), and the
/// approval round trip when it must ask (§6.2).
enum ExternalToolApprovalFlow {
    /// What a call needs before it runs.
    enum Requirement: Sendable, Hashable {
        case run
        case ask
        case refuse
    }

    /// In order: full access (approval `never` and no sandbox) runs; mode `approve` runs; mode `prompt` asks;
    /// otherwise a destructive tool asks, a read-only one runs, and one that says neither asks, unless the user
    /// approved it for the session. A call that must ask under approval `never` is refused.
    static func requirement(
        _ traits: ExternalToolApprovalTraits, settings: ThreadSettings, rememberedForSession: Bool
    ) -> Requirement {
        let neverAsks = settings.approvalPolicy == .never
        if neverAsks && settings.sandbox.mode == .dangerFullAccess { return .run }
        let mustAsk: Bool
        switch traits.mode {
        case .approve: mustAsk = false
        case .prompt: mustAsk = true
        case .auto:
            // Destructive and open-world default to true: only a read-only, non-destructive tool is safe.
            let safe = traits.readOnlyHint == true && traits.destructiveHint != true
            mustAsk = !safe && !rememberedForSession
        }
        guard mustAsk else { return .run }
        return neverAsks ? .refuse : .ask
    }

    /// Decides the call: asks the user through the thread when the rules say so and maps the answer.
    static func decide(
        target: ExternalToolTarget, arguments: JSONValue?, callID: String, context: ToolCallContext
    ) async -> ExternalToolCallApproval {
        let remembered = await context.isExternalToolApprovedForSession(target.server, target.tool)
        switch requirement(target.approval, settings: context.settings, rememberedForSession: remembered) {
        case .run: return .granted
        case .refuse: return .refusedByPolicy
        case .ask: break
        }
        let offersRemembering = target.approval.mode != .prompt
        let prompt = ExternalToolApprovalPrompt(target: target, arguments: arguments, offersRemembering: offersRemembering)
        let decision = await context.requestApproval(
            ApprovalRequest(approvalID: callID, turnID: context.turnID, kind: .externalToolCall(prompt)))
        switch decision {
        case .approved, .approvedExecpolicyAmendment:
            return .granted
        case .approvedForSession:
            if offersRemembering { await context.approveExternalToolForSession(target.server, target.tool) }
            return .granted
        case .denied, .timedOut:
            return .rejectedByUser
        case .abort:
            return .cancelledByUser
        }
    }
}
