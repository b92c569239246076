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

    /// The retry prompt offers the command as an always-allow prefix; accepting it lets the same command
    /// run outside the sandbox next time without asking.
    @Test func rememberingTheRetryRunsTheNextOneUnsandboxedWithoutAsking() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let outside = home.root.appending("outside")
                try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
                let call: JSONValue = ["command": .string("echo escaped > \(outside)/note.txt")]
                server.enqueue(
                    .functionCall(callID: "call_1", name: "shell_command", arguments: call), .assistantText("one"),
                    .functionCall(callID: "call_2", name: "shell_command", arguments: call), .assistantText("two"))
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
                    let first = try await AppServerE2E.startTurn(client, threadID: threadID, text: "write outside")
                    let (id, params) = try await client.serverRequest("item/commandExecution/requestApproval")
                    let amendment = try #require(params["proposedExecpolicyAmendment"])
                    #expect(amendment.arrayValue?.last?.stringValue?.contains("note.txt") == true)
                    try await client.reply(
                        to: id, result: ["decision": ["acceptWithExecpolicyAmendment": ["execpolicy_amendment": amendment]]],
                        method: "item/commandExecution/requestApproval")
                    _ = try await AppServerE2E.completedTurn(client, turnID: first)
                    try FileManager.default.removeItem(atPath: outside + "/note.txt")

                    let second = try await AppServerE2E.startTurn(client, threadID: threadID, text: "again")
                    let completed = try await client.notification("item/completed") {
                        $0["item"]?["type"] == "commandExecution" && $0["item"]?["id"] == "call_2"
                    }
                    #expect(completed["item"]?["exitCode"] == 0)
                    _ = try await AppServerE2E.completedTurn(client, turnID: second)
                    #expect(FileManager.default.fileExists(atPath: outside + "/note.txt"))
                    #expect(await client.seen.filter { $0["method"] == "item/commandExecution/requestApproval" }.count == 1)
                }
            }
        }
    }
}
