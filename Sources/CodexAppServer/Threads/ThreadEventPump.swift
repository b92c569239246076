import CodexBasics
import CodexCore
import CodexProtocol
import FoundationEssentials
import Synchronization

/// Turns one thread's `AgentEvent`s into v2 notifications for every subscribed connection, and approval
/// requests for the connection that started the turn.
///
/// It is the single consumer of the thread's events (one pump per loaded thread), and runs in the server's
/// background work, so the thread keeps its pump when the connection that loaded it goes away. Approvals are
/// asked in background tasks of their own so later events keep flowing while the client decides.
final class ThreadEventPump: Sendable {
    private struct TurnState {
        var startedAtMs: Int64
        /// The final agent message, kept for `turn/completed`'s item summary.
        var lastAgentMessage: AppServerV2.ThreadItem?
    }

    let threadID: String
    private let thread: AgentThread
    private let subscribers: ThreadSubscribers
    private let registry: ThreadRegistry
    private let background: BackgroundWork
    /// Every initialized connection: `thread/status/changed` goes to all of them, as the reference sends it.
    private let everyone: LiveConnections
    private let turns = Mutex<[String: TurnState]>([:])
    /// Called once the thread's events have ended (the thread shut down).
    private let onEnded: @Sendable () -> Void
    private let mcpApprovals: MCPApprovalSettings

    init(
        thread: AgentThread, subscribers: ThreadSubscribers, registry: ThreadRegistry, background: BackgroundWork,
        everyone: LiveConnections, mcpApprovals: MCPApprovalSettings = MCPApprovalSettings(),
        onEnded: @escaping @Sendable () -> Void = {}
    ) {
        self.mcpApprovals = mcpApprovals
        self.threadID = thread.threadID
        self.thread = thread
        self.subscribers = subscribers
        self.registry = registry
        self.background = background
        self.everyone = everyone
        self.onEnded = onEnded
    }

    /// Starts forwarding the thread's events until the thread shuts down. The events are forwarded on the
    /// thread's own actor, which produced them: a delta then reaches the writers without waking another thread.
    @discardableResult
    func start() -> Bool {
        let thread = thread
        return background.spawn {
            await Self.forwardEach(of: thread.events, to: { event in await self.handle(event) }, isolation: thread)
            self.onEnded()
        }
    }

    private static func forwardEach(
        of events: AgentEventStream, to forward: nonisolated(nonsending) @Sendable (AgentEvent) async -> Void,
        isolation: isolated (any Actor)?
    ) async {
        for await event in events { await forward(event) }
    }

    /// Runs on the caller's executor: the subscription calls it on the thread's own actor (see `start`).
    nonisolated(nonsending) func handle(_ event: AgentEvent) async {
        switch event {
        case .turnStarted(let turnID):
            let now = WireMapping.nowMs()
            turns.withLock { $0[turnID] = TurnState(startedAtMs: now) }
            await notify(AppServerV2.ThreadStatusChangedNotification(
                threadId: threadID, status: .active(activeFlags: [])))
            let turn = AppServerV2.Turn(
                id: turnID, items: [], status: .inProgress, startedAt: now / 1000, itemsView: .notLoaded,
                rootTurnId: turnID)
            await notify(AppServerV2.TurnStartedNotification(threadId: threadID, turn: turn))
        case .itemStarted(let turnID, let item):
            guard let wire = WireMapping.item(item) else { return }
            await notify(AppServerV2.ItemStartedNotification(
                threadId: threadID, turnId: turnID, item: wire, startedAtMs: WireMapping.nowMs()))
        case .itemCompleted(let turnID, let item):
            guard let wire = WireMapping.item(item) else { return }
            if case .agentMessage = item { turns.withLock { $0[turnID]?.lastAgentMessage = wire } }
            await notify(AppServerV2.ItemCompletedNotification(
                threadId: threadID, turnId: turnID, item: wire, completedAtMs: WireMapping.nowMs()))
        case .agentMessageDelta(let turnID, let itemID, let delta):
            await notify(
                AppServerV2.AgentMessageDeltaNotification(
                    threadId: threadID, turnId: turnID, itemId: itemID, delta: delta))
        case .reasoningSummaryDelta(let turnID, let itemID, let delta, let index):
            await notify(AppServerV2.ReasoningSummaryTextDeltaNotification(
                threadId: threadID, turnId: turnID, itemId: itemID, delta: delta, summaryIndex: Int64(index)))
        case .reasoningSummaryPartAdded(let turnID, let itemID, let index):
            await notify(AppServerV2.ReasoningSummaryPartAddedNotification(
                threadId: threadID, turnId: turnID, itemId: itemID, summaryIndex: Int64(index)))
        case .reasoningContentDelta(let turnID, let itemID, let delta, let index):
            await notify(AppServerV2.ReasoningTextDeltaNotification(
                threadId: threadID, turnId: turnID, itemId: itemID, delta: delta, contentIndex: Int64(index)))
        case .commandOutputDelta(let turnID, let itemID, let delta):
            await notify(
                AppServerV2.CommandExecutionOutputDeltaNotification(
                    threadId: threadID, turnId: turnID, itemId: itemID, delta: delta))
        case .terminalInteraction(let turnID, let itemID, let processID, let stdin):
            await notify(
                AppServerV2.TerminalInteractionNotification(
                    threadId: threadID, turnId: turnID, itemId: itemID, processId: processID, stdin: stdin))
        case .approvalRequested(let request):
            await requestApproval(request)
        case .approvalResolved:
            if let status = await registry.setWaitingOnApproval(threadID: threadID, false) {
                await notify(AppServerV2.ThreadStatusChangedNotification(
                    threadId: threadID, status: status))
            }
        case .planUpdated(let turnID, let explanation, let plan):
            let steps = plan.map { step in
                AppServerV2.TurnPlanStep(step: step.step, status: Self.planStatus(step.status))
            }
            await notify(AppServerV2.TurnPlanUpdatedNotification(
                threadId: threadID, turnId: turnID, explanation: explanation, plan: steps))
        case .turnDiffUpdated(let turnID, let diff):
            await notify(AppServerV2.TurnDiffUpdatedNotification(
                threadId: threadID, turnId: turnID, diff: diff))
        case .tokenUsageUpdated(let turnID, let usage):
            await notify(AppServerV2.ThreadTokenUsageUpdatedNotification(
                threadId: threadID, turnId: turnID, tokenUsage: WireMapping.tokenUsage(usage)))
        case .rateLimitsUpdated(_, let rateLimits):
            await notify(AppServerV2.AccountRateLimitsUpdatedNotification(rateLimits: WireMapping.rateLimits(rateLimits)))
        case .streamError(let turnID, let message, let willRetry):
            await notify(AppServerV2.ErrorNotification(
                error: AppServerV2.TurnError(message: message), willRetry: willRetry, threadId: threadID,
                turnId: turnID))
        case .warning(let message):
            await notify(AppServerV2.WarningNotification(message: message, threadId: threadID))
        case .turnCompleted(let turnID, let outcome):
            await completeTurn(turnID: turnID, outcome: outcome)
        }
    }

    private nonisolated(nonsending) func completeTurn(turnID: String, outcome: TurnOutcome) async {
        for connection in subscribers.all { await connection.clearServerRequests(threadID: threadID) }
        let state = turns.withLock { $0.removeValue(forKey: turnID) }
        let gates = await registry.turnEnded(threadID: threadID, turnID: turnID)
        // A `turn/interrupt` answers first; its response opens the gate.
        for gate in gates { await gate.wait(orIfCancelled: ()) }
        let now = WireMapping.nowMs()
        var turn = AppServerV2.Turn(
            id: turnID, items: [], status: .completed, startedAt: state.map { $0.startedAtMs / 1000 },
            completedAt: now / 1000, durationMs: state.map { now - $0.startedAtMs }, itemsView: .summary,
            rootTurnId: turnID)
        switch outcome {
        case .completed:
            if let message = state?.lastAgentMessage { turn.items = [message] }
        case .interrupted:
            turn.status = .interrupted
        case .failed(let message):
            turn.status = .failed
            turn.error = AppServerV2.TurnError(message: message)
        }
        await notify(AppServerV2.TurnCompletedNotification(threadId: threadID, turn: turn))
        // As the reference does, a failed turn leaves the thread in `systemError` until the next turn.
        await notify(AppServerV2.ThreadStatusChangedNotification(
            threadId: threadID, status: turn.status == .failed ? .systemError : .idle))
    }

    /// Asks in a background task of its own; the answer goes back to the thread. The turn's owner is asked
    /// first; when a connection closes before answering, the next subscriber is asked, and with none left
    /// the approval is declined, so a turn never waits on a client that is gone.
    private nonisolated(nonsending) func requestApproval(_ request: ApprovalRequest) async {
        let threadID = threadID
        let ask: @Sendable (AppServerConnection) async -> Result<JSONValue, JSONRPCErrorObject>
        switch request.kind {
        case .command(let command, let reason):
            // As the reference: with a proposed prefix rule the choices are accept, "always allow", cancel.
            let amendment = request.proposedExecpolicyAmendment
            let decisions: [AppServerV2.CommandExecutionApprovalDecision] =
                amendment.map { [.accept, .acceptWithExecpolicyAmendment($0), .cancel] }
                ?? [.accept, .acceptForSession, .decline, .cancel]
            let params = AppServerV2.CommandExecutionRequestApprovalParams(
                threadId: threadID, turnId: request.turnID, itemId: command.id, startedAtMs: WireMapping.nowMs(),
                reason: reason, command: command.displayCommand, cwd: command.cwd,
                commandActions: WireMapping.commandActions(command.parsedCommands, fallback: command.displayCommand),
                proposedExecpolicyAmendment: amendment, availableDecisions: decisions)
            ask = { connection in
                await connection.sendThreadRequest(
                    AppServerV2.ServerRequests.commandExecutionApproval, threadID: threadID, params: params)
            }
        case .externalToolCall(let prompt):
            await requestToolCallApproval(request, prompt)
            return
        case .fileChange(let change, let reason, let grantRoot):
            let params = AppServerV2.FileChangeRequestApprovalParams(
                threadId: threadID, turnId: request.turnID, itemId: change.id, startedAtMs: WireMapping.nowMs(),
                reason: reason, grantRoot: grantRoot)
            ask = { connection in
                await connection.sendThreadRequest(
                    AppServerV2.ServerRequests.fileChangeApproval, threadID: threadID, params: params)
            }
        }
        if let status = await registry.setWaitingOnApproval(threadID: threadID, true) {
            await notify(AppServerV2.ThreadStatusChangedNotification(threadId: threadID, status: status))
        }
        let thread = thread
        let subscribers = subscribers
        let asked = background.spawn {
            let reply = await subscribers.ask(ask)
            await thread.resolveApproval(id: request.approvalID, decision: ReviewDecision(approvalReply: reply))
        }
        if !asked { await thread.resolveApproval(id: request.approvalID, decision: .denied) }
    }

    /// An MCP tool call's approval (spec mcp-client §6.2, §6.4): `mcpServer/elicitation/request`, or
    /// `item/tool/requestUserInput` with the elicitation feature off; "always" writes the tool's
    /// `approval_mode = "approve"` to the user config before the call runs.
    private nonisolated(nonsending) func requestToolCallApproval(
        _ request: ApprovalRequest, _ prompt: ExternalToolApprovalPrompt
    ) async {
        let threadID = threadID
        let settings = mcpApprovals
        if let status = await registry.setWaitingOnApproval(threadID: threadID, true) {
            await notify(AppServerV2.ThreadStatusChangedNotification(threadId: threadID, status: status))
        }
        let thread = thread
        let subscribers = subscribers
        let asked = background.spawn {
            let answer: MCPApprovalRequests.ToolCallAnswer
            if settings.usesElicitation {
                let params = MCPApprovalRequests.elicitationParams(threadID: threadID, turnID: request.turnID, prompt: prompt)
                let reply = await subscribers.ask { connection in
                    await connection.sendThreadRequest(
                        AppServerV2.ServerRequests.mcpServerElicitation, threadID: threadID, params: params)
                }
                answer = MCPApprovalRequests.toolCallAnswer(elicitationReply: reply)
            } else {
                let params = MCPApprovalRequests.userInputParams(
                    threadID: threadID, turnID: request.turnID, callID: request.approvalID, prompt: prompt)
                let reply = await subscribers.ask { connection in
                    await connection.sendThreadRequest(
                        AppServerV2.ServerRequests.toolRequestUserInput, threadID: threadID, params: params)
                }
                answer = MCPApprovalRequests.toolCallAnswer(userInputReply: reply, callID: request.approvalID)
            }
            if answer.rememberAlways { await settings.rememberAlways(prompt.target.server, prompt.target.tool) }
            await thread.resolveApproval(id: request.approvalID, decision: answer.decision)
        }
        if !asked { await thread.resolveApproval(id: request.approvalID, decision: .denied) }
    }

    /// Sends a notification to every subscribed connection (a status change to every connection), serialized once.
    private nonisolated(nonsending) func notify<Notification: ServerNotification>(_ notification: Notification) async {
        let params: JSONValue
        do {
            params = try notification.wireValue()
        } catch {
            AppServerMain.logToStandardError("cannot encode \(Notification.method): \(error)")
            return
        }
        var recipients = subscribers.all
        if Notification.self == AppServerV2.ThreadStatusChangedNotification.self {
            for connection in everyone.all where !recipients.contains(where: { $0 === connection }) {
                recipients.append(connection)
            }
        }
        for connection in recipients { await connection.notify(method: Notification.method, params: params) }
    }

    private static func planStatus(_ status: PlanStep.Status) -> AppServerV2.TurnPlanStepStatus {
        switch status {
        case .pending: return .pending
        case .inProgress: return .inProgress
        case .completed: return .completed
        }
    }
}

/// How a thread asks about MCP tool calls: by elicitation or the `request_user_input` fallback, and where an
/// "always" answer is written.
struct MCPApprovalSettings: Sendable {
    /// Feature `tool_call_mcp_elicitation` (on unless disabled).
    var usesElicitation = true
    /// Writes `mcp_servers.<server>.tools.<tool>.approval_mode = "approve"`.
    var rememberAlways: @Sendable (_ server: String, _ tool: String) async -> Void = { _, _ in }
}
