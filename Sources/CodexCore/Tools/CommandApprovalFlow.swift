import CodexProtocol

/// The approval step every new command goes through (`shell_command` and `exec_command`): decides
/// from the policy whether to refuse, ask the user, or run inside or outside the sandbox, and
/// reports the command item's start (and its end when the user declines).
enum CommandApprovalFlow {
    /// What the step decided.
    enum Outcome: Sendable, Hashable {
        /// Run it; `userApproved` when the user said yes (now or earlier in the session).
        /// `retryAmendment`: the prefix rule to offer if a sandboxed run looks denied and is asked about again.
        case run(sandboxed: Bool, userApproved: Bool, retryAmendment: [String]?)
        /// The policy refuses it; no item was reported.
        case rejected(message: String)
        /// The user declined; the item ended as declined.
        case declined(message: String)
        /// The user aborted the turn; the item ended as declined.
        case aborted
    }

    /// - Parameter prefixRule: the model's proposed `prefix_rule` for an "always allow" answer.
    static func decide(
        _ item: inout CommandExecutionItem, sandboxPermissions: SandboxPermissions, justification: String?,
        prefixRule: [String]? = nil, sessionKey: [String], context: ToolCallContext
    ) async -> Outcome {
        let settings = context.settings
        let sessionApproved = await context.isApprovedForSession(sessionKey)
        let request = ExecApprovalRequest(
            argv: item.command, cwd: item.cwd, approvalPolicy: settings.approvalPolicy, sandbox: settings.sandbox.mode,
            sandboxPermissions: sandboxPermissions, justification: justification,
            approvedForSession: sessionApproved ? [ExecApprovalKey(argv: item.command, cwd: item.cwd)] : [],
            prefixRule: prefixRule)
        let rules = context.execPolicy.current
        let retryAmendment = ExecApproval.retryAmendment(for: request, rules: rules)
        switch ExecApproval.requirement(for: request, rules: rules) {
        case .reject(let message):
            return .rejected(message: message)
        case .runSandboxed:
            await context.emit(.itemStarted(turnID: context.turnID, item: .commandExecution(item)))
            return .run(sandboxed: true, userApproved: sessionApproved, retryAmendment: retryAmendment)
        case .runUnsandboxed:
            await context.emit(.itemStarted(turnID: context.turnID, item: .commandExecution(item)))
            return .run(sandboxed: false, userApproved: sessionApproved, retryAmendment: retryAmendment)
        case .askUser(let reason, let amendment):
            await context.emit(.itemStarted(turnID: context.turnID, item: .commandExecution(item)))
            let decision = await ask(item, reason: reason, amendment: amendment, context: context)
            if case .approvedExecpolicyAmendment(let prefix) = decision { await remember(prefix, context: context) }
            switch ExecApproval.resolve(decision, for: request) {
            case .declined(let message):
                await finish(&item, status: .declined, context: context)
                return .declined(message: message)
            case .abortTurn:
                await finish(&item, status: .declined, context: context)
                return .aborted
            case .run(let runSandboxed, let remember):
                if remember != nil { await context.approveForSession(sessionKey) }
                return .run(sandboxed: runSandboxed, userApproved: true, retryAmendment: retryAmendment)
            }
        }
    }

    /// Asks the user about the command item (offering `amendment` as an "always allow" prefix rule);
    /// the approval id is the item (call) id.
    static func ask(
        _ item: CommandExecutionItem, reason: String?, amendment: [String]? = nil, context: ToolCallContext
    ) async -> ReviewDecision {
        let request = ApprovalRequest(
            approvalID: item.id, turnID: context.turnID, kind: .command(item, reason: reason),
            proposedExecpolicyAmendment: amendment)
        return await context.requestApproval(request)
    }

    /// Asks again before a rerun outside the sandbox; an "always allow" answer is remembered.
    static func askToRetry(
        _ item: CommandExecutionItem, reason: String?, amendment: [String]?, sessionKey: [String], context: ToolCallContext
    ) async -> RetryAnswer {
        switch await ask(item, reason: reason, amendment: amendment, context: context) {
        case .approved: return .rerun
        case .approvedExecpolicyAmendment(let prefix):
            await remember(prefix, context: context)
            return .rerun
        case .approvedForSession:
            await context.approveForSession(sessionKey)
            return .rerun
        case .denied, .timedOut: return .declined
        case .abort: return .aborted
        }
    }

    /// The answer to `askToRetry`.
    enum RetryAnswer: Sendable, Hashable {
        case rerun, declined, aborted
    }

    /// Persists an "always allow" answer as an exec-policy allow rule; a rules file that cannot be
    /// written is reported as a warning (the approved command still runs).
    static func remember(_ prefix: [String], context: ToolCallContext) async {
        do {
            try await context.execPolicy.rememberAllowedPrefix(prefix)
        } catch {
            await context.emit(.warning(message: "Failed to apply execpolicy amendment: \(error)"))
        }
    }

    /// Reports the item's end with `status`.
    static func finish(_ item: inout CommandExecutionItem, status: ItemStatus, context: ToolCallContext) async {
        item.status = status
        await context.emit(.itemCompleted(turnID: context.turnID, item: .commandExecution(item)))
    }
}
