import CodexAppServer
import CodexCore
import CodexProtocol
import Foundation
import Testing

/// Turns rebuilt from real rollouts of each format (files written by 0.163.0 and by this project; see
/// docs/rollout-format.md): every item kind comes back, each message once.
@Suite struct RolloutTurnBuilderTests {
    static let names = [
        "reference-paginated.jsonl", "legacy.jsonl", "legacy-with-reference-append.jsonl",
        "reference-paginated-with-our-append.jsonl", "reference-web-search-and-image.jsonl",
    ]

    private static func fixture(_ name: String, selection: RolloutLineSelection = .turns) throws -> [AppServerV2.Turn] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CodexCoreTests/Fixtures/rollout-formats").path
        let loaded = try RolloutReader.load(path: folder + "/" + name, selection: selection)
        #expect(loaded.warnings.isEmpty)
        return RolloutTurnBuilder.turns(from: loaded.lines)
    }

    @Test(arguments: names) func readingOnlyWhatTurnsNeedGivesTheSameTurns(name: String) throws {
        let quick = try Self.fixture(name, selection: .turns)
        #expect(!quick.isEmpty)
        #expect(quick == (try Self.fixture(name, selection: .all)))
    }

    /// A compact view of an item: kind and its main text.
    private static func summary(_ item: AppServerV2.ThreadItem) -> String {
        switch item {
        case .userMessage(_, let content, _):
            let texts = content.compactMap { if case .text(let text, _) = $0 { text } else { nil } }
            return "user: " + texts.joined()
        case .agentMessage(_, let text): return "agent: " + text
        case .reasoning(_, let summary, _): return "reasoning: " + summary.joined()
        case .commandExecution(let command): return "command: " + command.command
        case .fileChange(_, let changes, _): return "patch: " + changes.map(\.path).joined(separator: ",")
        case .contextCompaction: return "compaction"
        case .mcpToolCall(let call): return "mcp: \(call.server)/\(call.tool)"
        case .enteredReviewMode(_, let review): return "review: " + review
        case .exitedReviewMode(_, let review): return "reviewed: " + review
        case .webSearch(let search): return "web search: " + search.query
        case .imageView(_, let path): return "image: " + path
        case .unknown: return "unknown"
        }
    }

    private static func command(_ turn: AppServerV2.Turn) -> AppServerV2.CommandExecutionItem? {
        for item in turn.items { if case .commandExecution(let command) = item { return command } }
        return nil
    }

    private static func patchStatus(_ turn: AppServerV2.Turn) -> AppServerV2.PatchApplyStatus? {
        for item in turn.items { if case .fileChange(_, _, let status) = item { return status } }
        return nil
    }

    @Test func referencePaginatedFileReadsEveryItemOnce() throws {
        let turns = try Self.fixture("reference-paginated.jsonl")
        #expect(turns.map(\.id) == ["01a2440d-9a79-7c61-906a-90dab3a93a8c", "01a2440d-aa27-7b83-9274-4422c53baa90"])
        #expect(
            turns[0].items.map(Self.summary) == [
                "user: do the demo", "command: /bin/bash -lc 'echo CMD-OUT-1'", "patch: /work/tmp-fmt/work/hello.txt",
                "agent: first answer",
            ])
        #expect(turns[1].items.map(Self.summary) == ["user: second prompt", "agent: second answer"])
        let command = try #require(Self.command(turns[0]))
        #expect(command.id == "call_cmd_1")
        #expect(command.status == .completed)
        #expect(command.exitCode == 0)
        #expect(command.aggregatedOutput == "CMD-OUT-1\n")
        #expect(command.cwd == "/work/tmp-fmt/work")
        #expect(Self.patchStatus(turns[0]) == .completed)
        #expect(turns.allSatisfy { $0.status == .completed })
        #expect(turns[0].startedAt == 1_796_438_071)
        #expect(turns[0].durationMs == 385)
    }

    @Test func legacyFileRebuildsCommandsAndPatchesFromTheCalls() throws {
        let turns = try Self.fixture("legacy.jsonl")
        #expect(turns.count == 1)
        #expect(
            turns[0].items.map(Self.summary) == [
                "user: ours demo", "command: bash -lc 'echo CMD-OUT-1'", "patch: hello.txt", "agent: first answer",
            ])
        #expect(turns[0].id == "88d9e647-78bc-4832-88e0-36d631b74fbd")
        #expect(Self.command(turns[0])?.aggregatedOutput == "unsupported call: exec_command")
        #expect(Self.patchStatus(turns[0]) == .completed)
    }

    @Test func legacyFileTheReferenceAppendedToReadsBothTurns() throws {
        let turns = try Self.fixture("legacy-with-reference-append.jsonl")
        #expect(turns.map { $0.items.map(Self.summary) }.last == ["user: ref prompt on legacy", "agent: ref answer on legacy"])
        #expect(turns.count == 2)
        #expect(turns[1].id == "01a2440f-0290-70a2-a39b-42383c312b72")
    }

    @Test func paginatedFileWeAppendedToReadsAllTurns() throws {
        let turns = try Self.fixture("reference-paginated-with-our-append.jsonl")
        #expect(turns.count == 3)
        #expect(
            turns[2].items.map(Self.summary) == [
                "user: ours on ref", "command: /bin/bash -lc 'echo CMD-OUT-1'", "patch: /work/tmp-fmt/work/hello2.txt",
                "agent: first answer",
            ])
        let agentMessages = turns.flatMap(\.items).filter { Self.summary($0).hasPrefix("agent: ") }
        #expect(agentMessages.count == 3)
    }

    /// 0.163.0 records a provider web search and a `view_image` call as `item_completed` `WebSearch` / `ImageView`
    /// events (the image's path as a file URI); its `thread/read` shows them in place.
    @Test func referenceWebSearchAndImageViewItemsComeBack() throws {
        let turns = try Self.fixture("reference-web-search-and-image.jsonl")
        try #require(turns.count == 1)
        #expect(
            turns[0].items.map(Self.summary) == [
                "user: look", "web search: swift lang", "image: /work/tmp-i16/items-bin/h/work/shot.png", "agent: done",
            ])
        let search = turns[0].items.compactMap { if case .webSearch(let search) = $0 { search } else { nil } }.first
        #expect(search?.id == "ws_1")
        #expect(search?.action == .search(query: "swift lang", queries: nil))
        let image = turns[0].items.compactMap { if case .imageView(let id, _) = $0 { id } else { nil } }.first
        #expect(image == "call_img")
    }
}
