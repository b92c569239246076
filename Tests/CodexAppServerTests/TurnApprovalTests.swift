import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// Approvals as server requests, end to end over stdio.
@Suite(.serialized) struct TurnApprovalTests {
    private func commandApproval(decision: String) async throws -> (item: JSONValue, file: Bool, turn: JSONValue) {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(
                    callID: "call_1", name: "shell_command",
                    arguments: ["command": "echo approved > accepted.txt"]),
                .assistantText("done"))
            return try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client,
                        ["cwd": .string(home.workDirectory), "approvalPolicy": "untrusted", "sandbox": "danger-full-access"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "write the file")
                    let started = try await client.notification("item/started") { $0["item"]?["type"] == "commandExecution" }
                    #expect(started["item"]?["status"] == "inProgress")
                    let (id, params) = try await client.serverRequest("item/commandExecution/requestApproval")
                    #expect(params["threadId"]?.stringValue == threadID)
                    #expect(params["turnId"]?.stringValue == turnID)
                    #expect(params["itemId"] == "call_1")
                    #expect(params["command"]?.stringValue?.contains("echo approved") == true)
                    #expect(params["cwd"]?.stringValue == home.workDirectory)
                    #expect(params["commandActions"]?.arrayValue?.isEmpty == false)
                    try await client.reply(
                        to: id, result: ["decision": .string(decision)], method: "item/commandExecution/requestApproval")
                    let resolved = try await client.notification("serverRequest/resolved")
                    #expect(resolved["requestId"] == id)
                    let completed = try await client.notification("item/completed") {
                        $0["item"]?["type"] == "commandExecution"
                    }
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    let written = FileManager.default.fileExists(atPath: home.workDirectory + "/accepted.txt")
                    return (completed["item"] ?? .null, written, turn)
                }
            }
        }
    }

    @Test func acceptedCommandRunsAndCompletes() async throws {
        let (item, written, turn) = try await commandApproval(decision: "accept")
        #expect(item["status"] == "completed")
        #expect(item["exitCode"] == 0)
        #expect(written)
        #expect(turn["status"] == "completed")
    }

    @Test func declinedCommandDoesNotRunAndTheTurnStillCompletes() async throws {
        let (item, written, turn) = try await commandApproval(decision: "decline")
        #expect(item["status"] == "declined")
        #expect(!written)
        #expect(turn["status"] == "completed")
    }

    @Test func fileChangeApprovalAppliesThePatch() async throws {
        try await MockResponsesServer.withServer { server in
            let patch = "*** Begin Patch\n*** Add File: created.txt\n+hello from the patch\n*** End Patch\n"
            server.enqueue(.customToolCall(callID: "call_patch", name: "apply_patch", input: patch), .assistantText("patched"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["cwd": .string(home.workDirectory), "approvalPolicy": "untrusted", "sandbox": "read-only"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "create a file")
                    let started = try await client.notification("item/started") { $0["item"]?["type"] == "fileChange" }
                    #expect(started["item"]?["changes"]?.arrayValue?.first?["kind"]?["type"] == "add")
                    let (id, params) = try await client.serverRequest("item/fileChange/requestApproval")
                    #expect(params["turnId"]?.stringValue == turnID)
                    #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/created.txt"))
                    try await client.reply(to: id, result: ["decision": "accept"], method: "item/fileChange/requestApproval")
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    let text = String(decoding: FileManager.default.contents(atPath: home.workDirectory + "/created.txt") ?? Data(), as: UTF8.self)
                    #expect(text == "hello from the patch\n")
                }
            }
        }
    }
}
