import CodexConfig
import CodexCore
import CodexProtocol
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A scripted model: each request takes the next script entry.
private struct ScriptedModel: ModelStreaming {
    enum Step: Sendable {
        case updates([ModelStreamUpdate])
        case fail(String)
        /// Streams the updates, then waits until cancelled.
        case hang([ModelStreamUpdate])
    }

    /// The script and the prompts it was asked, shared by every copy of the model.
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

    var prompts: [ModelPrompt] {
        get async { await script.prompts }
    }

    func stream(
        _ prompt: ModelPrompt,
        isolation: isolated (any Actor)?,
        onUpdate: (ModelStreamUpdate) async -> Void
    ) async throws {
        let step = await script.next(prompt)
        switch step {
        case .updates(let updates):
            for update in updates { await onUpdate(update) }
        case .fail(let message):
            throw ModelStreamError(message: message)
        case .hang(let updates):
            for update in updates { await onUpdate(update) }
            try await Task.sleep(for: .seconds(600))
        case nil:
            throw ModelStreamError(message: "script ran out")
        }
    }
}

/// Tools that echo, or ask for approval first.
private struct FakeTools: ToolExecuting {
    var askApproval = false

    func toolSpecs(for settings: ThreadSettings) -> [JSONValue] { ToolSpecs.defaultTools(freeformApplyPatch: true) }

    func execute(_ call: ToolCall, context: ToolCallContext) async -> ToolResult {
        if askApproval {
            let item = CommandExecutionItem(
                id: call.callID, command: ["true"], displayCommand: "true", cwd: "/", status: .inProgress)
            let decision = await context.requestApproval(
                ApprovalRequest(approvalID: call.callID, turnID: context.turnID, kind: .command(item, reason: nil)))
            switch decision {
            case .abort: return ToolResult(output: "aborted", abortTurn: true)
            case .denied, .timedOut: return ToolResult(output: "rejected by user")
            case .approved, .approvedForSession, .approvedExecpolicyAmendment: break
            }
        }
        return ToolResult(output: "ran \(call.name)")
    }
}

private func settings() -> ThreadSettings {
    ThreadSettings(
        model: "mock-model", modelProvider: "mock", cwd: "/work", approvalPolicy: .onRequest,
        sandbox: SandboxSettings(mode: .workspaceWrite))
}

private func assistant(_ text: String) -> ResponseItem {
    .message(MessageItem(id: "msg_1", role: "assistant", content: [.outputText(text)]))
}

/// Collects a thread's events until a turn completes.
private func collectTurn(_ thread: AgentThread) async -> [AgentEvent] {
    var collected: [AgentEvent] = []
    for await event in thread.events {
        collected.append(event)
        if case .turnCompleted = event { break }
    }
    return collected
}

@Suite struct AgentThreadTests {
    @Test func textTurnStreamsDeltasAndCompletes() async throws {
        let model = ScriptedModel([
            .updates([
                .itemAdded(assistant("")), .textDelta("Hel"), .textDelta("lo"), .itemDone(assistant("Hello")),
                .completed(usage: TokenUsage(inputTokens: 10, outputTokens: 2, totalTokens: 12)),
            ])
        ])
        let thread = AgentThread(threadID: "t1", settings: settings(), model: model, tools: FakeTools(), rollout: nil)
        async let events = collectTurn(thread)
        let outcome = try await thread.runTurn([.text("hi")])
        #expect(outcome == .completed(lastAgentMessage: "Hello"))
        let all = await events
        let deltas = all.compactMap { if case .agentMessageDelta(_, _, let delta) = $0 { delta } else { nil } }
        #expect(deltas == ["Hel", "lo"])
        #expect(all.contains(.itemCompleted(turnID: try #require(turnID(all)), item: .agentMessage(id: "msg_1", text: "Hello"))))
        let prompt = try #require(await model.prompts.first)
        // developer permissions, environment context, then the user's message
        #expect(prompt.input.count == 3)
        #expect(prompt.input.last == .message(MessageItem(role: "user", content: [.inputText("hi")])))
        #expect(await thread.totalUsage.totalTokens == 12)
    }

    @Test func deltasCanBeTurnedOffWithoutLosingTheItem() async throws {
        let model = ScriptedModel([
            .updates([
                .itemAdded(assistant("")), .textDelta("Hel"), .textDelta("lo"), .itemDone(assistant("Hello")),
                .completed(usage: TokenUsage.zero),
            ])
        ])
        let thread = AgentThread(threadID: "t1", settings: settings(), model: model, tools: FakeTools(), rollout: nil)
        await thread.setEmitsStreamingDeltas(false)
        async let events = collectTurn(thread)
        #expect(try await thread.runTurn([.text("hi")]) == .completed(lastAgentMessage: "Hello"))
        let all = await events
        #expect(!all.contains { $0.isStreamingDelta })
        #expect(all.contains(.itemCompleted(turnID: try #require(turnID(all)), item: .agentMessage(id: "msg_1", text: "Hello"))))
    }

    @Test func toolCallOutputReachesTheNextRequest() async throws {
        let call = ResponseItem.functionCall(FunctionCallItem(name: "shell_command", arguments: "{}", callID: "c1"))
        let model = ScriptedModel([
            .updates([.itemDone(call), .completed(usage: TokenUsage.zero)]),
            .updates([.itemDone(assistant("done")), .completed(usage: TokenUsage.zero)]),
        ])
        let thread = AgentThread(threadID: "t1", settings: settings(), model: model, tools: FakeTools(), rollout: nil)
        let outcome = try await thread.runTurn([.text("run it")])
        #expect(outcome == .completed(lastAgentMessage: "done"))
        let second = try #require(await model.prompts.last)
        #expect(second.input.suffix(2) == [call, .functionCallOutput(FunctionCallOutputItem(callID: "c1", output: "ran shell_command"))])
    }

    @Test func failureEndsTheTurnWithTheMessage() async throws {
        let thread = AgentThread(
            threadID: "t1", settings: settings(), model: ScriptedModel([.fail("provider mock: HTTP 500")]),
            tools: FakeTools(), rollout: nil)
        #expect(try await thread.runTurn([.text("x")]) == .failed(message: "provider mock: HTTP 500"))
    }

    @Test func interruptDuringStreamEndsTurnAndKeepsThreadUsable() async throws {
        let model = ScriptedModel([
            .hang([.itemAdded(assistant("")), .textDelta("partial")]),
            .updates([.itemDone(assistant("again")), .completed(usage: TokenUsage.zero)]),
        ])
        let thread = AgentThread(threadID: "t1", settings: settings(), model: model, tools: FakeTools(), rollout: nil)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let outcome = try await thread.runTurn([.text("x")])
                #expect(outcome == .interrupted)
            }
            for await event in thread.events {
                if case .agentMessageDelta = event {
                    #expect(await thread.interrupt() != nil)
                    break
                }
            }
            try await group.waitForAll()
        }
        #expect(try await thread.runTurn([.text("y")]) == .completed(lastAgentMessage: "again"))
    }

    @Test func approvalDecisionsReachTheTool() async throws {
        let call = ResponseItem.functionCall(FunctionCallItem(name: "shell_command", arguments: "{}", callID: "c9"))
        let model = ScriptedModel([
            .updates([.itemDone(call), .completed(usage: TokenUsage.zero)]),
            .updates([.itemDone(assistant("ok")), .completed(usage: TokenUsage.zero)]),
        ])
        let thread = AgentThread(
            threadID: "t1", settings: settings(), model: model, tools: FakeTools(askApproval: true), rollout: nil)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let outcome = try await thread.runTurn([.text("x")])
                #expect(outcome == .completed(lastAgentMessage: "ok"))
            }
            for await event in thread.events {
                if case .approvalRequested(let request) = event {
                    #expect(await thread.resolveApproval(id: request.approvalID, decision: .denied))
                }
                if case .turnCompleted = event { break }
            }
            try await group.waitForAll()
        }
        let second = try #require(await model.prompts.last)
        #expect(second.input.contains(.functionCallOutput(FunctionCallOutputItem(callID: "c9", output: "rejected by user"))))
    }

    @Test func secondTurnWhileBusyIsRefused() async throws {
        let model = ScriptedModel([.hang([])])
        let thread = AgentThread(threadID: "t1", settings: settings(), model: model, tools: FakeTools(), rollout: nil)
        let turnID = try await thread.beginTurn([.text("x")])
        await #expect(throws: AgentThreadError.turnInProgress(turnID: turnID)) {
            try await thread.beginTurn([.text("y")])
        }
    }
}

/// A rollout sink that keeps what it is given and fails from its `failAt`-th append on (0-based),
/// with the error a full disk gives.
private actor RecordingSink: RolloutSink {
    static let path = "/sessions/rollout-test.jsonl"
    private let failAt: Int?
    private var appends = 0
    /// Calls of `append`, failed ones included.
    var appendCount: Int { appends }
    private(set) var records: [RolloutItem] = []

    init(failAt: Int? = nil) { self.failAt = failAt }

    func append(contentsOf items: [RolloutItem]) async throws {
        defer { appends += 1 }
        if let failAt, appends >= failAt { throw RolloutError.io(operation: "write", path: Self.path, errno: ENOSPC) }
        records += items
    }

    func flush() async throws {}

    /// The `event_msg` types recorded, in order.
    var eventTypes: [String] {
        records.compactMap { if case .eventMsg(let event) = $0 { event.type } else { nil } }
    }
}

@Suite struct AgentThreadRolloutTests {
    @Test func aTurnIsRecordedAsThePaginatedEventSetWithEachMessageOnce() async throws {
        let sink = RecordingSink()
        let model = ScriptedModel([
            .updates([.itemDone(assistant("Hello")), .completed(usage: TokenUsage(inputTokens: 3, outputTokens: 2, totalTokens: 5))])
        ])
        let thread = AgentThread(threadID: "t1", settings: settings(), model: model, tools: FakeTools(), rollout: sink)
        #expect(try await thread.runTurn([.text("hi")]) == .completed(lastAgentMessage: "Hello"))
        let types = await sink.eventTypes
        #expect(types.first == "task_started")
        #expect(types.last == "task_complete")
        #expect(types.filter { $0 == "item_completed" }.count == 2)
        #expect(!types.contains("user_message") && !types.contains("agent_message"))
        #expect(types.contains("thread_settings_applied"))
        let records = await sink.records
        #expect(records.contains { $0.type == "token_usage_record" })
        #expect(records.contains { $0.type == "turn_context" })
    }

    @Test func aFailedAppendEndsTheTurnFailedNamingTheFile() async throws {
        // Append 0 is the user's message (beginTurn); append 1, the agent's reply, fails.
        let sink = RecordingSink(failAt: 1)
        let model = ScriptedModel([.updates([.itemDone(assistant("Hello")), .completed(usage: TokenUsage.zero)])])
        let thread = AgentThread(threadID: "t1", settings: settings(), model: model, tools: FakeTools(), rollout: sink)
        async let events = collectTurn(thread)
        let outcome = try await thread.runTurn([.text("hi")])
        guard case .failed(let message) = outcome else {
            Issue.record("expected a failed turn, got \(outcome)")
            return
        }
        #expect(message.contains(RecordingSink.path))
        #expect(message.contains("No space left on device"))
        let errors = await events.compactMap { event -> String? in
            if case .streamError(_, let text, false) = event { return text }
            return nil
        }
        #expect(errors == [message])
        // Nothing more was handed to the sink after the failure, and the thread refuses new turns.
        #expect(await sink.appendCount == 2)
        await #expect(throws: AgentThreadError.rolloutFailed(message: message)) {
            try await thread.beginTurn([.text("again")])
        }
    }

    @Test func aFailedFirstAppendRefusesTheTurnAndLeavesTheThreadAsItWas() async throws {
        let sink = RecordingSink(failAt: 0)
        let thread = AgentThread(
            threadID: "t1", settings: settings(), model: ScriptedModel([]), tools: FakeTools(), rollout: sink)
        do {
            _ = try await thread.beginTurn([.text("hi")])
            Issue.record("beginTurn should have failed")
        } catch AgentThreadError.rolloutFailed(let message) {
            #expect(message.contains(RecordingSink.path))
        }
        #expect(await thread.history.isEmpty)
        #expect(await thread.activeTurnID == nil)
        #expect(await thread.runActiveTurn() == nil)
    }
}

private func turnID(_ events: [AgentEvent]) -> String? {
    for event in events { if case .turnStarted(let id) = event { return id } }
    return nil
}
