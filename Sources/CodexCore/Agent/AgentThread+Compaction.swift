import CodexConfig
import CodexProtocol
import FoundationEssentials

/// Compaction inside the turn loop: before a turn and between a turn's requests once the context holds
/// `autoCompactTokenLimit` tokens, once after the provider reports the context window exceeded, and as a
/// turn of its own (`beginCompaction`). What it writes is what 0.163.0 writes: the model's summary as a
/// `response_item`, its token usage, a `compacted` line whose `replacement_history` is the new history,
/// and an `item_completed` `ContextCompaction`.
extension AgentThread {
    /// What the context holds now: the last response's `total_tokens` (or the estimate a compaction left)
    /// plus an estimate of the items added since.
    var contextTokens: Int { contextTokens(upTo: history.count) }

    func contextTokens(upTo end: Int) -> Int {
        let start = min(historyCountAtResponse, end)
        return contextTokensAtResponse + Compaction.approximateTokens(history[start..<end])
    }

    /// Before the turn's first request: compacts the history that came before this turn's input when it
    /// already reached the limit; the turn's user message is kept after the summary. nil: go on.
    func compactBeforeTurnIfNeeded(turnID: String, historyStart: Int) async -> TurnOutcome? {
        guard let limit = settings.autoCompactTokenLimit, historyStart > 0, historyStart <= history.count,
            contextTokens(upTo: historyStart) >= limit
        else { return nil }
        // The turn's context messages are left out: the compacted history starts with a fresh initial context.
        let input = history[historyStart...].filter { item in
            guard case .message(let message) = item, message.role == "user" else { return false }
            return !RolloutHistory.realUserMessages(in: [item]).isEmpty
        }
        return await compact(turnID: turnID, history: Array(history[..<historyStart]), keeping: input)
    }

    /// Between two requests of a turn (the model needs to go on): compacts everything once the context
    /// reached the limit. nil: go on.
    func compactMidTurnIfNeeded(turnID: String) async -> TurnOutcome? {
        guard let limit = settings.autoCompactTokenLimit, contextTokens >= limit else { return nil }
        return await compact(turnID: turnID, history: history, keeping: [])
    }

    /// The body of a manual compaction turn.
    func compactionTurnBody(turnID: String) async -> TurnOutcome {
        await compact(turnID: turnID, history: history, keeping: []) ?? .completed(lastAgentMessage: nil)
    }

    /// After the provider refused a history that still did not fit: the next turn compacts first.
    func markContextWindowFull() {
        contextTokensAtResponse = max(contextTokensAtResponse, settings.autoCompactTokenLimit ?? contextTokensAtResponse)
        historyCountAtResponse = history.count
    }

    /// Asks the model to summarize `compacted` and replaces the history with the compacted form of it,
    /// followed by `tail`. Returns nil when done, else how the turn ends.
    ///
    /// With the OpenAI provider (and `remote_compaction` not disabled) the summary is the server's: the
    /// request carries the tools and a `compaction_trigger` item, the answer one opaque `compaction` item,
    /// which takes the summary message's place, as 0.163.0's "remote compaction v2" does.
    func compact(turnID: String, history compacted: [ResponseItem], keeping tail: [ResponseItem]) async -> TurnOutcome? {
        let remote = settings.remoteCompaction && settings.modelProvider == ModelProviderInfo.openAIProviderID
        let itemID = UUID().uuidString.lowercased()
        emit(.itemStarted(turnID: turnID, item: .contextCompaction(id: itemID)))
        var input = compacted
        var trimmed = 0
        var output: [ResponseItem] = []
        var usage: TokenUsage?
        var rateLimits: RateLimitSnapshot?
        while true {
            output = []
            usage = nil
            let prompt = ModelPrompt(
                model: settings.model, instructions: settings.baseInstructions,
                input: remote
                    ? Compaction.remoteRequestInput(history: input)
                    : Compaction.requestInput(history: input, prompt: settings.compactPrompt ?? Compaction.prompt),
                tools: remote ? tools.toolSpecs(for: settings) : [], reasoningEffort: settings.reasoningEffort,
                reasoningSummary: settings.reasoningSummary, threadID: threadID)
            do {
                try await model.stream(prompt, isolation: self) { update in
                    switch update {
                    case .itemDone(let item): output.append(item)
                    case .completed(let reported): usage = reported
                    case .rateLimits(let snapshot): rateLimits = snapshot
                    case .retrying: output = []
                    default: break
                    }
                }
                break
            } catch {
                if Task.isCancelled || error is CancellationError { return .interrupted }
                let tooLong = Self.isContextWindowExceeded(error)
                if tooLong, input.count > 1 {
                    // Drop the oldest item and try again, as the reference does; recent messages stay.
                    input.removeFirst()
                    trimmed += 1
                    continue
                }
                if tooLong { markContextWindowFull() }
                let message = tooLong ? Compaction.contextWindowExceededMessage : "\(error)"
                emit(.streamError(turnID: turnID, message: message, willRetry: false))
                return .failed(message: message)
            }
        }
        if trimmed > 0 {
            emit(
                .warning(
                    message: "Trimmed \(trimmed) older thread item(s) before compacting so the prompt fits the model context window."))
        }
        let summaryItem: ResponseItem
        let summaryText: String
        if remote {
            let compactions = output.filter { $0.type == "compaction" }
            guard compactions.count == 1, let compaction = compactions.first else {
                let message =
                    "Error running remote compact task: remote compaction v2 expected exactly one compaction output item, "
                    + "got \(compactions.count) from \(output.count) output items"
                emit(.streamError(turnID: turnID, message: message, willRetry: false))
                return .failed(message: message)
            }
            summaryItem = compaction
            summaryText = ""
        } else {
            let summary = output.reversed().lazy.compactMap { item -> String? in
                guard case .message(let message) = item, message.role == "assistant" else { return nil }
                return message.text
            }.first ?? ""
            summaryText = Compaction.summaryText(summary)
            summaryItem = .message(MessageItem(role: "user", content: [.inputText(summaryText)]))
            // The local summary is recorded as the model's reply (the `compacted` line then replaces it).
            await persist(output.map(RolloutItem.responseItem), turnID: turnID)
        }
        let replacement =
            Compaction.compactedHistory(from: compacted, initialContext: initialContext(), summary: summaryItem) + tail
        if let usage { await recordUsage(usage, rateLimits: rateLimits, turnID: turnID) }
        history = replacement
        reportedEnvironment = settings.environmentContext
        contextTokensAtResponse = Compaction.approximateTokens(replacement)
        historyCountAtResponse = replacement.count
        let item = ThreadItem.contextCompaction(id: itemID)
        var entries: [RolloutItem] = [.compacted(CompactedRecord(message: summaryText, replacementHistory: replacement))]
        if let completed = RolloutItem.itemCompleted(threadID: threadID, turnID: turnID, item: item, at: Date()) {
            entries.append(completed)
        }
        await persist(entries, turnID: turnID)
        if let rolloutFailure { return .failed(message: rolloutFailure) }
        emit(.itemCompleted(turnID: turnID, item: item))
        if !remote { emit(.warning(message: Compaction.warning)) }
        return nil
    }

    /// Whether a model request failed because the input exceeds the model's context window.
    static func isContextWindowExceeded(_ error: any Error) -> Bool {
        guard let error = error as? ModelClientError, case .responseFailed(.contextWindowExceeded) = error.kind else {
            return false
        }
        return true
    }

    /// Adds a response's usage to the totals, reports it and records it.
    func recordUsage(_ usage: TokenUsage, rateLimits: RateLimitSnapshot?, turnID: String) async {
        totalUsage = totalUsage + usage
        turnUsage = turnUsage + usage
        let info = TokenUsageInfo(total: totalUsage, last: usage)
        emit(.tokenUsageUpdated(turnID: turnID, usage: info))
        if let rateLimits { emit(.rateLimitsUpdated(turnID: turnID, rateLimits: rateLimits)) }
        await persist(
            [
                .tokenUsageRecord(
                    threadID: threadID, turnID: turnID, usage: usage, turnTotal: turnUsage, threadTotal: totalUsage),
                .eventMsg(.tokenCount(info: info.rolloutJSON, rateLimits: rateLimits?.rolloutJSON ?? .null)),
            ], turnID: turnID)
    }

    /// The context a thread starts with: permissions and developer instructions, AGENTS.md, the environment.
    func initialContext() -> [ResponseItem] {
        let environment = settings.environmentContext
        var items: [ResponseItem] = []
        var developer = [
            PermissionsInstructions.render(
                sandboxMode: settings.sandbox.mode.rawValue, approvalPolicy: settings.approvalPolicy.rawValue,
                networkAccess: settings.sandbox.networkAccess,
                writableRoots: settings.sandbox.effectiveWritableRoots(cwd: settings.cwd))
        ]
        if let extra = settings.developerInstructions, !extra.isEmpty { developer.append(extra) }
        items.append(.message(MessageItem(role: "developer", content: developer.map { .inputText($0) })))
        if let instructions = settings.userInstructions, !instructions.isEmpty {
            let text = "# AGENTS.md instructions for \(settings.cwd)\n\n<INSTRUCTIONS>\n\(instructions)\n</INSTRUCTIONS>"
            items.append(.message(MessageItem(role: "user", content: [.inputText(text)])))
        }
        items.append(.message(MessageItem(role: "user", content: [.inputText(environment.rendered())])))
        return items
    }

}
