import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// A write the sandbox denies asks to run again without the sandbox; approving re-runs it.
@Suite(.serialized) struct TurnSandboxRetryTests {
    @Test func deniedWriteAsksAndTheApprovedRerunSucceeds() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let outside = home.root.appending("outside")
                try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
                server.enqueue(
                    .functionCall(
                        callID: "call_w", name: "shell_command",
                        arguments: ["command": .string("echo escaped > \(outside)/note.txt")]),
                    .assistantText("done"))
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client,
                        [
                            "cwd": .string(home.workDirectory), "approvalPolicy": "on-request", "sandbox": "workspace-write",
                            "config": [
                                "sandbox_workspace_write.exclude_slash_tmp": true,
                                "sandbox_workspace_write.exclude_tmpdir_env_var": true,
                            ],
                        ])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "write outside")
                    let (id, params) = try await client.serverRequest("item/commandExecution/requestApproval")
                    #expect(params["turnId"]?.stringValue == turnID)
                    #expect(params["reason"]?.stringValue?.isEmpty == false)
                    // The sandboxed attempt was refused: nothing written yet.
                    #expect(!FileManager.default.fileExists(atPath: outside + "/note.txt"))
                    try await client.reply(
                        to: id, result: ["decision": "accept"], method: "item/commandExecution/requestApproval")
                    let completed = try await client.notification("item/completed") {
                        $0["item"]?["type"] == "commandExecution"
                    }
                    #expect(completed["item"]?["status"] == "completed")
                    #expect(completed["item"]?["exitCode"] == 0)
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    let text = String(decoding: FileManager.default.contents(atPath: outside + "/note.txt") ?? Data(), as: UTF8.self)
                    #expect(text == "escaped\n")
                }
            }
        }
    }
}
