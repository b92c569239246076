import CodexProtocol

/// The approval step every new command goes through (`shell_command` and `exec_command`): decides
/// from the policy whether to refuse, ask the user, or run inside or outside the sandbox, and
/// reports the command item's start (and its end when the user declines).
enum CommandApprovalFlow {
    /// What the step decided.
    enum Outcome: Sendable, Hashable {
        /// Run it; `userApproved` when the user said yes (now or earlier in the session).
        case run(sandboxed: Bool, userApproved: Bool)
        /// The policy refuses it; no item was reported.
        case rejected(message: String)
        /// The user declined; the item ended as declined.
        case declined(message: String)
        /// The user aborted the turn; the item ended as declined.
        case aborted
    }

    static func decide(
        _ item: inout CommandExecutionItem, sandboxPermissions: SandboxPermissions, justification: String?,
        sessionKey: [String], context: ToolCallContext
    ) async -> Outcome {
        let settings = context.settings
        let sessionApproved = await context.isApprovedForSession(sessionKey)
        let request = ExecApprovalRequest(
            argv: item.command, cwd: item.cwd, approvalPolicy: settings.approvalPolicy, sandbox: settings.sandbox.mode,
            sandboxPermissions: sandboxPermissions, justification: justification,
            approvedForSession: sessionApproved ? [ExecApprovalKey(argv: item.command, cwd: item.cwd)] : [])
        switch ExecApproval.requirement(for: request) {
        case .reject(let message):
            return .rejected(message: message)
        case .runSandboxed:
            await context.emit(.itemStarted(turnID: context.turnID, item: .commandExecution(item)))
            return .run(sandboxed: true, userApproved: sessionApproved)
        case .runUnsandboxed:
            await context.emit(.itemStarted(turnID: context.turnID, item: .commandExecution(item)))
            return .run(sandboxed: false, userApproved: sessionApproved)
        case .askUser(let reason, _):
            await context.emit(.itemStarted(turnID: context.turnID, item: .commandExecution(item)))
            let decision = await ask(item, reason: reason, context: context)
            switch ExecApproval.resolve(decision, for: request) {
            case .declined(let message):
                await finish(&item, status: .declined, context: context)
                return .declined(message: message)
            case .abortTurn:
                await finish(&item, status: .declined, context: context)
                return .aborted
            case .run(let runSandboxed, let remember):
                if remember != nil { await context.approveForSession(sessionKey) }
                return .run(sandboxed: runSandboxed, userApproved: true)
            }
        }
    }

    /// Asks the user about the command item; the approval id is the item (call) id.
    static func ask(_ item: CommandExecutionItem, reason: String?, context: ToolCallContext) async -> ReviewDecision {
        let request = ApprovalRequest(
            approvalID: item.id, turnID: context.turnID, kind: .command(item, reason: reason))
        return await context.requestApproval(request)
    }

    /// Reports the item's end with `status`.
    static func finish(_ item: inout CommandExecutionItem, status: ItemStatus, context: ToolCallContext) async {
        item.status = status
        await context.emit(.itemCompleted(turnID: context.turnID, item: .commandExecution(item)))
    }
}
