import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// "Always allow" answers (`acceptWithExecpolicyAmendment`) become exec-policy rules in
/// `$CODEX_HOME/rules/default.rules`, honoured by later turns and by the next server process.
@Suite(.serialized) struct RememberedApprovalTests {
    static let approvalMethod = "item/commandExecution/requestApproval"
    static let touch: JSONValue = ["command": "touch made.txt"]

    /// Runs one turn whose command needs no approval; returns the command item as completed.
    private static func unaskedTurn(_ client: AppServerClient, home: CodexTestHome) async throws -> JSONValue {
        let threadID = try await AppServerE2E.startThread(
            client, ["cwd": .string(home.workDirectory), "approvalPolicy": "untrusted", "sandbox": "workspace-write"])
        let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "touch it again")
        let completed = try await client.notification("item/completed") { $0["item"]?["type"] == "commandExecution" }
        _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
        return completed["item"] ?? .null
    }

    @Test func aRememberedPrefixSkipsTheNextApprovalInThisProcessAndTheNext() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(callID: "call_1", name: "shell_command", arguments: Self.touch), .assistantText("one"),
                .functionCall(callID: "call_2", name: "shell_command", arguments: Self.touch), .assistantText("two"),
                .functionCall(callID: "call_3", name: "shell_command", arguments: Self.touch), .assistantText("three"))
            try await CodexTestHome.withHome(server: server) { home in
                let rulesPath = home.codexHome + "/rules/default.rules"
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["cwd": .string(home.workDirectory), "approvalPolicy": "untrusted", "sandbox": "workspace-write"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "touch it")
                    let (id, params) = try await client.serverRequest(Self.approvalMethod)
                    #expect(params["proposedExecpolicyAmendment"] == ["touch", "made.txt"])
                    #expect(
                        params["availableDecisions"]
                            == ["accept", ["acceptWithExecpolicyAmendment": ["execpolicy_amendment": ["touch", "made.txt"]]], "cancel"])
                    try await client.reply(
                        to: id,
                        result: ["decision": ["acceptWithExecpolicyAmendment": ["execpolicy_amendment": ["touch", "made.txt"]]]],
                        method: Self.approvalMethod)
                    let first = try await client.notification("item/completed") { $0["item"]?["type"] == "commandExecution" }
                    #expect(first["item"]?["status"] == "completed")
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    let rules = String(decoding: try Data(contentsOf: URL(filePath: rulesPath)), as: UTF8.self)
                    #expect(rules == "prefix_rule(pattern=[\"touch\", \"made.txt\"], decision=\"allow\")\n")

                    // Same process, a new thread: no prompt.
                    let second = try await Self.unaskedTurn(client, home: home)
                    #expect(second["status"] == "completed")
                    #expect(await client.seen.filter { $0["method"]?.stringValue == Self.approvalMethod }.count == 1)
                }
                // The next process reads the rule back.
                try await AppServerE2E.withServer(home: home) { client in
                    let third = try await Self.unaskedTurn(client, home: home)
                    #expect(third["status"] == "completed")
                    #expect(third["exitCode"] == 0)
                    #expect(await client.seen.contains { $0["method"]?.stringValue == Self.approvalMethod } == false)
                }
            }
        }
    }

    @Test func aMalformedRulesFileIsAConfigWarningAndNotAnAllowAll() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.functionCall(callID: "call_1", name: "shell_command", arguments: Self.touch), .assistantText("done"))
            try await CodexTestHome.withHome(server: server) { home in
                let rulesPath = home.codexHome + "/rules/default.rules"
                try FileManager.default.createDirectory(atPath: home.codexHome + "/rules", withIntermediateDirectories: true)
                // Line 1 alone would allow the command; line 2 breaks the file, so none of it applies.
                let text = "prefix_rule(pattern=[\"touch\"])\nprefix_rule(pattern=[\"ls\", decision=\"allow\")\n"
                try Data(text.utf8).write(to: URL(filePath: rulesPath))
                try await AppServerE2E.withServer(home: home) { client in
                    let warning = try await client.notification("configWarning") { $0["path"]?.stringValue == rulesPath }
                    #expect(warning["summary"] == "Error parsing rules; custom rules not applied.")
                    #expect(warning["range"]?["start"] == ["line": 2, "column": 36])
                    #expect(warning["details"]?.stringValue?.contains("\(rulesPath):2:36") == true)
                    let threadID = try await AppServerE2E.startThread(
                        client, ["cwd": .string(home.workDirectory), "approvalPolicy": "untrusted", "sandbox": "workspace-write"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "touch it")
                    let (id, _) = try await client.serverRequest(Self.approvalMethod)
                    try await client.reply(to: id, result: ["decision": "decline"], method: Self.approvalMethod)
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/made.txt"))
                }
            }
        }
    }
}
