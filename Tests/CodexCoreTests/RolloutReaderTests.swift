import CodexCore
import CodexProtocol
import Foundation
import Testing

@Suite struct RolloutReaderTests {
    private let metaLine =
        #"{"timestamp":"2026-11-22T01:51:09.525Z","type":"session_meta","payload":{"id":"01a200f3-38a2-79a2-a630-694d7ee6f581","timestamp":"2026-11-22T01:51:09.481Z","cwd":"/w","originator":"codex_exec","cli_version":"0.163.0","source":"exec","model_provider":"mock"}}"#
    private let userLine =
        #"{"timestamp":"2026-11-22T01:51:09.602Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}"#
    private let assistantLine =
        #"{"timestamp":"2026-11-22T01:51:09.700Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi"}]}}"#

    private func parse(_ text: String) throws -> LoadedRollout {
        try RolloutReader.parse(Array(text.utf8), path: "test.jsonl")
    }

    @Test func truncatedLastLineIsSkippedWithAWarning() throws {
        let loaded = try parse([metaLine, userLine, String(assistantLine.prefix(60))].joined(separator: "\n"))
        #expect(loaded.lines.count == 2)
        #expect(loaded.warnings.count == 1)
        let warning = try #require(loaded.warnings.first)
        #expect(warning.lineNumber == 3)
        #expect(warning.reason.hasPrefix("truncated last line"))
        #expect(warning.description.hasPrefix("test.jsonl:3: skipped line:"))
        #expect(loaded.history().count == 1)
    }

    @Test func corruptMiddleLineIsSkippedAndTheRestIsKept() throws {
        let text = [metaLine, "{not json", userLine, #"{"type":"response_item","payload":{"role":"user"}}"#, assistantLine]
            .joined(separator: "\n") + "\n"
        let loaded = try parse(text)
        #expect(loaded.warnings.map(\.lineNumber) == [2, 4])
        #expect(loaded.warnings[0].reason.hasPrefix("invalid JSON"))
        #expect(loaded.warnings[1].reason.contains("type"))
        #expect(loaded.history().count == 2)
    }

    @Test func unknownLineAndEventTypesArePreserved() throws {
        let text = [
            metaLine,
            #"{"timestamp":"t","ordinal":4,"type":"world_state","payload":{"full":true}}"#,
            #"{"timestamp":"t","type":"event_msg","payload":{"type":"task_started","turn_id":"x"}}"#,
            #"{"timestamp":"t","type":"response_item","payload":{"type":"web_search_call","status":"completed"}}"#,
        ].joined(separator: "\n")
        let loaded = try parse(text)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.lines[1].ordinal == 4)
        #expect(loaded.lines[1].item == .unknown(type: "world_state", payload: ["full": true]))
        #expect(loaded.events == [.other(type: "task_started", payload: JSONObject([("type", "task_started"), ("turn_id", "x")]))])
        #expect(loaded.history().first?.type == "web_search_call")
    }

    @Test func aFileWithoutSessionMetaIsAnError() {
        #expect(throws: RolloutError.self) { try parse(userLine + "\n") }
        #expect(throws: RolloutError.self) { try parse("") }
        #expect(throws: RolloutError.self) { try RolloutReader.load(path: "/nonexistent/rollout.jsonl") }
    }

    @Test func sessionMetaReadsClassicAndNewerInstructionShapes() throws {
        let classic = #"{"timestamp":"t","type":"session_meta","payload":{"id":"01a200f3-38a2-79a2-a630-694d7ee6f581","timestamp":"t","cwd":"/w","originator":"o","cli_version":"0.40.0","instructions":"be brief","source":{"subagent":"review"},"git":{"commit_hash":"abc","branch":"main"}}}"#
        let meta = try parse(classic).meta
        #expect(meta.baseInstructions == "be brief")
        #expect(meta.source == .subagent("review"))
        #expect(meta.source.kind == "subagent")
        #expect(meta.git == GitInfo(commitHash: "abc", branch: "main"))
        #expect(meta.modelProvider == nil)
    }

    @Test func remoteCompactionReplacesEarlierHistory() throws {
        let compacted = #"{"timestamp":"t","type":"compacted","payload":{"message":"","replacement_history":[{"type":"message","role":"user","content":[{"type":"input_text","text":"kept"}]}]}}"#
        let loaded = try parse([metaLine, userLine, assistantLine, compacted, assistantLine].joined(separator: "\n"))
        let texts = loaded.history().compactMap { item -> String? in
            if case .message(let message) = item { return message.text }
            return nil
        }
        #expect(texts == ["kept", "hi"])
    }

    @Test func localCompactionKeepsContextUserMessagesAndSummary() throws {
        let context = #"{"timestamp":"t","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\n</environment_context>"}]}}"#
        let compacted = #"{"timestamp":"t","type":"compacted","payload":{"message":"SUMMARY"}}"#
        let loaded = try parse([metaLine, context, userLine, assistantLine, compacted].joined(separator: "\n"))
        let initial = ResponseItem.message(MessageItem(role: "developer", content: [.inputText("perms")]))
        let history = loaded.history(initialContext: [initial])
        let texts = history.compactMap { item -> String? in
            if case .message(let message) = item { return "\(message.role):\(message.text)" }
            return nil
        }
        #expect(texts == ["developer:perms", "user:hello", "user:SUMMARY"])
    }

    @Test func loadsTheReferenceRolloutWithPaginatedHistory() throws {
        let path = RolloutTestKit.fixturesFolder() + "/rollout-2026-11-22T01-51-09-01a200f3-38a2-79a2-a630-694d7ee6f581.jsonl"
        let loaded = try RolloutReader.load(path: path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.lines.count == 25)
        #expect(loaded.lines.map(\.ordinal) == (0..<25).map { Optional(Int64($0)) })
        #expect(loaded.threadID.rawValue == "01a200f3-38a2-79a2-a630-694d7ee6f581")
        #expect(loaded.meta.source == .exec)
        #expect(loaded.meta.modelProvider == "mock")
        #expect(loaded.meta.cliVersion == "0.163.0")
        #expect(loaded.meta.baseInstructions?.hasPrefix("You are a coding agent") == true)
        #expect(loaded.meta.otherFields["history_mode"] == "paginated")
        #expect(loaded.firstUserMessage == "hello")
        #expect(loaded.lastTurnContext?.approvalPolicy == "never")
        #expect(loaded.lastTurnContext?.sandboxPolicy == ["type": "read-only"])
        let roles = loaded.history().compactMap { item -> String? in
            if case .message(let message) = item { return "\(message.role):\(message.text.prefix(21))" }
            return nil
        }
        #expect(roles == [
            "developer:<skills_instructions>", "user:<environment_context>", "user:hello",
            "assistant:Hello from mock", "user:again", "assistant:Hello from mock",
        ])
        #expect(RolloutHistory.realUserMessages(in: loaded.history()) == ["hello", "again"])
    }

    @Test func loadsAClassicRolloutTheReferenceResumed() throws {
        let path = RolloutTestKit.fixturesFolder() + "/rollout-2026-11-22T01-51-49-01a200f3-d438-746c-a8b0-840cc8ae54bf.jsonl"
        let loaded = try RolloutReader.load(path: path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.lines.allSatisfy { $0.ordinal == nil } == false)  // the first six lines carry ordinals
        #expect(loaded.lines.filter { if case .sessionMeta = $0.item { true } else { false } }.count == 1)
        let userMessages = loaded.events.compactMap(\.userMessageText)
        #expect(userMessages == ["ours-question", "third"])
        #expect(loaded.events.contains(.agentMessage(message: "Hello from mock")))
        let history = loaded.history()
        #expect(RolloutHistory.realUserMessages(in: history) == ["ours-question", "third"])
        #expect(history.last == .message(MessageItem(id: "msg_1", role: "assistant", content: [.outputText("Hello from mock")])))
    }
}

@Suite struct RolloutForkTests {
    @Test func forkCopiesHistoryUpToTheChosenUserMessage() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let path = try await RolloutTestKit.writeThread(home: home, createdAt: Date(), prompt: "one")
            let source = try RolloutReader.load(path: path)
            let resumed = try RolloutWriter.resume(path: path, threadID: source.threadID)
            try await resumed.append(contentsOf: RolloutTestKit.userMessage("two") + RolloutTestKit.assistantMessage("second answer"))
            try await resumed.close()
            let loaded = try RolloutReader.load(path: path)

            let everything = loaded.forkRecords()
            #expect(everything.count == loaded.lines.count - 1)
            let cut = loaded.forkRecords(beforeUserMessage: 1)
            #expect(cut.last == .eventMsg(.agentMessage(message: "answer to one")))

            let forkID = ThreadID.generate()
            var meta = loaded.meta
            meta.id = forkID
            meta.forkedFromID = loaded.threadID
            let writer = try RolloutWriter.create(codexHome: home, meta: meta)
            try await writer.append(contentsOf: cut)
            try await writer.close()
            let fork = try RolloutReader.load(path: writer.path)
            #expect(fork.meta.forkedFromID == loaded.threadID)
            #expect(RolloutHistory.realUserMessages(in: fork.history()) == ["one"])
            #expect(RolloutStore(codexHome: home).rolloutPath(for: forkID) == writer.path)
        }
    }
}
