import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// Spec mcp-client §3.3 (observed with 0.163.0): a `required` MCP server that fails to start fails `thread/start`
/// with -32603 and the reference's message; the thread is not left loaded and no model request is made. Also run
/// against the reference when `CODEX_REFERENCE_BIN` is set.
@Suite struct MCPRequiredServerTests {
    @Test(arguments: MCPToolApprovalTests.binaries) func aRequiredServerThatFailsToStartFailsThreadStart(binary: String?)
        async throws
    {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let tables = """
                    [mcp_servers.broken]
                    command = "no-such-mcp-server-xyz"
                    required = true

                    [mcp_servers.optional]
                    command = "no-such-mcp-server-xyz"
                    """
                try home.writeConfig(baseURL: server.baseURL, extraTablesTOML: tables)
                try await AppServerE2E.withServer(home: home, binary: binary) { client in
                    let id = try await client.sendRequest("thread/start", ["cwd": .string(home.workDirectory)])
                    let answer = try await client.next(timeout: .seconds(20)) { $0["id"] == .int(id) && $0["method"] == nil }
                    #expect(answer["error"]?["code"] == -32603)
                    #expect(
                        answer["error"]?["message"]
                            == "error creating thread: Fatal error: Failed to initialize session: required MCP servers failed to initialize: broken: No such file or directory (os error 2)"
                    )
                    let loaded = try await client.request("thread/loaded/list", [:])
                    #expect(loaded["data"] == [])
                    #expect(try await client.request("thread/list", [:])["data"] == [])
                    #expect(server.requests.isEmpty)
                }
            }
        }
    }
}
