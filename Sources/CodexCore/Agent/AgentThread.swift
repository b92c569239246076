public import CodexProtocol
import CodexConfig
import FoundationEssentials

/// One agent conversation: owns its history and runs its turns one at a time.
///
/// Front ends call `beginTurn` (which persists the user's message before returning, so an
/// acknowledged turn survives a crash), then `runActiveTurn` in a task they own, and read
/// `events`. `interrupt` and `resolveApproval` may be called from any task while a turn runs.
public actor AgentThread {
    public nonisolated let threadID: String
    /// Everything the thread reports, in order. Ends when the thread is shut down.
    public nonisolated let events: AgentEventStream
    private let eventChannel = EventChannel<AgentEvent>()
    private(set) var emitsStreamingDeltas = true
    let model: any ModelStreaming
    let tools: any ToolExecuting
    let rollout: (any RolloutSink)?
    /// The exec-policy rules commands are decided by, and where "always allow" answers are remembered.
    let execPolicy: ExecPolicyManager

    public internal(set) var settings: ThreadSettings
    public internal(set) var history: [ResponseItem]
    public internal(set) var totalUsage = TokenUsage.zero
    /// The running turn's usage so far.
    var turnUsage = TokenUsage.zero
    /// What the context held at the last response (its `total_tokens`, or an estimate after a compaction),
    /// and how long the history was then: items added since are estimated on top (`contextTokens`).
    var contextTokensAtResponse: Int
    var historyCountAtResponse: Int
    /// When the running turn began (for its `task_complete` record).
    private var turnStartedAt = Date()
    /// Why the rollout can no longer be written, once a write failed: the turn then ends failed, and
    /// the thread refuses new turns (its history on disk would have a hole).
    var rolloutFailure: String?
    var reportedEnvironment: EnvironmentContext?
    var activeTurn: ActiveTurn?
    var pendingTurn: PendingTurn?
    private var stream = StreamState()
    private var unansweredCalls: [ToolCall] = []
    private var sessionApprovedCommands: Set<[String]> = []
    /// External tools (server, tool) the user approved for the session.
    private var sessionApprovedExternalTools: Set<[String]> = []
    private var approvalSlots: [String: ApprovalSlot] = [:]
    /// Input added to the running turn by `steer`, not yet shown to the model.
    private var steeredInput: [[UserInput]] = []

    struct ActiveTurn {
        let id: String
        let interrupt: AsyncStream<Void>.Continuation
        var isCompaction = false
        var isReview = false
    }

    struct PendingTurn {
        let id: String
        let input: [UserInput]
        let userMessageID: String
        /// A manual compaction (`beginCompaction`) rather than a turn with user input.
        var isCompaction = false
        /// A code review (`beginReview`): its turn runs the review in a thread of its own.
        var review: ReviewRequest?
        /// Where this turn's items begin in the history.
        var historyStart = 0
    }

    /// What the current model response has produced so far.
    private struct StreamState {
        var messageID: String?
        var messageText = ""
        var reasoningID: String?
        var reasoningSummary: [String] = []
        var reasoningContent: [String] = []
        var toolCalls: [ToolCall] = []
        var lastAgentMessage: String?
        /// What the response's headers said of the rate limits (recorded with its token count).
        var rateLimits: RateLimitSnapshot?
        /// The web searches reported as started (when their item was added).
        var startedWebSearches: Set<String> = []
    }

    /// Creates a thread; `history` is non-empty when resuming (its initial context is kept).
    /// - Parameters:
    ///   - usage: the running token total a resumed thread continues from.
    ///   - contextTokens: what the resumed context last held (the last response's `total_tokens`).
    ///   - recordedEnvironment: the environment the resumed history last told the model (by default the
    ///     one `settings` describe); the next turn reports what changed since.
    ///   - execPolicy: the exec-policy rules (by default none, remembered in memory only).
    public init(
        threadID: String, settings: ThreadSettings, model: any ModelStreaming, tools: any ToolExecuting,
        rollout: (any RolloutSink)?, history: [ResponseItem] = [], usage: TokenUsage = .zero,
        contextTokens: Int = 0, recordedEnvironment: EnvironmentContext? = nil,
        execPolicy: ExecPolicyManager = ExecPolicyManager(codexHome: nil)
    ) {
        self.execPolicy = execPolicy
        self.threadID = threadID
        self.settings = settings
        self.model = model
        self.tools = tools
        self.rollout = rollout
        self.history = history
        self.totalUsage = usage
        contextTokensAtResponse = contextTokens
        historyCountAtResponse = history.count
        if !history.isEmpty { reportedEnvironment = recordedEnvironment ?? settings.environmentContext }
        events = AgentEventStream(channel: eventChannel)
    }

    /// The id of the turn in progress, if any.
    public var activeTurnID: String? { activeTurn?.id ?? pendingTurn?.id }

    /// Starts a turn: applies overrides, records the user's input and flushes it to disk.
    /// - Returns: the new turn's id.
    /// - Throws: `AgentThreadError.turnInProgress` when a turn is already running.
    public func beginTurn(_ input: [UserInput], overrides: TurnOverrides = TurnOverrides()) async throws -> String {
        if activeTurn?.isReview ?? (pendingTurn?.review != nil) {
            throw AgentThreadError.activeTurnNotSteerable(kind: "review")
        }
        if let current = activeTurnID { throw AgentThreadError.turnInProgress(turnID: current) }
        guard !input.isEmpty else { throw AgentThreadError.emptyInput }
        if let rolloutFailure { throw AgentThreadError.rolloutFailed(message: rolloutFailure) }
        let turnID = UUID().uuidString.lowercased()
        let userMessageID = UUID().uuidString.lowercased()
        let previous = (settings, history, reportedEnvironment)
        pendingTurn = PendingTurn(id: turnID, input: input, userMessageID: userMessageID, historyStart: history.count)
        apply(overrides)
        let context = contextItems()
        let userItem = ResponseItem.message(MessageItem(role: "user", content: input.map(Self.contentItem)))
        history += context + [userItem]
        if let rollout {
            // The order 0.163.0 writes: task_started, context, turn_context, settings, the user's message.
            let now = Date()
            var entries: [RolloutItem] = [.taskStarted(turnID: turnID, at: now)]
            entries += context.map(RolloutItem.responseItem)
            entries.append(.turnContext(turnContextRecord(turnID: turnID)))
            entries.append(.threadSettingsApplied(threadID: threadID, settings: settingsRecord()))
            entries.append(.responseItem(userItem))
            if let completed = RolloutItem.itemCompleted(
                threadID: threadID, turnID: turnID, item: .userMessage(id: userMessageID, content: input), at: now)
            {
                entries.append(completed)
            }
            do {
                try await rollout.append(contentsOf: entries)
                try await rollout.flush()
            } catch {
                // Nothing of this turn counts: the thread is as it was, and says why it cannot go on.
                (settings, history, reportedEnvironment) = previous
                pendingTurn = nil
                let message = Self.rolloutFailureMessage(error)
                rolloutFailure = message
                throw AgentThreadError.rolloutFailed(message: message)
            }
        }
        return turnID
    }

    /// Starts a manual compaction as a turn of its own (`thread/compact/start`); `runActiveTurn` runs it.
    /// - Returns: the turn's id.
    /// - Throws: `AgentThreadError.turnInProgress` when a turn is already running.
    public func beginCompaction() async throws -> String {
        if let current = activeTurnID { throw AgentThreadError.turnInProgress(turnID: current) }
        if let rolloutFailure { throw AgentThreadError.rolloutFailed(message: rolloutFailure) }
        let turnID = UUID().uuidString.lowercased()
        pendingTurn = PendingTurn(id: turnID, input: [], userMessageID: "", isCompaction: true, historyStart: history.count)
        await persist([.taskStarted(turnID: turnID, at: Date()), .turnContext(turnContextRecord(turnID: turnID))], turnID: turnID)
        return turnID
    }

    /// Whether the turn in progress is a manual compaction.
    var activeTurnIsCompaction: Bool { activeTurn?.isCompaction ?? pendingTurn?.isCompaction ?? false }

    /// Runs the turn begun by `beginTurn` to its end; returns at once if there is none.
    public func runActiveTurn() async -> TurnOutcome? {
        guard let pending = pendingTurn else { return nil }
        pendingTurn = nil
        let (signal, interrupt) = AsyncStream<Void>.makeStream()
        activeTurn = ActiveTurn(
            id: pending.id, interrupt: interrupt, isCompaction: pending.isCompaction, isReview: pending.review != nil)
        let turnID = pending.id
        turnUsage = .zero
        turnStartedAt = Date()
        emit(.turnStarted(turnID: turnID))
        if !pending.isCompaction, pending.review == nil {
            let userItem = ThreadItem.userMessage(id: pending.userMessageID, content: pending.input)
            emit(.itemStarted(turnID: turnID, item: userItem))
            emit(.itemCompleted(turnID: turnID, item: userItem))
        }

        let outcome: TurnOutcome = await withTaskGroup(of: TurnOutcome?.self) { group in
            group.addTask {
                if pending.isCompaction { return await self.compactionTurnBody(turnID: turnID) }
                if let review = pending.review { return await self.reviewTurnBody(turnID: turnID, request: review) }
                return await self.turnBody(turnID: turnID, historyStart: pending.historyStart)
            }
            group.addTask {
                for await _ in signal { return .interrupted }
                return nil
            }
            var result = TurnOutcome.interrupted
            if let first = await group.next(), let first { result = first }
            group.cancelAll()
            while await group.next() != nil {}
            return result
        }
        interrupt.finish()
        if outcome == .interrupted { await tools.endBackgroundWork(threadID: threadID) }
        await finishTurn(turnID: turnID, outcome: outcome)
        return outcome
    }

    /// `beginTurn` then `runActiveTurn`.
    public func runTurn(_ input: [UserInput], overrides: TurnOverrides = TurnOverrides()) async throws -> TurnOutcome {
        _ = try await beginTurn(input, overrides: overrides)
        return await runActiveTurn() ?? .interrupted
    }

    /// Adds input to the running turn: the model sees it with its next request (the turn goes on
    /// for one more request when the model had already finished). Returns the turn's id.
    /// - Throws: `AgentThreadError` when no turn runs, another turn runs, or `input` is empty.
    public func steer(_ input: [UserInput], expectedTurnID: String) throws -> String {
        guard let current = activeTurnID else { throw AgentThreadError.noActiveTurn }
        if activeTurnIsCompaction { throw AgentThreadError.activeTurnNotSteerable(kind: "compact") }
        guard current == expectedTurnID else {
            throw AgentThreadError.turnMismatch(expected: expectedTurnID, found: current)
        }
        if activeTurn?.isReview ?? (pendingTurn?.review != nil) {
            throw AgentThreadError.activeTurnNotSteerable(kind: "review")
        }
        guard !input.isEmpty else { throw AgentThreadError.emptyInput }
        steeredInput.append(input)
        return current
    }

    /// Interrupts the running turn (its model request and commands are cancelled). Returns the
    /// interrupted turn's id, or nil when no turn was running.
    @discardableResult
    public func interrupt() -> String? {
        guard let turn = activeTurn else { return nil }
        turn.interrupt.yield()
        return turn.id
    }

    /// Delivers the user's decision for a pending approval; false when none has that id.
    @discardableResult
    public func resolveApproval(id: String, decision: ReviewDecision) -> Bool {
        approvalSlots[id]?.resolve(decision) ?? false
    }

    /// Ends the event stream; call after the last turn.
    public func shutdown() async {
        interrupt()
        await tools.endBackgroundWork(threadID: threadID)
        if let rollout, rolloutFailure == nil {
            do {
                try await rollout.flush()
            } catch {
                let message = Self.rolloutFailureMessage(error)
                rolloutFailure = message
                emit(.warning(message: message))
            }
        }
        eventChannel.finish()
    }

    // MARK: - The turn loop

    private func turnBody(turnID: String, historyStart: Int) async -> TurnOutcome {
        if let stopped = await compactBeforeTurnIfNeeded(turnID: turnID, historyStart: historyStart) { return stopped }
        var compactedForContextWindow = false
        while true {
            if Task.isCancelled { return .interrupted }
            await recordSteeredInput(turnID: turnID)
            stream = StreamState()
            let toolSpecs = await tools.modelToolSpecs(threadID: threadID, settings: settings)
            let prompt = ModelPrompt(
                model: settings.model, instructions: settings.baseInstructions, input: history,
                tools: toolSpecs, reasoningEffort: settings.reasoningEffort,
                reasoningSummary: settings.reasoningSummary, outputSchema: settings.outputSchema, threadID: threadID,
                extraHeaders: settings.subagent.map { ["x-openai-subagent": $0] } ?? [:])
            do {
                try await model.stream(prompt, isolation: self) { update in await self.apply(update, turnID: turnID) }
            } catch {
                if Task.isCancelled || error is CancellationError { return .interrupted }
                if Self.isContextWindowExceeded(error) {
                    // Compact once and try again; a history that still does not fit ends the turn.
                    if !compactedForContextWindow {
                        compactedForContextWindow = true
                        if let stopped = await compact(turnID: turnID, history: history, keeping: []) { return stopped }
                        continue
                    }
                    markContextWindowFull()
                }
                let message = Self.isContextWindowExceeded(error) ? Compaction.contextWindowExceededMessage : "\(error)"
                emit(.streamError(turnID: turnID, message: message, willRetry: false))
                return .failed(message: message)
            }
            if let rolloutFailure { return .failed(message: rolloutFailure) }
            let calls = stream.toolCalls
            if calls.isEmpty {
                if !steeredInput.isEmpty {
                    if let stopped = await compactMidTurnIfNeeded(turnID: turnID) { return stopped }
                    continue
                }
                return .completed(lastAgentMessage: stream.lastAgentMessage)
            }
            for call in calls {
                if Task.isCancelled { return .interrupted }
                let result = await tools.execute(call, context: toolContext(turnID: turnID))
                await record([call.outputItem(result)], turnID: turnID)
                unansweredCalls.removeAll { $0.callID == call.callID }
                if let rolloutFailure { return .failed(message: rolloutFailure) }
                if result.abortTurn { return .interrupted }
            }
            if let stopped = await compactMidTurnIfNeeded(turnID: turnID) { return stopped }
        }
    }

    private func apply(_ update: ModelStreamUpdate, turnID: String) async {
        switch update {
        case .itemAdded(.message(let message)) where message.role == "assistant":
            startMessage(id: message.id, turnID: turnID)
        case .itemAdded(.reasoning(let reasoning)):
            startReasoning(id: reasoning.id, turnID: turnID)
        case .itemAdded(.unknown("web_search_call", let raw)):
            guard let search = WebSearchItem(responseItem: raw, done: false) else { break }
            stream.startedWebSearches.insert(search.id)
            emit(.itemStarted(turnID: turnID, item: .webSearch(search)))
        case .itemAdded:
            break
        case .textDelta(let delta):
            if stream.messageID == nil { startMessage(id: nil, turnID: turnID) }
            stream.messageText += delta
            emit(.agentMessageDelta(turnID: turnID, itemID: stream.messageID ?? "", delta: delta))
        case .reasoningSummaryDelta(let delta, let index):
            if stream.reasoningID == nil { startReasoning(id: nil, turnID: turnID) }
            while stream.reasoningSummary.count <= index { stream.reasoningSummary.append("") }
            stream.reasoningSummary[index] += delta
            emit(.reasoningSummaryDelta(turnID: turnID, itemID: stream.reasoningID ?? "", delta: delta, summaryIndex: index))
        case .reasoningSummaryPartAdded(let index):
            if stream.reasoningID == nil { startReasoning(id: nil, turnID: turnID) }
            emit(.reasoningSummaryPartAdded(turnID: turnID, itemID: stream.reasoningID ?? "", summaryIndex: index))
        case .reasoningContentDelta(let delta, let index):
            if stream.reasoningID == nil { startReasoning(id: nil, turnID: turnID) }
            while stream.reasoningContent.count <= index { stream.reasoningContent.append("") }
            stream.reasoningContent[index] += delta
            emit(.reasoningContentDelta(turnID: turnID, itemID: stream.reasoningID ?? "", delta: delta, contentIndex: index))
        case .itemDone(let item):
            await itemDone(item, turnID: turnID)
        case .completed(let usage):
            contextTokensAtResponse = usage.totalTokens
            historyCountAtResponse = history.count
            await recordUsage(usage, rateLimits: stream.rateLimits, turnID: turnID)
        case .rateLimits(let snapshot):
            stream.rateLimits = snapshot
        case .retrying(let attempt, let maxAttempts, let message):
            // The failed attempt's partial output is void; the retry streams it again.
            stream = StreamState()
            emit(
                .streamError(
                    turnID: turnID, message: "Reconnecting... \(attempt)/\(maxAttempts) (\(message))", willRetry: true))
        }
    }

    private func itemDone(_ item: ResponseItem, turnID: String) async {
        var entries: [RolloutItem] = [.responseItem(item)]
        history.append(item)
        var completedItem: ThreadItem?
        switch item {
        case .message(let message) where message.role == "assistant":
            let id = stream.messageID ?? message.id ?? Self.newItemID(prefix: "msg")
            if stream.messageID == nil { emit(.itemStarted(turnID: turnID, item: .agentMessage(id: id, text: ""))) }
            let text = message.text
            emit(.itemCompleted(turnID: turnID, item: .agentMessage(id: id, text: text)))
            completedItem = .agentMessage(id: id, text: text)
            stream.lastAgentMessage = text
            stream.messageID = nil
            stream.messageText = ""
        case .reasoning(let reasoning):
            let id = stream.reasoningID ?? reasoning.id ?? Self.newItemID(prefix: "rs")
            if stream.reasoningID == nil {
                emit(.itemStarted(turnID: turnID, item: .reasoning(id: id, summary: [], content: [])))
            }
            let summary = reasoning.summary.map(\.text)
            let content = reasoning.content?.map(\.text) ?? stream.reasoningContent
            emit(.itemCompleted(turnID: turnID, item: .reasoning(id: id, summary: summary, content: content)))
            completedItem = .reasoning(id: id, summary: summary, content: content)
            stream.reasoningID = nil
            stream.reasoningSummary = []
            stream.reasoningContent = []
        case .functionCall(let call):
            let toolCall = ToolCall(
                callID: call.callID, namespace: call.namespace, name: call.name, payload: .function(arguments: call.arguments))
            stream.toolCalls.append(toolCall)
            unansweredCalls.append(toolCall)
        case .customToolCall(let call):
            let toolCall = ToolCall(callID: call.callID, name: call.name, payload: .custom(input: call.input))
            stream.toolCalls.append(toolCall)
            unansweredCalls.append(toolCall)
        case .unknown("web_search_call", let raw):
            guard let search = WebSearchItem(responseItem: raw, done: true) else { break }
            if stream.startedWebSearches.remove(search.id) == nil { emit(.itemStarted(turnID: turnID, item: .webSearch(search))) }
            emit(.itemCompleted(turnID: turnID, item: .webSearch(search)))
            completedItem = .webSearch(search)
        default:
            break
        }
        // 0.163.0 records the completed item just before its response item.
        if let completedItem, let record = RolloutItem.itemCompleted(threadID: threadID, turnID: turnID, item: completedItem, at: Date()) {
            entries.insert(record, at: 0)
        }
        await persist(entries, turnID: turnID)
    }

    private func startMessage(id: String?, turnID: String) {
        let itemID = id ?? Self.newItemID(prefix: "msg")
        stream.messageID = itemID
        stream.messageText = ""
        emit(.itemStarted(turnID: turnID, item: .agentMessage(id: itemID, text: "")))
    }

    private func startReasoning(id: String?, turnID: String) {
        let itemID = id ?? Self.newItemID(prefix: "rs")
        stream.reasoningID = itemID
        emit(.itemStarted(turnID: turnID, item: .reasoning(id: itemID, summary: [], content: [])))
    }

    /// Moves steered input into the history (and the rollout) and reports it as user messages.
    private func recordSteeredInput(turnID: String) async {
        let inputs = steeredInput
        steeredInput = []
        for input in inputs {
            let item = ThreadItem.userMessage(id: UUID().uuidString.lowercased(), content: input)
            await record([.message(MessageItem(role: "user", content: input.map(Self.contentItem)))], turnID: turnID)
            if let completed = RolloutItem.itemCompleted(threadID: threadID, turnID: turnID, item: item, at: Date()) {
                await persist([completed], turnID: turnID)
            }
            emit(.itemStarted(turnID: turnID, item: item))
            emit(.itemCompleted(turnID: turnID, item: item))
        }
    }

    private func finishTurn(turnID: String, outcome: TurnOutcome) async {
        steeredInput = []
        for (id, slot) in approvalSlots where slot.resolve(.abort) {
            emit(.approvalResolved(turnID: turnID, approvalID: id))
        }
        approvalSlots = [:]
        var outcome = outcome
        if let rolloutFailure { outcome = .failed(message: rolloutFailure) }
        switch outcome {
        case .interrupted:
            // Every call the model made gets an output, so the history stays valid for the next request.
            let outputs = unansweredCalls.map { $0.outputItem("aborted by user") }
            if !outputs.isEmpty { await record(outputs, turnID: turnID) }
            await persist([.eventMsg(.turnAborted(reason: "interrupted", turnID: turnID))], turnID: turnID)
        case .failed(let message):
            await persist(
                [
                    .turnError(message: message),
                    .taskComplete(turnID: turnID, lastAgentMessage: nil, startedAt: turnStartedAt, at: Date()),
                ], turnID: turnID)
        case .completed(let lastAgentMessage):
            await persist(
                [.taskComplete(turnID: turnID, lastAgentMessage: lastAgentMessage, startedAt: turnStartedAt, at: Date())],
                turnID: turnID)
        }
        unansweredCalls = []
        settings.outputSchema = nil
        if let rollout, rolloutFailure == nil {
            do {
                try await rollout.flush()
            } catch {
                reportRolloutFailure(error, turnID: turnID)
            }
        }
        if let rolloutFailure, case .completed = outcome { outcome = .failed(message: rolloutFailure) }
        activeTurn = nil
        emit(.turnCompleted(turnID: turnID, outcome: outcome))
    }

    // MARK: - Helpers

    func record(_ items: [ResponseItem], turnID: String) async {
        history += items
        await persist(items.map(RolloutItem.responseItem), turnID: turnID)
    }

    /// Appends records to the rollout. The first failure is reported as an error event and remembered:
    /// the turn then ends failed, and nothing more is written.
    func persist(_ entries: [RolloutItem], turnID: String) async {
        guard let rollout, rolloutFailure == nil, !entries.isEmpty else { return }
        do {
            try await rollout.append(contentsOf: entries)
        } catch {
            reportRolloutFailure(error, turnID: turnID)
        }
    }

    private func reportRolloutFailure(_ error: any Error, turnID: String) {
        guard rolloutFailure == nil else { return }
        let message = Self.rolloutFailureMessage(error)
        rolloutFailure = message
        emit(.streamError(turnID: turnID, message: message, willRetry: false))
    }

    static func rolloutFailureMessage(_ error: any Error) -> String {
        "failed to record the thread's history: \(error)"
    }

    /// Reports a tool's event; a finished command, file change or image view is also recorded as a completed item.
    private func emitToolEvent(_ event: AgentEvent) async {
        emit(event)
        guard case .itemCompleted(let turnID, let item) = event else { return }
        switch item {
        case .commandExecution, .fileChange, .imageView:
            if let record = RolloutItem.itemCompleted(threadID: threadID, turnID: turnID, item: item, at: Date()) {
                await persist([record], turnID: turnID)
            }
        default:
            break
        }
    }

    /// Turns streaming deltas off (or on) for a front end that shows only whole items: each emitted delta
    /// wakes the consumer, thousands of times in a long reply.
    public func setEmitsStreamingDeltas(_ emits: Bool) {
        emitsStreamingDeltas = emits
    }

    func emit(_ event: AgentEvent) {
        if !emitsStreamingDeltas, event.isStreamingDelta { return }
        eventChannel.send(event)
    }

    func apply(_ overrides: TurnOverrides) {
        if let cwd = overrides.cwd { settings.cwd = cwd }
        if let model = overrides.model { settings.model = model }
        if let policy = overrides.approvalPolicy { settings.approvalPolicy = policy }
        if let sandbox = overrides.sandbox { settings.sandbox = sandbox }
        if let effort = overrides.reasoningEffort { settings.reasoningEffort = effort }
        if let summary = overrides.reasoningSummary { settings.reasoningSummary = summary }
        settings.outputSchema = overrides.outputSchema
    }

    /// The context messages due before the next user message: all of them on the first turn,
    /// then only an environment update when something changed.
    private func contextItems() -> [ResponseItem] {
        let environment = settings.environmentContext
        defer { reportedEnvironment = environment }
        guard let previous = reportedEnvironment else { return initialContext() }
        guard previous != environment else { return [] }
        return [.message(MessageItem(role: "user", content: [.inputText(environment.rendered(comparedTo: previous))]))]
    }

    func settingsRecord() -> ThreadSettingsRecord {
        ThreadSettingsRecord(
            model: settings.model, modelProvider: settings.modelProvider, approvalPolicy: settings.approvalPolicy.rawValue,
            sandboxPolicy: ["type": .string(settings.sandbox.mode.rawValue)], cwd: settings.cwd,
            reasoningEffort: settings.reasoningEffort)
    }

    func turnContextRecord(turnID: String) -> TurnContextRecord {
        settings.turnContextRecord(turnID: turnID)
    }

    private func toolContext(turnID: String) -> ToolCallContext {
        ToolCallContext(
            threadID: threadID, turnID: turnID, settings: settings,
            emit: { event in await self.emitToolEvent(event) },
            requestApproval: { request in await self.waitForApproval(request) },
            isApprovedForSession: { command in await self.sessionApprovedCommands.contains(command) },
            approveForSession: { command in await self.rememberApproval(command) }, execPolicy: execPolicy,
            isExternalToolApprovedForSession: { server, tool in
                await self.sessionApprovedExternalTools.contains([server, tool])
            },
            approveExternalToolForSession: { server, tool in await self.rememberExternalToolApproval(server, tool) })
    }

    private func rememberApproval(_ command: [String]) {
        sessionApprovedCommands.insert(command)
    }

    private func rememberExternalToolApproval(_ server: String, _ tool: String) {
        sessionApprovedExternalTools.insert([server, tool])
    }

    private func waitForApproval(_ request: ApprovalRequest) async -> ReviewDecision {
        let slot = ApprovalSlot()
        approvalSlots[request.approvalID] = slot
        emit(.approvalRequested(request))
        let decision = await slot.wait()
        if approvalSlots.removeValue(forKey: request.approvalID) != nil {
            emit(.approvalResolved(turnID: request.turnID, approvalID: request.approvalID))
        }
        return decision
    }

    private static func contentItem(_ input: UserInput) -> ContentItem {
        switch input {
        case .text(let text): return .inputText(text)
        case .image(let url): return .inputImage(imageURL: url)
        case .localImage(let path): return LocalImage.contentItem(path: path)
        }
    }

    static func newItemID(prefix: String) -> String {
        prefix + "_" + String(UUID().uuidString.lowercased().filter { $0 != "-" })
    }
}
