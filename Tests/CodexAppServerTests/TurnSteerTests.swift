import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// turn/steer adds input to the running turn; the model sees it with its next request.
@Suite(.serialized) struct TurnSteerTests {
    @Test func steeredInputReachesTheModelWithinTheSameTurn() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(MockReply.assistantText("working").holding(afterEvents: 1), .assistantText("steered answer"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client)
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "start working")
                    try await server.waitUntilHeld()
                    let input: JSONValue = [["type": "text", "text": "also mention pears", "text_elements": []]]
                    let wrong = try await client.errorMessage(
                        of: "turn/steer",
                        ["threadId": .string(threadID), "input": input, "expectedTurnId": "other-turn"])
                    #expect(wrong == "expected active turn id `other-turn` but found `\(turnID)`")
                    let empty = try await client.errorMessage(
                        of: "turn/steer", ["threadId": .string(threadID), "input": input, "expectedTurnId": ""])
                    #expect(empty == "expectedTurnId must not be empty")
                    let steered = try await client.request(
                        "turn/steer",
                        ["threadId": .string(threadID), "input": input, "expectedTurnId": .string(turnID)])
                    #expect(steered["turnId"]?.stringValue == turnID)
                    server.release()
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    #expect(turn["items"]?.arrayValue?.first?["text"] == "steered answer")
                    let requests = try await server.waitForRequests(count: 2, pathSuffix: "/responses")
                    #expect(requests.last?.body?.serialized().contains("also mention pears") == true)
                    let late = try await client.errorMessage(
                        of: "turn/steer",
                        ["threadId": .string(threadID), "input": input, "expectedTurnId": .string(turnID)])
                    #expect(late == "no active turn to steer")
                }
            }
        }
    }
}
