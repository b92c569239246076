import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// thread/resume from a fresh process and thread/fork, end to end.
@Suite(.serialized) struct ThreadResumeTests {
    @Test func resumeInANewProcessCarriesTheEarlierTurns() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("noted"), .assistantText("banana"))
            try await CodexTestHome.withHome(server: server) { home in
                let threadID = try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client)
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "remember banana")
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    return threadID
                }
                try await AppServerE2E.withServer(home: home) { client in
                    let resumed = try await client.request("thread/resume", ["threadId": .string(threadID)])
                    #expect(resumed["thread"]?["id"]?.stringValue == threadID)
                    let turns = resumed["thread"]?["turns"]?.arrayValue ?? []
                    #expect(turns.count == 1)
                    let items = turns.first?["items"]?.arrayValue ?? []
                    #expect(items.first?["content"]?.arrayValue?.first?["text"] == "remember banana")
                    #expect(items.last?["text"] == "noted")
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "what was it?")
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    let requests = try await server.waitForRequests(count: 2, pathSuffix: "/responses")
                    let body = requests.last?.body?.serialized() ?? ""
                    #expect(body.contains("remember banana"))
                    #expect(body.contains("noted"))
                    #expect(body.contains("what was it?"))
                }
            }
        }
    }

    @Test func forkCopiesTheHistoryUnderANewID() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("first answer"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let source = try await AppServerE2E.startThread(client)
                    let turnID = try await AppServerE2E.startTurn(client, threadID: source, text: "original question")
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    let fork = try await client.request("thread/fork", ["threadId": .string(source)])
                    let forkID = try #require(fork["thread"]?["id"]?.stringValue)
                    #expect(forkID != source)
                    #expect(fork["thread"]?["forkedFromId"]?.stringValue == source)
                    #expect(fork["thread"]?["turns"]?.arrayValue?.count == 1)
                    _ = try await client.notification("thread/started") { $0["thread"]?["id"]?.stringValue == forkID }
                    let files = try E2ERollouts.files(codexHome: home.codexHome)
                    #expect(files.count == 2)
                    #expect(files.contains { $0.hasSuffix("\(forkID).jsonl") })
                    let unsubscribed = try await client.request("thread/unsubscribe", ["threadId": .string(forkID)])
                    #expect(unsubscribed["status"] == "unsubscribed")
                    let loaded = try await client.request("thread/loaded/list", [:])
                    #expect(loaded["data"] == [.string(source)])
                }
            }
        }
    }

    @Test func resumingAnUnknownThreadIsRefused() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await AppServerE2E.withServer(home: home) { client in
                let unknown = "01a20137-82e6-7b6f-83f5-73d894b06c67"
                let message = try await client.errorMessage(of: "thread/resume", ["threadId": .string(unknown)])
                #expect(message == "no rollout found for thread id \(unknown)")
                let invalid = try await client.errorMessage(of: "thread/resume", ["threadId": "not-a-uuid"])
                #expect(invalid.hasPrefix("invalid thread id: "))
            }
        }
    }
}
