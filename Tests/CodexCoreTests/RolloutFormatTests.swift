import CodexCore
import CodexProtocol
import Foundation
import Testing

/// Appends follow the file's format: ordinals that continue in a paginated file, legacy lines in a legacy one.
@Suite struct RolloutFormatTests {
    private static func completedUser(_ text: String, turnID: String = "turn-1") -> RolloutItem? {
        RolloutItem.itemCompleted(
            threadID: "t", turnID: turnID, item: .userMessage(id: "u-\(text)", content: [.text(text)]), at: Date())
    }

    private static func completedAgent(_ text: String) -> RolloutItem? {
        RolloutItem.itemCompleted(threadID: "t", turnID: "turn-1", item: .agentMessage(id: "a-\(text)", text: text), at: Date())
    }

    private static func completedCommand() -> RolloutItem? {
        let command = CommandExecutionItem(
            id: "call_1", command: ["/bin/bash", "-lc", "ls"], displayCommand: "/bin/bash -lc ls", cwd: "/work/a b",
            status: .completed, aggregatedOutput: "x\n", exitCode: 0, durationMs: 1_250, parsedCommands: [.listFiles(cmd: "ls", path: nil)])
        return RolloutItem.itemCompleted(threadID: "t", turnID: "turn-1", item: .commandExecution(command), at: Date())
    }

    private static func objects(_ path: String) throws -> [JSONValue] {
        try RolloutTestKit.lines(of: path).filter { !$0.isEmpty }.map { try JSONParser.parse($0) }
    }

    private static func eventTypes(_ lines: [JSONValue]) -> [String] {
        lines.compactMap { $0["type"] == "event_msg" ? $0["payload"]?["type"]?.stringValue : nil }
    }

    @Test func paginatedFileNumbersEveryLineAndResumeContinues() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            var meta = RolloutTestKit.meta(ThreadID.generate(), at: Date())
            meta.historyMode = .paginated
            let writer = try RolloutWriter.create(codexHome: home, meta: meta)
            #expect(writer.mode == .paginated)
            try await writer.append(contentsOf: [.taskStarted(turnID: "turn-1", at: Date())] + [Self.completedUser("hi")].compactMap { $0 })
            try await writer.close()

            let resumed = try RolloutWriter.resume(path: writer.path, threadID: meta.id)
            #expect(resumed.mode == .paginated)
            try await resumed.append(contentsOf: [Self.completedAgent("hello"), Self.completedCommand()].compactMap { $0 })
            try await resumed.close()

            let lines = try Self.objects(writer.path)
            #expect(lines.map { $0["ordinal"]?.intValue } == [0, 1, 2, 3, 4])
            #expect(lines.first?["payload"]?["history_mode"] == "paginated")
            #expect(Self.eventTypes(lines) == ["task_started", "item_completed", "item_completed", "item_completed"])
            let loaded = try RolloutReader.load(path: writer.path)
            #expect(loaded.meta.historyMode == .paginated)
            #expect(loaded.firstUserMessage == "hi")
            // The command item reads back whole, its cwd through the file URI.
            let command = loaded.lines.compactMap { line -> ThreadItem? in
                guard case .eventMsg(.other("item_completed", let payload)) = line.item else { return nil }
                return RolloutTurnItem.item(payload["item"])
            }.last
            guard case .commandExecution(let item)? = command else {
                Issue.record("no command item read back")
                return
            }
            #expect(item.cwd == "/work/a b")
            #expect(item.durationMs == 1_250)
            #expect(item.parsedCommands == [.listFiles(cmd: "ls", path: nil)])
            #expect(lines.last?["payload"]?["item"]?["cwd"] == "file:///work/a%20b")
        }
    }

    @Test func resumeAfterATornLineContinuesFromTheLastWholeLine() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            var meta = RolloutTestKit.meta(ThreadID.generate(), at: Date())
            meta.historyMode = .paginated
            let writer = try RolloutWriter.create(codexHome: home, meta: meta)
            try await writer.append(contentsOf: [Self.completedUser("hi")].compactMap { $0 })
            try await writer.close()
            let handle = try #require(FileHandle(forWritingAtPath: writer.path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"timestamp":"x","ordinal":2,"type":"event_"#.utf8))
            try handle.close()

            let resumed = try RolloutWriter.resume(path: writer.path, threadID: meta.id)
            try await resumed.append(contentsOf: [Self.completedAgent("after crash")].compactMap { $0 })
            try await resumed.close()
            let loaded = try RolloutReader.load(path: writer.path)
            #expect(loaded.warnings.count == 1)
            #expect(loaded.lines.map(\.ordinal) == [0, 1, 2])
        }
    }

    @Test func legacyFileGetsLegacyLinesWithEachMessageOnce() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let id = ThreadID.generate()
            let path = try await RolloutTestKit.writeThread(home: home, id: id, createdAt: Date())
            let resumed = try RolloutWriter.resume(path: path, threadID: id)
            #expect(resumed.mode == .legacy)
            try await resumed.append(
                contentsOf: [Self.completedUser("second"), Self.completedCommand(), Self.completedAgent("answer")].compactMap { $0 })
            try await resumed.close()
            let lines = try Self.objects(path)
            #expect(lines.allSatisfy { $0["ordinal"] == nil })
            #expect(Self.eventTypes(lines) == ["user_message", "agent_message", "user_message", "agent_message"])
            let loaded = try RolloutReader.load(path: path)
            #expect(loaded.events.last == .agentMessage(message: "answer"))
        }
    }

    /// The `item` of a web search's and an image view's `item_completed` event, byte for byte as 0.163.0 writes it,
    /// and read back.
    @Test func webSearchAndImageViewItemsAreRecordedAsTheReferenceRecordsThem() throws {
        let search = ThreadItem.webSearch(
            WebSearchItem(id: "ws_1", query: "swift lang", action: .search(query: "swift lang", queries: nil)))
        let searchJSON: JSONValue = [
            "type": "WebSearch", "id": "ws_1", "query": "swift lang", "action": ["type": "search", "query": "swift lang"],
        ]
        #expect(RolloutTurnItem.json(search) == searchJSON)
        #expect(RolloutTurnItem.item(searchJSON) == search)
        let page = ThreadItem.webSearch(WebSearchItem(id: "ws_2", query: "https://a.example", action: .openPage(url: "https://a.example")))
        #expect(RolloutTurnItem.json(page)?["action"] == ["type": "open_page", "url": "https://a.example"])
        #expect(RolloutTurnItem.item(RolloutTurnItem.json(page)) == page)

        let image = ThreadItem.imageView(id: "call_img", path: "/work/a b/shot.png")
        let imageJSON: JSONValue = ["type": "ImageView", "id": "call_img", "path": "file:///work/a%20b/shot.png"]
        #expect(RolloutTurnItem.json(image) == imageJSON)
        #expect(RolloutTurnItem.item(imageJSON) == image)
    }
}

