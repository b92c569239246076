import CodexConfig
import CodexProtocol
import FoundationEssentials

/// Code review turns (`beginReview`), run as 0.163.0 runs them: a reviewer thread of its own (no rollout,
/// no approvals, empty base instructions, the review guidelines as its first developer message) gets the
/// review prompt; its commands and reasoning show in this turn, its messages do not. The turn reports
/// `enteredReviewMode`, then `exitedReviewMode` with the rendered review and an agent message with the
/// same text; the history keeps the review as a `<user_action>` message and that agent message.
extension AgentThread {
    /// Starts a review as a turn of its own; `runActiveTurn` runs it. Review turns cannot be steered.
    /// - Returns: the turn's id.
    /// - Throws: `AgentThreadError.turnInProgress` when a turn is already running.
    public func beginReview(_ request: ReviewRequest, overrides: TurnOverrides = TurnOverrides()) async throws -> String {
        if let current = activeTurnID { throw AgentThreadError.turnInProgress(turnID: current) }
        if let rolloutFailure { throw AgentThreadError.rolloutFailed(message: rolloutFailure) }
        apply(overrides)
        let turnID = UUID().uuidString.lowercased()
        pendingTurn = PendingTurn(
            id: turnID, input: [.text(request.userFacingHint)], userMessageID: "", review: request, historyStart: history.count)
        await persist([.taskStarted(turnID: turnID, at: Date())], turnID: turnID)
        return turnID
    }

    /// The body of a review turn.
    func reviewTurnBody(turnID: String, request: ReviewRequest) async -> TurnOutcome {
        let entered = ThreadItem.enteredReviewMode(id: UUID().uuidString.lowercased(), request: request)
        emit(.itemStarted(turnID: turnID, item: entered))
        emit(.itemCompleted(turnID: turnID, item: entered))
        await persistCompleted(entered, turnID: turnID)

        let reviewer = makeReviewer()
        await reviewer.prepareForReview(emitsStreamingDeltas: emitsStreamingDeltas)
        let outcome = await withTaskGroup(of: TurnOutcome?.self) { group in
            group.addTask {
                let outcome: TurnOutcome
                do {
                    outcome = try await reviewer.runTurn([.text(request.prompt)])
                } catch {
                    outcome = .failed(message: "\(error)")
                }
                await reviewer.shutdown()
                return outcome
            }
            group.addTask {
                for await event in reviewer.events { await self.relayReviewerEvent(event, turnID: turnID, reviewer: reviewer) }
                return nil
            }
            var result = TurnOutcome.interrupted
            for await outcome in group { if let outcome { result = outcome } }
            return result
        }

        let output: ReviewOutput?
        if case .completed(let lastMessage) = outcome { output = ReviewOutput.parse(lastMessage ?? "") } else { output = nil }
        let text = ReviewOutput.reviewText(output)
        let exited = ThreadItem.exitedReviewMode(id: UUID().uuidString.lowercased(), output: output)
        emit(.itemStarted(turnID: turnID, item: exited))
        emit(.itemCompleted(turnID: turnID, item: exited))
        await persistCompleted(exited, turnID: turnID)
        let summary = ResponseItem.message(
            MessageItem(role: "user", content: [.inputText(ReviewOutput.historyMessage(for: output))]))
        await record([summary], turnID: turnID)
        guard output != nil else { return outcome }

        let message = ThreadItem.agentMessage(id: Self.newItemID(prefix: "msg"), text: text)
        emit(.itemStarted(turnID: turnID, item: message))
        emit(.itemCompleted(turnID: turnID, item: message))
        await persistCompleted(message, turnID: turnID)
        await record([.message(MessageItem(role: "assistant", content: [.outputText(text)]))], turnID: turnID)
        return .completed(lastAgentMessage: text)
    }

    /// The thread the review runs in: this thread's model, command tools and sandbox, no approvals, no rollout.
    private func makeReviewer() -> AgentThread {
        var reviewSettings = settings
        reviewSettings.approvalPolicy = .never
        reviewSettings.baseInstructions = ""
        reviewSettings.developerInstructions = nil
        reviewSettings.outputSchema = nil
        // As 0.163.0's reviewer: it reads and runs commands, it does not edit or keep a plan.
        reviewSettings.withheldTools = ["apply_patch", "update_plan"]
        reviewSettings.subagent = "review"
        let reviewer = AgentThread(
            threadID: UUID().uuidString.lowercased(), settings: reviewSettings, model: model, tools: tools, rollout: nil,
            execPolicy: execPolicy)
        return reviewer
    }

    /// Seeds a fresh reviewer's history with the review guidelines (its initial context follows them, then
    /// the prompt), and streams deltas when the thread it reviews for does.
    private func prepareForReview(emitsStreamingDeltas: Bool) {
        history = [.message(MessageItem(role: "developer", content: [.inputText(ReviewGuidelines.text)]))]
        setEmitsStreamingDeltas(emitsStreamingDeltas)
    }

    /// Passes what the reviewer does on as this turn's: its commands, reasoning, its prompt as a user message
    /// and its stream errors. Its own messages (the raw JSON result), turn events and token counts stay
    /// inside; an approval it should never ask for is declined.
    private func relayReviewerEvent(_ event: AgentEvent, turnID: String, reviewer: AgentThread) async {
        switch event {
        case .itemStarted(_, .agentMessage), .itemCompleted(_, .agentMessage), .agentMessageDelta, .turnStarted,
            .turnCompleted, .tokenUsageUpdated, .planUpdated, .turnDiffUpdated, .approvalResolved:
            return
        case .itemStarted(_, let item): emit(.itemStarted(turnID: turnID, item: item))
        case .itemCompleted(_, let item): emit(.itemCompleted(turnID: turnID, item: item))
        case .reasoningSummaryDelta(_, let itemID, let delta, let index):
            emit(.reasoningSummaryDelta(turnID: turnID, itemID: itemID, delta: delta, summaryIndex: index))
        case .reasoningSummaryPartAdded(_, let itemID, let index):
            emit(.reasoningSummaryPartAdded(turnID: turnID, itemID: itemID, summaryIndex: index))
        case .reasoningContentDelta(_, let itemID, let delta, let index):
            emit(.reasoningContentDelta(turnID: turnID, itemID: itemID, delta: delta, contentIndex: index))
        case .commandOutputDelta(_, let itemID, let delta):
            emit(.commandOutputDelta(turnID: turnID, itemID: itemID, delta: delta))
        case .terminalInteraction(_, let itemID, let processID, let stdin):
            emit(.terminalInteraction(turnID: turnID, itemID: itemID, processID: processID, stdin: stdin))
        case .approvalRequested(let request):
            await reviewer.resolveApproval(id: request.approvalID, decision: .denied)
        case .rateLimitsUpdated(_, let limits): emit(.rateLimitsUpdated(turnID: turnID, rateLimits: limits))
        case .streamError(_, let message, let willRetry): emit(.streamError(turnID: turnID, message: message, willRetry: willRetry))
        case .warning(let message): emit(.warning(message: message))
        }
    }

    private func persistCompleted(_ item: ThreadItem, turnID: String) async {
        if let record = RolloutItem.itemCompleted(threadID: threadID, turnID: turnID, item: item, at: Date()) {
            await persist([record], turnID: turnID)
        }
    }
}
