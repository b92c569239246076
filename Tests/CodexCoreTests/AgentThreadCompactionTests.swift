import CodexConfig
@testable import CodexCore
import CodexProtocol
import Testing

/// A model answering from a script; a step may fail with the provider's context-window error.
private struct CompactionScriptModel: ModelStreaming {
    enum Step: Sendable {
        case reply([ResponseItem], totalTokens: Int)
        case contextWindowExceeded
        /// Never answers (until cancelled).
        case hang
    }

    private actor Script {
        var steps: [Step]
        var prompts: [ModelPrompt] = []
        init(_ steps: [Step]) { self.steps = steps }
        func next(_ prompt: ModelPrompt) -> Step? {
            prompts.append(prompt)
            return steps.isEmpty ? nil : steps.removeFirst()
        }
    }

    private let script: Script
    init(_ steps: [Step]) { script = Script(steps) }
    var prompts: [ModelPrompt] { get async { await script.prompts } }

    func stream(
        _ prompt: ModelPrompt, isolation: isolated (any Actor)?, onUpdate: (ModelStreamUpdate) async -> Void
    ) async throws {
        switch await script.next(prompt) {
        case .reply(let items, let total):
            for item in items { await onUpdate(.itemDone(item)) }
            await onUpdate(.completed(usage: TokenUsage(inputTokens: total - 5, outputTokens: 5, totalTokens: total)))
        case .hang:
            try await Task.sleep(for: .seconds(600))
        case .contextWindowExceeded:
            throw ModelClientError(
                provider: "mock", kind: .responseFailed(.contextWindowExceeded(message: "Your input exceeds the context window")))
        case nil:
            throw ModelStreamError(message: "script ran out")
        }
    }
}

private struct EchoTools: ToolExecuting {
    func toolSpecs(for settings: ThreadSettings) -> [JSONValue] { ToolSpecs.defaultTools(freeformApplyPatch: true) }
    func execute(_ call: ToolCall, context: ToolCallContext) async -> ToolResult { ToolResult(output: "ran \(call.name)") }
}

private actor MemorySink: RolloutSink {
    private(set) var records: [RolloutItem] = []
    func append(contentsOf items: [RolloutItem]) async throws { records += items }
    func flush() async throws {}
}

private func compactingSettings(limit: Int? = 1000) -> ThreadSettings {
    ThreadSettings(
        model: "mock-model", modelProvider: "mock", cwd: "/work", approvalPolicy: .never,
        sandbox: SandboxSettings(mode: .readOnly), autoCompactTokenLimit: limit)
}

private func reply(_ text: String, tokens: Int) -> CompactionScriptModel.Step {
    .reply([.message(MessageItem(id: "msg_\(text)", role: "assistant", content: [.outputText(text)]))], totalTokens: tokens)
}

/// The texts of the messages of `input` as `role: text`.
private func transcript(_ input: [ResponseItem]) -> [String] {
    input.compactMap { item in
        guard case .message(let message) = item else { return nil }
        return "\(message.role): \(message.text)"
    }
}

private func events(of thread: AgentThread, until turns: Int) async -> [AgentEvent] {
    var collected: [AgentEvent] = []
    var completed = 0
    for await event in thread.events {
        collected.append(event)
        if case .turnCompleted = event {
            completed += 1
            if completed == turns { break }
        }
    }
    return collected
}

@Suite struct AgentThreadCompactionTests {
    static let summary = Compaction.summaryText("SUMMARY")

    @Test func aTurnPastTheLimitCompactsBeforeTheNextTurnAndKeepsItsInput() async throws {
        let sink = MemorySink()
        let model = CompactionScriptModel([reply("one", tokens: 5000), reply("SUMMARY", tokens: 300), reply("two", tokens: 400)])
        let thread = AgentThread(
            threadID: "t1", settings: compactingSettings(), model: model, tools: EchoTools(), rollout: sink)
        async let seen = events(of: thread, until: 2)
        #expect(try await thread.runTurn([.text("first")]) == .completed(lastAgentMessage: "one"))
        #expect(try await thread.runTurn([.text("second")]) == .completed(lastAgentMessage: "two"))

        let prompts = await model.prompts
        try #require(prompts.count == 3)
        // The compaction request: the history before this turn's input, then the prompt; no tools.
        #expect(transcript(prompts[1].input).suffix(3) == ["user: first", "assistant: one", "user: \(Compaction.prompt)"])
        #expect(prompts[1].tools.isEmpty)
        // After it: the initial context before the last user message, the summary, then the new input.
        let after = transcript(prompts[2].input)
        #expect(after.first?.hasPrefix("developer: <permissions instructions>") == true)
        #expect(after.suffix(3) == ["user: first", "user: \(Self.summary)", "user: second"])
        #expect(!after.contains("assistant: one"))

        let seenEvents = await seen
        #expect(seenEvents.contains { if case .itemCompleted(_, .contextCompaction) = $0 { true } else { false } })
        #expect(seenEvents.contains(.warning(message: Compaction.warning)))

        // The rollout replays to the same history (what a resume in a new process gets).
        let records = await sink.records
        let compacted = records.compactMap { if case .compacted(let record) = $0 { record } else { nil } }
        #expect(compacted.map(\.message) == [Self.summary])
        #expect(RolloutHistory.rebuild(records, initialContext: []) == (await thread.history))
    }

    @Test func aToolLoopPastTheLimitCompactsBetweenRequests() async throws {
        let call = ResponseItem.functionCall(FunctionCallItem(name: "shell_command", arguments: "{}", callID: "c1"))
        let model = CompactionScriptModel([
            .reply([call], totalTokens: 5000), reply("SUMMARY", tokens: 300), reply("done", tokens: 400),
        ])
        let thread = AgentThread(
            threadID: "t1", settings: compactingSettings(), model: model, tools: EchoTools(), rollout: MemorySink())
        #expect(try await thread.runTurn([.text("go")]) == .completed(lastAgentMessage: "done"))
        let prompts = await model.prompts
        try #require(prompts.count == 3)
        // The tool's output is part of what gets summarized.
        #expect(prompts[1].input.contains { if case .functionCallOutput = $0 { true } else { false } })
        let after = transcript(prompts[2].input)
        #expect(after.suffix(2) == ["user: go", "user: \(Self.summary)"])
        #expect(!prompts[2].input.contains { if case .functionCall = $0 { true } else { false } })
    }

    @Test func underTheLimitNothingIsCompacted() async throws {
        let model = CompactionScriptModel([reply("one", tokens: 900), reply("two", tokens: 950)])
        let thread = AgentThread(
            threadID: "t1", settings: compactingSettings(), model: model, tools: EchoTools(), rollout: nil)
        _ = try await thread.runTurn([.text("first")])
        _ = try await thread.runTurn([.text("second")])
        #expect(await model.prompts.count == 2)
    }

    @Test func aContextWindowErrorCompactsOnceAndRetries() async throws {
        let model = CompactionScriptModel([
            reply("one", tokens: 50), .contextWindowExceeded, reply("SUMMARY", tokens: 30), reply("two", tokens: 40),
        ])
        let thread = AgentThread(
            threadID: "t1", settings: compactingSettings(limit: nil), model: model, tools: EchoTools(), rollout: nil)
        _ = try await thread.runTurn([.text("first")])
        #expect(try await thread.runTurn([.text("second")]) == .completed(lastAgentMessage: "two"))
        let prompts = await model.prompts
        try #require(prompts.count == 4)
        #expect(transcript(prompts[2].input).last == "user: \(Compaction.prompt)")
        // As 0.163.0: earlier user messages, the initial context, the last user message, the summary.
        let retried = transcript(prompts[3].input)
        #expect(retried.first == "user: first")
        #expect(retried.suffix(2) == ["user: second", "user: \(Self.summary)"])
        #expect(retried.contains { $0.hasPrefix("developer: <permissions instructions>") })
    }

    @Test func aHistoryThatStillDoesNotFitFailsTheTurnButNotTheThread() async throws {
        let model = CompactionScriptModel([
            .contextWindowExceeded, reply("SUMMARY", tokens: 30), .contextWindowExceeded, reply("later", tokens: 40),
        ])
        let thread = AgentThread(
            threadID: "t1", settings: compactingSettings(limit: nil), model: model, tools: EchoTools(), rollout: nil)
        #expect(try await thread.runTurn([.text("first")]) == .failed(message: Compaction.contextWindowExceededMessage))
        #expect(try await thread.runTurn([.text("again")]) == .completed(lastAgentMessage: "later"))
    }

    @Test func aManualCompactionRunsAsATurnOfItsOwn() async throws {
        let sink = MemorySink()
        let model = CompactionScriptModel([reply("one", tokens: 50), reply("SUMMARY", tokens: 30)])
        let thread = AgentThread(
            threadID: "t1", settings: compactingSettings(limit: nil), model: model, tools: EchoTools(), rollout: sink)
        _ = try await thread.runTurn([.text("first")])
        async let seen = events(of: thread, until: 2)
        let turnID = try await thread.beginCompaction()
        await #expect(throws: AgentThreadError.activeTurnNotSteerable(kind: "compact")) {
            try await thread.steer([.text("more")], expectedTurnID: turnID)
        }
        #expect(await thread.runActiveTurn() == .completed(lastAgentMessage: nil))
        #expect(transcript(await thread.history).suffix(2) == ["user: first", "user: \(Self.summary)"])
        let compactionTurn = await seen.drop { $0 != .turnStarted(turnID: turnID) }
        let kinds = compactionTurn.compactMap { event -> String? in
            switch event {
            case .turnStarted: "turn started"
            case .itemStarted(_, .contextCompaction): "compaction started"
            case .itemCompleted(_, .contextCompaction): "compaction completed"
            case .itemStarted, .itemCompleted: "other item"
            case .turnCompleted: "turn completed"
            default: nil
            }
        }
        #expect(kinds == ["turn started", "compaction started", "compaction completed", "turn completed"])
        let records = await sink.records
        #expect(records.contains { if case .compacted = $0 { true } else { false } })
        #expect(records.last.map { if case .eventMsg(let event) = $0 { event.type } else { "" } } == "task_complete")
    }

    @Test func theOpenAIProviderCompactsOnTheServerWithACompactionItem() async throws {
        var settings = compactingSettings()
        settings.modelProvider = "openai"
        let compaction = ResponseItem.unknown(
            type: "compaction", raw: ["type": "compaction", "id": "cmp_1", "encrypted_content": "ENC"])
        let sink = MemorySink()
        let model = CompactionScriptModel([
            reply("one", tokens: 5000), .reply([compaction], totalTokens: 300), reply("two", tokens: 400),
        ])
        let thread = AgentThread(threadID: "t1", settings: settings, model: model, tools: EchoTools(), rollout: sink)
        async let seen = events(of: thread, until: 2)
        _ = try await thread.runTurn([.text("first")])
        #expect(try await thread.runTurn([.text("second")]) == .completed(lastAgentMessage: "two"))
        let prompts = await model.prompts
        try #require(prompts.count == 3)
        #expect(prompts[1].input.last?.type == "compaction_trigger")
        #expect(!prompts[1].tools.isEmpty)
        #expect(Array(prompts[2].input.suffix(3)) == [
            .message(MessageItem(role: "user", content: [.inputText("first")])), compaction,
            .message(MessageItem(role: "user", content: [.inputText("second")])),
        ])
        // The server's summary carries no text: no warning, an empty `message`.
        #expect(!(await seen).contains(.warning(message: Compaction.warning)))
        let records = await sink.records
        #expect(records.compactMap { if case .compacted(let record) = $0 { record.message } else { nil } } == [""])
        #expect(RolloutHistory.rebuild(records, initialContext: []) == (await thread.history))
    }

    @Test func aRemoteCompactionWithoutItsItemFailsTheTurn() async throws {
        var settings = compactingSettings()
        settings.modelProvider = "openai"
        let model = CompactionScriptModel([reply("one", tokens: 5000), reply("not a compaction", tokens: 300)])
        let thread = AgentThread(threadID: "t1", settings: settings, model: model, tools: EchoTools(), rollout: nil)
        _ = try await thread.runTurn([.text("first")])
        let outcome = try await thread.runTurn([.text("second")])
        #expect(
            outcome
                == .failed(
                    message: "Error running remote compact task: remote compaction v2 expected exactly one compaction "
                        + "output item, got 0 from 1 output items"))
    }

    @Test func longUserMessagesAreCutInTheMiddleAsTheReferenceCutsThem() {
        // The reference's own examples (codex-rs truncate tests).
        #expect(Compaction.truncated("abcdef", toTokens: 0) == "…2 tokens truncated…")
        #expect(
            Compaction.truncated("😀😀😀😀😀😀😀😀😀😀\nsecond line with text\n", toTokens: 8)
                == "😀😀😀😀…8 tokens truncated… line with text\n")
        #expect(Compaction.truncated("short", toTokens: 100) == "short")
    }

    @Test(.timeLimit(.minutes(1))) func anInterruptedCompactionLeavesTheHistoryAsItWas() async throws {
        let model = CompactionScriptModel([reply("one", tokens: 50), .hang, reply("two", tokens: 40)])
        let thread = AgentThread(
            threadID: "t1", settings: compactingSettings(limit: nil), model: model, tools: EchoTools(), rollout: nil)
        _ = try await thread.runTurn([.text("first")])
        let before = await thread.history
        _ = try await thread.beginCompaction()
        async let outcome = thread.runActiveTurn()
        for await event in thread.events {
            if case .itemStarted(_, .contextCompaction) = event { break }
        }
        #expect(await thread.interrupt() != nil)
        #expect(await outcome == .interrupted)
        #expect(await thread.history == before)
        #expect(try await thread.runTurn([.text("second")]) == .completed(lastAgentMessage: "two"))
    }

    @Test func theLimitIsTheConfiguredOneCappedAtNinetyPercentOfTheWindow() {
        #expect(Compaction.autoCompactTokenLimit(configured: 1000, contextWindow: 272_000) == 1000)
        #expect(Compaction.autoCompactTokenLimit(configured: nil, contextWindow: 272_000) == 244_800)
        #expect(Compaction.autoCompactTokenLimit(configured: 500_000, contextWindow: 272_000) == 244_800)
        #expect(Compaction.autoCompactTokenLimit(configured: 0, contextWindow: nil) == nil)
    }
}
