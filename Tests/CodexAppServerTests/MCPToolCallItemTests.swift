import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// A thread's `[mcp_servers]` over the app-server: the fixture MCP server (official MCP Python SDK) starts with
/// the thread, and a model call to its tool is reported as `mcpToolCall` items (validated against the reference
/// schema by the client). Skipped with a message when no Python with the SDK is available.
@Suite struct MCPToolCallItemTests {
    static let fixture = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "CodexMCPClientTests/Fixtures/mcp_fixture_server.py").path
    static let python = MCPFixturePython.locate(
        environment: ProcessInfo.processInfo.environment,
        repositoryRoot: CodexBinary.packageRoot(startingAt: #filePath) ?? ".")

    @Test func anMCPCallIsReportedAsMcpToolCallItems() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .namespacedFunctionCall(callID: "call_mcp", namespace: "mcp__fake", name: "echo", arguments: #"{"text":"hi"}"#),
                .namespacedFunctionCall(
                    callID: "call_err", namespace: "mcp__fake", name: "rpcerror", arguments: "", responseID: "resp_2"),
                .assistantText("done"))
            try await CodexTestHome.withHome(server: server) { home in
                let table = """
                    [mcp_servers.fake]
                    command = "\(python)"
                    args = ["\(Self.fixture)"]
                    default_tools_approval_mode = "approve"
                    """
                try home.writeConfig(
                    baseURL: server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0", extraTablesTOML: table)
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["cwd": .string(home.workDirectory), "approvalPolicy": "never"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "call it")
                    let isMCP: @Sendable (JSONValue) -> Bool = { $0["item"]?["type"] == "mcpToolCall" }
                    let started = try await client.notification("item/started", where: isMCP)
                    #expect(
                        started["item"]
                            == [
                                "type": "mcpToolCall", "id": "call_mcp", "server": "fake", "tool": "echo", "status": "inProgress",
                                "arguments": ["text": "hi"], "result": nil, "error": nil, "durationMs": nil,
                                "readOnlyHint": nil, "mcpAppResourceUri": nil, "pluginId": nil,
                            ])
                    let completed = try await client.notification("item/completed", where: isMCP)
                    let item = completed["item"] ?? .null
                    #expect(item["status"] == "completed")
                    #expect(item["result"] == ["content": [["type": "text", "text": "ECHO:hi"]], "structuredContent": nil, "_meta": nil])
                    #expect(item["error"] == .null)
                    #expect(item["durationMs"]?.intValue != nil)
                    let failed = try await client.notification("item/completed", where: isMCP)
                    #expect(failed["item"]?["status"] == "failed")
                    #expect(failed["item"]?["arguments"] == .null)
                    #expect(
                        failed["item"]?["error"]
                            == [
                                "message":
                                    "tool call error: tool call failed for `fake/rpcerror`\n\nCaused by:\n    Mcp error: -32000: custom rpc failure"
                            ])
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                }
            }
        }
    }
}
