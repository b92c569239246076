import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `thread/compact/start`: a compaction runs as a turn of its own with a `contextCompaction` item, and
/// the next turn sees the compacted history. Every message is checked against the reference schema.
@Suite(.serialized) struct ThreadCompactTests {
    @Test func compactStartRunsACompactionTurnAndTheNextTurnSeesTheSummary() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("one"), .assistantText("SUMMARY-TEXT"), .assistantText("after"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client)
                    let firstTurn = try await AppServerE2E.startTurn(client, threadID: threadID, text: "first")
                    _ = try await AppServerE2E.completedTurn(client, turnID: firstTurn)

                    let result = try await client.request("thread/compact/start", ["threadId": .string(threadID)])
                    #expect(result == [:])
                    let started = try await client.notification("turn/started") { $0["turn"]?["id"]?.stringValue != firstTurn }
                    let turnID = try #require(started["turn"]?["id"]?.stringValue)
                    let itemStarted = try await client.notification("item/started") { $0["item"]?["type"] == "contextCompaction" }
                    let itemCompleted = try await client.notification("item/completed") {
                        $0["item"]?["type"] == "contextCompaction"
                    }
                    #expect(itemStarted["turnId"]?.stringValue == turnID)
                    #expect(itemCompleted["item"]?["id"] == itemStarted["item"]?["id"])
                    let warning = try await client.notification("warning") { $0["threadId"]?.stringValue == threadID }
                    #expect(warning["message"]?.stringValue?.hasPrefix("Heads up: Long threads and multiple compactions") == true)
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")

                    let nextTurn = try await AppServerE2E.startTurn(client, threadID: threadID, text: "second")
                    _ = try await AppServerE2E.completedTurn(client, turnID: nextTurn)
                    let requests = try await server.waitForRequests(count: 3, pathSuffix: "/responses")
                    #expect(requests[1].userTexts.last?.hasPrefix("CONTEXT CHECKPOINT: the conversation so far") == true)
                    #expect(requests[1].body?["tools"]?.arrayValue?.isEmpty ?? true)
                    let texts = requests[2].userTexts
                    #expect(texts.last == "second")
                    #expect(texts.contains { $0.hasPrefix("Another language model started") && $0.hasSuffix("\nSUMMARY-TEXT") })
                    let assistantTexts = requests[2].inputItems.filter { $0["role"] == "assistant" }
                        .flatMap { $0["content"]?.arrayValue ?? [] }.compactMap { $0["text"]?.stringValue }
                    #expect(assistantTexts.isEmpty)

                    // thread/read rebuilds the compaction turn with its item from the rollout.
                    let read = try await client.request(
                        "thread/read", ["threadId": .string(threadID), "includeTurns": true])
                    let turns = read["thread"]?["turns"]?.arrayValue ?? []
                    let compactionTurn = turns.first { $0["id"]?.stringValue == turnID }
                    #expect(compactionTurn?["items"]?.arrayValue?.map { $0["type"] } == ["contextCompaction"])

                    let unknown = try await client.errorMessage(
                        of: "thread/compact/start", ["threadId": "00000000-0000-0000-0000-000000000000"])
                    #expect(unknown.hasPrefix("thread not found"))
                }
            }
        }
    }
}
