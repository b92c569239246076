import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// A model failure ends the turn as failed, with an `error` notification first.
@Suite(.serialized) struct TurnFailureTests {
    @Test func failedModelResponseFailsTheTurn() async throws {
        try await MockResponsesServer.withServer { server in
            // Enough failures for the first attempt and the configured retry.
            server.enqueue(
                .failed(code: "server_error", message: "the mock model broke"),
                .failed(code: "server_error", message: "the mock model broke"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client)
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "fail please")
                    let retry = try await client.notification("error") { $0["turnId"]?.stringValue == turnID }
                    #expect(retry["willRetry"] == true)
                    let error = try await client.notification("error") { $0["turnId"]?.stringValue == turnID }
                    #expect(error["willRetry"] == false)
                    #expect(error["error"]?["message"]?.stringValue?.contains("the mock model broke") == true)
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "failed")
                    #expect(turn["error"]?["message"]?.stringValue?.contains("the mock model broke") == true)
                    let status = try await client.notification("thread/status/changed") {
                        $0["threadId"]?.stringValue == threadID && $0["status"]?["type"] != "active"
                    }
                    #expect(status["status"]?["type"] == "systemError")
                }
            }
        }
    }
}
