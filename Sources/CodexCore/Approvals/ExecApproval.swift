public import CodexConfig

/// Identifies a command for `approved_for_session`: the same argv in the same directory.
public struct ExecApprovalKey: Sendable, Hashable, Codable {
    public var argv: [String]
    public var cwd: String

    public init(argv: [String], cwd: String) {
        self.argv = argv
        self.cwd = cwd
    }
}

/// Everything the approval decision for one model-requested command depends on.
public struct ExecApprovalRequest: Sendable, Hashable {
    public var argv: [String]
    public var cwd: String
    public var approvalPolicy: AskForApproval
    public var sandbox: SandboxMode
    public var sandboxPermissions: SandboxPermissions
    /// The model's one-sentence reason for escalating; shown to the user as the request's reason.
    public var justification: String?
    /// Commands the user approved for the rest of the session.
    public var approvedForSession: Set<ExecApprovalKey>
    /// The model's suggested "always allow" prefix (`prefix_rule`), proposed when it is reasonable.
    public var prefixRule: [String]?

    public init(
        argv: [String],
        cwd: String,
        approvalPolicy: AskForApproval,
        sandbox: SandboxMode,
        sandboxPermissions: SandboxPermissions = .useDefault,
        justification: String? = nil,
        approvedForSession: Set<ExecApprovalKey> = [],
        prefixRule: [String]? = nil
    ) {
        self.prefixRule = prefixRule
        self.argv = argv
        self.cwd = cwd
        self.approvalPolicy = approvalPolicy
        self.sandbox = sandbox
        self.sandboxPermissions = sandboxPermissions
        self.justification = justification
        self.approvedForSession = approvedForSession
    }

    /// The session-cache key of this command.
    public var key: ExecApprovalKey { ExecApprovalKey(argv: argv, cwd: cwd) }

    /// Whether the model asked to run outside the sandbox.
    public var requestsEscalation: Bool { sandboxPermissions == .requireEscalated }
}

/// What the rules require before a command runs, decided before anyone is asked (codex-rs
/// `ExecApprovalRequirement`); `ExecApprovalResolution` is what the user's answer then leads to.
public enum ExecApprovalRequirement: Sendable, Hashable {
    /// Run under the platform sandbox without asking.
    case runSandboxed
    /// Run with no sandbox without asking (full-access policies, or approved escalation).
    case runUnsandboxed
    /// Ask the user; `proposedExecpolicyAmendment` is the argv prefix an "always allow" answer would persist.
    case askUser(reason: String?, proposedExecpolicyAmendment: [String]?)
    /// Refuse; `message` goes back to the model as the tool output.
    case reject(message: String)
}

/// What the user's answer to an `askUser` requirement leads to.
public enum ExecApprovalResolution: Sendable, Hashable {
    /// Run the command; `rememberForSession` is set when future identical commands skip the prompt.
    case run(sandboxed: Bool, rememberForSession: ExecApprovalKey?)
    /// Do not run; tell the model (the turn continues).
    case declined(message: String)
    /// Do not run and end the turn.
    case abortTurn
}

/// The heuristic verdict for one (sub-)command when no exec-policy rule matched.
public enum ExecPolicyVerdict: Int, Sendable, Hashable, Comparable {
    case allow = 0
    case prompt = 1
    case forbidden = 2

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The approval state machine for shell commands (spec core.md §11: exec-policy rules, then the heuristics).
public enum ExecApproval {
    /// The text the model sees when the user declines a command.
    public static let rejectedByUserMessage = "rejected by user"

    /// Whether a command runs (sandboxed or not) without asking, needs the user, or is refused: each plain
    /// sub-command is matched against the exec-policy `rules` (the heuristics decide the ones no rule matches),
    /// and the strictest decision wins.
    public static func requirement(for request: ExecApprovalRequest, rules: ExecPolicy = .empty) -> ExecApprovalRequirement {
        let policy = request.approvalPolicy
        if request.requestsEscalation && policy != .onRequest {
            let name = policy.referenceDebugName
            return .reject(
                message: "approval policy is \(name); reject command — you should not ask for escalated permissions if the approval policy is \(name)"
            )
        }
        let subCommands = ShellScriptParser.plainCommands(wrappedIn: request.argv) ?? [request.argv]
        let evaluation = rules.evaluate(subCommands, resolveHostExecutables: true) {
            unmatchedCommandVerdict($0, request: request)
        }
        let ruleDecisions = evaluation.matchedRules.filter(\.isPolicyRule).map(\.decision)
        switch evaluation.decision ?? .allow {
        case .forbidden:
            return .reject(message: ExecPolicyReasons.forbidden(request.argv, evaluation))
        case .prompt:
            if policy == .never { return .reject(message: ExecPolicyReasons.promptConflict) }
            if request.approvedForSession.contains(request.key) {
                return runRequirement(for: request, approved: true)
            }
            var amendment = ExecPolicyAmendments.fromModel(
                request.prefixRule, evaluation: evaluation, rules: rules, commands: subCommands
            ) { unmatchedCommandVerdict($0, request: request) }
            if amendment == nil, !ruleDecisions.contains(.prompt) {
                amendment = evaluation.matchedRules.lazy.compactMap { match -> [String]? in
                    guard case .heuristics(let command, .prompt) = match else { return nil }
                    return command
                }.first
            }
            let reason = ExecPolicyReasons.prompt(request.argv, evaluation) ?? request.justification
            return .askUser(reason: reason, proposedExecpolicyAmendment: amendment)
        case .allow:
            // Explicit allow rules for every sub-command bypass the sandbox, as in the reference.
            let allExplicit = subCommands.allSatisfy { command in
                rules.ruleMatches(for: command, resolveHostExecutables: true).contains { $0.decision == .allow }
            }
            if allExplicit { return .runUnsandboxed }
            return runRequirement(for: request, approved: false)
        }
    }

    /// The prefix offered when a sandboxed run failed and the user is asked to rerun it without the sandbox:
    /// the first sub-command the heuristics allowed, so the answer can let such commands skip the sandbox
    /// next time; none when a rule already matched (such a command would not have been sandboxed).
    public static func retryAmendment(for request: ExecApprovalRequest, rules: ExecPolicy) -> [String]? {
        let subCommands = ShellScriptParser.plainCommands(wrappedIn: request.argv) ?? [request.argv]
        let evaluation = rules.evaluate(subCommands, resolveHostExecutables: true) {
            unmatchedCommandVerdict($0, request: request)
        }
        guard !evaluation.matchedRules.contains(where: \.isPolicyRule) else { return nil }
        return evaluation.matchedRules.lazy.compactMap { match -> [String]? in
            guard case .heuristics(let command, .allow) = match else { return nil }
            return command
        }.first
    }

    /// The reference's fallback for a command no rule matched: known-safe, dangerous, then by policy.
    public static func unmatchedCommandVerdict(_ command: [String], request: ExecApprovalRequest) -> ExecPolicyVerdict {
        let policy = request.approvalPolicy
        if policy == .untrusted && CommandSafety.isKnownSafeCommand(command) { return .allow }
        if CommandSafety.mightBeDangerous(command) {
            if policy == .never { return request.sandbox.isRestricted ? .forbidden : .allow }
            return .prompt
        }
        switch policy {
        case .never, .onFailure:
            return .allow
        case .untrusted:
            return .prompt
        case .onRequest:
            if !request.sandbox.isRestricted { return .allow }
            return request.requestsEscalation ? .prompt : .allow
        }
    }

    /// Applies the user's answer to a request whose requirement was `askUser`.
    public static func resolve(_ decision: ReviewDecision, for request: ExecApprovalRequest) -> ExecApprovalResolution {
        switch decision {
        case .approved, .approvedExecpolicyAmendment:
            return .run(sandboxed: runsSandboxed(request, approved: true), rememberForSession: nil)
        case .approvedForSession:
            return .run(sandboxed: runsSandboxed(request, approved: true), rememberForSession: request.key)
        case .denied, .timedOut:
            return .declined(message: rejectedByUserMessage)
        case .abort:
            return .abortTurn
        }
    }

    private static func runRequirement(for request: ExecApprovalRequest, approved: Bool) -> ExecApprovalRequirement {
        runsSandboxed(request, approved: approved) ? .runSandboxed : .runUnsandboxed
    }

    /// First attempts run sandboxed under restricted policies, unless the user approved an escalation.
    private static func runsSandboxed(_ request: ExecApprovalRequest, approved: Bool) -> Bool {
        guard request.sandbox.isRestricted else { return false }
        return !(approved && request.requestsEscalation)
    }
}
