import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// MCP tool-call approvals and MCP servers' elicitations over the app-server (spec mcp-client §6.2–§6.4): the built
/// `codex app-server` with the fixture MCP server (official MCP Python SDK) and the mock model; every message is
/// validated against the reference schema by the client. Expected shapes were observed from 0.163.0 with this fixture.
/// Skipped with a message when no Python with the SDK is available. Each test runs against the built `codex`, and
/// also against the reference when `CODEX_REFERENCE_BIN` names it (the same expectations must hold for both).
@Suite struct MCPToolApprovalTests {
    static let fixture = MCPToolCallItemTests.fixture
    static let python = MCPToolCallItemTests.python

    /// nil (the built `codex`), then the reference's binary when `CODEX_REFERENCE_BIN` is set.
    static let binaries: [String?] = {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("MCPToolApprovalTests: CODEX_REFERENCE_BIN is not set; the reference comparison is skipped")
            return [nil]
        }
        return [nil, reference]
    }()

    static func table(python: String) -> String {
        """
        [mcp_servers.fake]
        command = "\(python)"
        args = ["\(fixture)"]
        """
    }

    static func call(_ callID: String, _ tool: String, _ arguments: String = "{}", response: String) -> MockReply {
        .namespacedFunctionCall(callID: callID, namespace: "mcp__fake", name: tool, arguments: arguments, responseID: response)
    }

    /// `thread/start` params that let the user be asked.
    static func asking(cwd: String) -> JSONValue {
        ["cwd": .string(cwd), "approvalPolicy": "on-request", "sandbox": "workspace-write"]
    }

    /// The `mcpToolCall` item of `item/completed` for `callID`.
    static func completedItem(_ client: AppServerClient, _ callID: String) async throws -> JSONValue {
        let completed = try await client.notification("item/completed") {
            $0["item"]?["type"] == "mcpToolCall" && $0["item"]?["id"]?.stringValue == callID
        }
        return completed["item"] ?? .null
    }

    @Test(arguments: binaries) func approvalsAcceptedAndDeclinedOverTheAppServer(binary: String?) async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                Self.call("c_echo", "echo", #"{"text":"hi"}"#, response: "r1"), Self.call("c_decline", "structured", response: "r2"),
                Self.call("c_cancel", "structured", response: "r3"), Self.call("c_session", "structured", response: "r4"),
                Self.call("c_remembered", "structured", response: "r5"), Self.call("c_readonly", "readonly", response: "r6"),
                Self.call("c_always", "pid", response: "r7"), .assistantText("done", responseID: "r8"))
            try await CodexTestHome.withHome(server: server) { home in
                try home.writeConfig(
                    baseURL: server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0",
                    extraTablesTOML: Self.table(python: python))
                try await AppServerE2E.withServer(home: home, binary: binary) { client in
                    let threadID = try await AppServerE2E.startThread(client, Self.asking(cwd: home.workDirectory))
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "use the tools")

                    // The item starts first, then the question; accepted, the call runs.
                    let started = try await client.notification("item/started") { $0["item"]?["id"] == "c_echo" }
                    #expect(started["item"]?["status"] == "inProgress")
                    let echo = try await client.serverRequest("mcpServer/elicitation/request")
                    #expect(
                        echo.params
                            == [
                                "threadId": .string(threadID), "turnId": .string(turnID), "serverName": "fake", "mode": "form",
                                "_meta": [
                                    "codex_approval_kind": "mcp_tool_call", "persist": ["session", "always"],
                                    "tool_description": "Echo the text back.", "tool_params": ["text": "hi"],
                                    "tool_params_display": [["name": "text", "value": "hi", "display_name": "text"]],
                                ],
                                "message": "Allow the fake MCP server to run tool \"echo\"?",
                                "requestedSchema": ["type": "object", "properties": [:]],
                            ])
                    try await client.reply(to: echo.id, result: ["action": "accept"], method: "mcpServer/elicitation/request")
                    _ = try await client.notification("serverRequest/resolved") { $0["requestId"] == echo.id }
                    let echoItem = try await Self.completedItem(client, "c_echo")
                    #expect(echoItem["status"] == "completed")
                    #expect(echoItem["result"]?["content"] == [["type": "text", "text": "ECHO:hi"]])

                    // Declined and cancelled: not run, the item fails, the turn goes on.
                    let decline = try await client.serverRequest("mcpServer/elicitation/request")
                    try await client.reply(to: decline.id, result: ["action": "decline"], method: "mcpServer/elicitation/request")
                    let declined = try await Self.completedItem(client, "c_decline")
                    #expect(declined["status"] == "failed" && declined["result"] == .null)
                    #expect(declined["error"] == ["message": "user rejected MCP tool call"])
                    let cancel = try await client.serverRequest("mcpServer/elicitation/request")
                    try await client.reply(to: cancel.id, result: ["action": "cancel"], method: "mcpServer/elicitation/request")
                    let cancelled = try await Self.completedItem(client, "c_cancel")
                    #expect(cancelled["error"] == ["message": "user cancelled MCP tool call"])

                    // "This session": run, and the same tool is not asked about again.
                    let session = try await client.serverRequest("mcpServer/elicitation/request")
                    try await client.reply(
                        to: session.id, result: ["action": "accept", "_meta": ["persist": "session"]],
                        method: "mcpServer/elicitation/request")
                    #expect(try await Self.completedItem(client, "c_session")["status"] == "completed")
                    #expect(try await Self.completedItem(client, "c_remembered")["status"] == "completed")
                    // A read-only tool is never asked about; its hint is on the item.
                    let readOnly = try await Self.completedItem(client, "c_readonly")
                    #expect(readOnly["status"] == "completed" && readOnly["readOnlyHint"] == true)

                    // "Always": run, and the tool is marked approved in the user config.
                    let always = try await client.serverRequest("mcpServer/elicitation/request")
                    #expect(always.params["message"] == "Allow the fake MCP server to run tool \"pid\"?")
                    try await client.reply(
                        to: always.id, result: ["action": "accept", "_meta": ["persist": "always"]],
                        method: "mcpServer/elicitation/request")
                    #expect(try await Self.completedItem(client, "c_always")["status"] == "completed")
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")

                    let config = try String(contentsOfFile: home.configPath, encoding: .utf8)
                    #expect(config.contains("approval_mode = \"approve\""), "\(config)")
                    #expect(config.contains("pid"), "\(config)")
                    // What the model saw for the refused calls.
                    let requests = server.requests
                    let declinedOutput = requests.compactMap { $0.toolOutput(callID: "c_decline") }.first
                    #expect(declinedOutput?["output"]?.arrayValue?.last == ["type": "input_text", "text": "user rejected MCP tool call"])
                    let cancelledOutput = requests.compactMap { $0.toolOutput(callID: "c_cancel") }.first
                    #expect(
                        cancelledOutput?["output"]?.arrayValue?.last == ["type": "input_text", "text": "user cancelled MCP tool call"])
                }
            }
        }
    }

    @Test(arguments: binaries) func aServersElicitationIsForwardedAndAnsweredByTheClient(binary: String?) async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                Self.call("c_ask", "ask", response: "r1"), Self.call("c_ask2", "ask", response: "r2"),
                .assistantText("done", responseID: "r3"))
            try await CodexTestHome.withHome(server: server) { home in
                try home.writeConfig(
                    baseURL: server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0",
                    extraTablesTOML: Self.table(python: python) + "\ndefault_tools_approval_mode = \"approve\"")
                try await AppServerE2E.withServer(home: home, binary: binary) { client in
                    let threadID = try await AppServerE2E.startThread(client, Self.asking(cwd: home.workDirectory))
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "ask me")
                    let asked = try await client.serverRequest("mcpServer/elicitation/request")
                    #expect(
                        asked.params
                            == [
                                "threadId": .string(threadID), "turnId": .string(turnID), "serverName": "fake", "mode": "form",
                                "_meta": nil, "message": "Which colour?",
                                "requestedSchema": [
                                    "type": "object", "properties": ["colour": ["type": "string"]], "required": ["colour"],
                                ],
                            ])
                    try await client.reply(
                        to: asked.id, result: ["action": "accept", "content": ["colour": "blue"]],
                        method: "mcpServer/elicitation/request")
                    let answered = try await Self.completedItem(client, "c_ask")
                    #expect(answered["result"]?["content"] == [["type": "text", "text": #"ELICIT:accept:{"colour": "blue"}"#]])
                    let again = try await client.serverRequest("mcpServer/elicitation/request")
                    try await client.reply(to: again.id, result: ["action": "decline"], method: "mcpServer/elicitation/request")
                    let declined = try await Self.completedItem(client, "c_ask2")
                    #expect(declined["result"]?["content"] == [["type": "text", "text": "ELICIT:decline:null"]])
                    #expect(try await AppServerE2E.completedTurn(client, turnID: turnID)["status"] == "completed")
                }
            }
        }
    }

    @Test(arguments: binaries) func withoutTheElicitationFeatureTheApprovalIsAQuestion(binary: String?) async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                Self.call("c1", "structured", response: "r1"), Self.call("c2", "structured", response: "r2"),
                Self.call("c3", "echo", #"{"text":"x"}"#, response: "r3"), .assistantText("done", responseID: "r4"))
            try await CodexTestHome.withHome(server: server) { home in
                try home.writeConfig(
                    baseURL: server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0",
                    extraTablesTOML: Self.table(python: python) + "\n\n[features]\ntool_call_mcp_elicitation = false")
                try await AppServerE2E.withServer(home: home, binary: binary) { client in
                    let threadID = try await AppServerE2E.startThread(client, Self.asking(cwd: home.workDirectory))
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "go")
                    let first = try await client.serverRequest("item/tool/requestUserInput")
                    let option: (String, String) -> JSONValue = { label, description in
                        ["label": .string(label), "description": .string(description)]
                    }
                    #expect(
                        first.params
                            == [
                                "threadId": .string(threadID), "turnId": .string(turnID), "itemId": "c1",
                                "questions": [
                                    [
                                        "id": "mcp_tool_call_approval_c1", "header": "Approve app tool call?",
                                        "question": "Allow the fake MCP server to run tool \"structured\"?", "isOther": false,
                                        "isSecret": false,
                                        "options": [
                                            option("Allow", "Run the tool and continue."),
                                            option("Allow for this session", "Run the tool and remember this choice for this session."),
                                            option("Cancel", "Cancel this tool call."),
                                        ],
                                    ]
                                ],
                                "isBlocking": true, "autoResolutionMs": nil,
                            ])
                    try await client.reply(
                        to: first.id, result: ["answers": ["mcp_tool_call_approval_c1": ["answers": ["Allow for this session"]]]],
                        method: "item/tool/requestUserInput")
                    #expect(try await Self.completedItem(client, "c1")["status"] == "completed")
                    #expect(try await Self.completedItem(client, "c2")["status"] == "completed")
                    let third = try await client.serverRequest("item/tool/requestUserInput")
                    try await client.reply(
                        to: third.id, result: ["answers": ["mcp_tool_call_approval_c3": ["answers": ["Cancel"]]]],
                        method: "item/tool/requestUserInput")
                    let cancelled = try await Self.completedItem(client, "c3")
                    #expect(cancelled["error"] == ["message": "user cancelled MCP tool call"])
                    #expect(try await AppServerE2E.completedTurn(client, turnID: turnID)["status"] == "completed")
                }
            }
        }
    }
}
