import CodexCore
import CodexProtocol
import Foundation
import Testing

/// Shared helpers for the rollout tests: a temporary CODEX_HOME per test and record builders.
enum RolloutTestKit {
    /// Runs `body` with a fresh folder that is removed afterwards.
    static func withTemporaryHome<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    static func meta(
        _ id: ThreadID, at date: Date, cwd: String = "/work/project", provider: String? = "mock",
        source: SessionSource = .cli
    ) -> SessionMeta {
        SessionMeta(
            id: id, timestamp: RolloutClock.lineTimestamp(date), cwd: cwd, originator: "codex_cli_rs",
            cliVersion: "0.1.0", source: source, modelProvider: provider, baseInstructions: "You are a test.")
    }

    static func userMessage(_ text: String) -> [RolloutItem] {
        [
            .responseItem(.message(MessageItem(role: "user", content: [.inputText(text)]))),
            .eventMsg(.userMessage(message: text, images: [])),
        ]
    }

    static func assistantMessage(_ text: String) -> [RolloutItem] {
        [
            .responseItem(.message(MessageItem(role: "assistant", content: [.outputText(text)]))),
            .eventMsg(.agentMessage(message: text)),
        ]
    }

    static func turnContext(cwd: String = "/work/project") -> RolloutItem {
        .turnContext(
            TurnContextRecord(
                turnID: "turn-1", cwd: cwd, approvalPolicy: "never", sandboxPolicy: ["type": "read-only"],
                model: "mock-model", effort: "medium", summary: "auto"))
    }

    /// Writes a complete thread (meta, context, one exchange) and closes it; returns the writer's path.
    @discardableResult
    static func writeThread(
        home: String, id: ThreadID = ThreadID.generate(), createdAt: Date, prompt: String = "hello",
        cwd: String = "/work/project", provider: String? = "mock", source: SessionSource = .cli
    ) async throws -> String {
        let writer = try RolloutWriter.create(
            codexHome: home, meta: meta(id, at: createdAt, cwd: cwd, provider: provider, source: source),
            createdAt: createdAt)
        try await writer.append(contentsOf: [turnContext(cwd: cwd)] + userMessage(prompt) + assistantMessage("answer to \(prompt)"))
        try await writer.close()
        return writer.path
    }

    static func lines(of path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func fixturesFolder() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rollouts").path
    }
}

@Suite struct RolloutWriterTests {
    @Test func writesAndReadsBackEveryRecordKind() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let id = ThreadID.generate()
            let created = Date(timeIntervalSince1970: 1_795_312_269.481)
            var meta = RolloutTestKit.meta(id, at: created)
            meta.git = GitInfo(commitHash: "abc123", branch: "main", repositoryURL: "https://example.com/r.git")
            let writer = try RolloutWriter.create(codexHome: home, meta: meta, createdAt: created)
            let records: [RolloutItem] =
                [RolloutTestKit.turnContext()] + RolloutTestKit.userMessage("hello")
                + [
                    .responseItem(.functionCall(FunctionCallItem(name: "exec_command", arguments: "{\"cmd\":\"ls\"}", callID: "call_1"))),
                    .responseItem(.functionCallOutput(FunctionCallOutputItem(callID: "call_1", output: "a\nb"))),
                    .eventMsg(.agentReasoning(text: "thinking")),
                    .eventMsg(.tokenCount(info: ["model_context_window": 1000], rateLimits: .null)),
                    .eventMsg(.turnAborted(reason: "interrupted", turnID: "turn-1")),
                    .eventMsg(.other(type: "task_started", payload: JSONObject([("type", "task_started"), ("turn_id", "t")]))),
                    .compacted(CompactedRecord(message: "summary")),
                    .unknown(type: "world_state", payload: ["full": true]),
                ] + RolloutTestKit.assistantMessage("done")
            try await writer.append(contentsOf: records)
            try await writer.close()

            let expectedName = "rollout-\(RolloutClock.fileStamp(created))-\(id).jsonl"
            #expect(writer.path == home + "/sessions/" + RolloutClock.dayFolders(created).joined(separator: "/") + "/" + expectedName)

            let loaded = try RolloutReader.load(path: writer.path)
            #expect(loaded.warnings.isEmpty)
            #expect(loaded.meta == meta)
            #expect(loaded.lines.map(\.item) == [.sessionMeta(meta)] + records)
            #expect(loaded.firstUserMessage == "hello")
            #expect(loaded.lastTurnContext?.model == "mock-model")
        }
    }

    @Test func eachRecordIsOneCompleteLineInTheClassicShape() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let created = Date(timeIntervalSince1970: 1_795_312_269.481)
            let path = try await RolloutTestKit.writeThread(home: home, createdAt: created, prompt: "line\nbreak \"quoted\"")
            let lines = try RolloutTestKit.lines(of: path)
            #expect(lines.last == "")  // the file ends with a newline
            let records = lines.dropLast()
            #expect(records.count == 6)
            for line in records {
                let value = try JSONParser.parse(line)
                #expect(value.objectValue?.keys == ["timestamp", "type", "payload"])
                let timestamp = try #require(value["timestamp"]?.stringValue)
                #expect(RolloutClock.parseLineTimestamp(timestamp) != nil)
                #expect(timestamp.hasSuffix("Z") && timestamp.count == 24)
            }
            #expect(records.first?.hasPrefix("{\"timestamp\":\"2026-11-22T01:51:09.481Z\",\"type\":\"session_meta\",\"payload\":{\"id\":") == true)
            let userEvent = try JSONParser.parse(String(records[3]))
            #expect(userEvent["payload"] == ["type": "user_message", "message": "line\nbreak \"quoted\"", "images": [], "local_images": [], "text_elements": []])
            let userItem = try JSONParser.parse(String(records[2]))
            #expect(userItem["payload"]?.objectValue?.keys.first == "type")
        }
    }

    @Test func concurrentWritersNeverInterleaveLines() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let id = ThreadID.generate()
            let first = try RolloutWriter.create(codexHome: home, meta: RolloutTestKit.meta(id, at: Date()))
            let second = try RolloutWriter.resume(path: first.path, threadID: id)
            let big = String(repeating: "x", count: 20_000)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, writer) in [first, second].enumerated() {
                    group.addTask {
                        for number in 0..<100 {
                            try await writer.append(.eventMsg(.agentMessage(message: "\(index)-\(number)-\(big)")))
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await first.close()
            try await second.close()
            let loaded = try RolloutReader.load(path: first.path)
            #expect(loaded.warnings.isEmpty)
            #expect(loaded.events.count == 200)
            let orderOfFirst = loaded.events.compactMap { event -> Int? in
                guard case .agentMessage(let message) = event, message.hasPrefix("0-") else { return nil }
                return Int(message.dropFirst(2).prefix { $0 != "-" })
            }
            #expect(orderOfFirst == Array(0..<100))
        }
    }

    @Test func resumeAppendsWithoutASecondSessionMeta() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let path = try await RolloutTestKit.writeThread(home: home, createdAt: Date(), prompt: "first")
            let before = try RolloutReader.load(path: path)
            let writer = try RolloutWriter.resume(path: path, threadID: before.threadID)
            try await writer.append(contentsOf: RolloutTestKit.userMessage("second") + RolloutTestKit.assistantMessage("again"))
            try await writer.close()

            let after = try RolloutReader.load(path: path)
            #expect(after.warnings.isEmpty)
            #expect(after.lines.count == before.lines.count + 4)
            #expect(after.lines.filter { if case .sessionMeta = $0.item { true } else { false } }.count == 1)
            let texts = after.history().compactMap { item -> String? in
                if case .message(let message) = item { return message.text }
                return nil
            }
            #expect(texts == ["first", "answer to first", "second", "again"])
        }
    }

    @Test func resumeAfterATornLineStartsOnAFreshLine() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let path = try await RolloutTestKit.writeThread(home: home, createdAt: Date())
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("{\"timestamp\":\"2026-11-22T01:51:09.481Z\",\"type\":\"event_m".utf8))
            try handle.close()

            let loaded = try RolloutReader.load(path: path)
            let writer = try RolloutWriter.resume(path: path, threadID: loaded.threadID)
            try await writer.append(contentsOf: RolloutTestKit.userMessage("after crash"))
            try await writer.close()

            let reloaded = try RolloutReader.load(path: path)
            #expect(reloaded.warnings.count == 1)
            #expect(reloaded.events.last == .userMessage(message: "after crash", images: []))
        }
    }

    @Test func flushedThreadIsListableWithoutClose() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let id = ThreadID.generate()
            let writer = try RolloutWriter.create(codexHome: home, meta: RolloutTestKit.meta(id, at: Date()))
            try await writer.append(contentsOf: RolloutTestKit.userMessage("durable"))
            try await writer.flush()
            // As after kill -9: the writer is never closed, yet the thread lists and loads.
            let page = try RolloutStore(codexHome: home).listThreads(ThreadListQuery())
            #expect(page.threads.map(\.id) == [id])
            #expect(page.threads.first?.preview == "durable")
            #expect(try RolloutReader.load(path: writer.path).history().count == 1)
        }
    }

    @Test func createRefusesToReplaceAnExistingRollout() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let id = ThreadID.generate()
            let created = Date()
            _ = try RolloutWriter.create(codexHome: home, meta: RolloutTestKit.meta(id, at: created), createdAt: created)
            #expect(throws: RolloutError.self) {
                _ = try RolloutWriter.create(codexHome: home, meta: RolloutTestKit.meta(id, at: created), createdAt: created)
            }
        }
    }

    @Test func appendAfterCloseFails() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let writer = try RolloutWriter.create(codexHome: home, meta: RolloutTestKit.meta(ThreadID.generate(), at: Date()))
            try await writer.close()
            await #expect(throws: RolloutError.writerClosed(path: writer.path)) {
                try await writer.append(.eventMsg(.contextCompacted))
            }
        }
    }
}

@Suite struct RolloutThreadIDTests {
    @Test func generatesVersion7IdsCarryingTheirTime() throws {
        let date = Date(timeIntervalSince1970: 1_795_312_269.481)
        let id = ThreadID.generate(at: date)
        #expect(id.version == 7)
        #expect(id.rawValue == id.rawValue.lowercased())
        #expect(id.rawValue.count == 36)
        #expect(id.rawValue.hasPrefix("01a200f3-38a9"))
        let variant = try #require(id.rawValue.split(separator: "-")[3].first)
        #expect("89ab".contains(variant))
        #expect(id.creationDate?.timeIntervalSince1970 == 1_795_312_269.481)
        #expect(ThreadID.generate(at: date) != id)
    }

    @Test func parsesTheReferenceIdsAndRejectsOthers() {
        #expect(ThreadID("01A200F3-38A2-79A2-A630-694D7EE6F581")?.rawValue == "01a200f3-38a2-79a2-a630-694d7ee6f581")
        #expect(ThreadID("01a200f3-38a2-79a2-a630-694d7ee6f581")?.creationDate?.timeIntervalSince1970 == 1_795_312_269.474)
        #expect(ThreadID("not-a-uuid") == nil)
        #expect(ThreadID("01a200f3x38a2-79a2-a630-694d7ee6f581") == nil)
        #expect(ThreadID("01a200f3-38a2-79a2-a630-694d7ee6f58g") == nil)
    }
}
