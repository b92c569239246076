import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// turn/interrupt answers once the turn has ended, then `turn/completed` says interrupted.
@Suite(.serialized) struct TurnInterruptTests {
    @Test func interruptDuringAHeldStream() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(MockReply.assistantText("never").holding(afterEvents: 1), .assistantText("after"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client)
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "stream")
                    try await server.waitUntilHeld()
                    let answer = try await client.request(
                        "turn/interrupt", ["threadId": .string(threadID), "turnId": .string(turnID)])
                    #expect(answer == [:])
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "interrupted")
                    #expect(turn["items"] == [])
                    // The thread can be used again.
                    let next = try await AppServerE2E.startTurn(client, threadID: threadID, text: "again")
                    let nextTurn = try await AppServerE2E.completedTurn(client, turnID: next)
                    #expect(nextTurn["status"] == "completed")
                    let again = try await client.errorMessage(
                        of: "turn/interrupt", ["threadId": .string(threadID), "turnId": .string(turnID)])
                    #expect(again == "no active turn to interrupt")
                }
            }
        }
    }

    @Test func interruptDuringARunningCommand() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.functionCall(callID: "call_sleep", name: "shell_command", arguments: ["command": "sleep 30"]))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["approvalPolicy": "never", "sandbox": "danger-full-access"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "sleep")
                    _ = try await client.notification("item/started") { $0["item"]?["type"] == "commandExecution" }
                    let started = ContinuousClock.now
                    _ = try await client.request(
                        "turn/interrupt", ["threadId": .string(threadID), "turnId": .string(turnID)], timeout: .seconds(15))
                    #expect(ContinuousClock.now - started < .seconds(15))
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "interrupted")
                }
            }
        }
    }
}
