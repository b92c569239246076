import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `mcpServer/oauth/login` over a spawned app-server against the HTTP MCP fixture in its OAuth mode (it is also the
/// authorization server); the test plays the browser. Every message is validated against the reference schema by
/// the client. Skipped with a message when no Python with the MCP SDK is available.
@Suite struct MCPServerOAuthLoginTests {
    static let fixture = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "CodexMCPClientTests/Fixtures/mcp_http_fixture_server.py").path

    @Test func loginAnswersWithTheURLAndCompletesThroughTheCallback() async throws {
        guard let python = MCPToolCallItemTests.python else { return print(MCPFixturePython.skipMessage) }
        try await MCPHTTPFixture.withServer(python: python, script: Self.fixture, arguments: ["--oauth"]) { url in
            try await MockResponsesServer.withServer { server in
                let home = try CodexTestHome.create()
                defer { home.remove() }
                _ = try home.writeConfig(
                    baseURL: server.baseURL, extraRootTOML: "mcp_oauth_credentials_store = \"file\"",
                    extraTablesTOML: "[mcp_servers.web]\nurl = \"\(url)\"\n\n[mcp_servers.local]\ncommand = \"x\"\nenabled = false\n")
                try await AppServerE2E.withServer(home: home) { client in
                    let before = try await client.request("mcpServerStatus/list", ["serverName": "web", "detail": "toolsAndAuthOnly"])
                    #expect(before["data"]?.arrayValue?.first?["authStatus"] == "notLoggedIn")

                    #expect(
                        try await client.errorMessage(of: "mcpServer/oauth/login", ["name": "nope"])
                            .contains("No MCP server named 'nope' found."))
                    #expect(
                        try await client.errorMessage(of: "mcpServer/oauth/login", ["name": "local"])
                            .contains("OAuth login is only supported for streamable HTTP servers."))

                    let started = try await client.request("mcpServer/oauth/login", ["name": "web", "scopes": ["read"]])
                    let authorizationURL = try #require(started["authorizationUrl"]?.stringValue)
                    let loginID = try #require(started["loginId"]?.stringValue)
                    #expect(authorizationURL.contains("&scope=read&"))
                    #expect(try await FakeIssuer.browse(authorizationURL) == "Authentication complete. You may close this window.")
                    let completed = try await client.notification("mcpServer/oauthLogin/completed")
                    #expect(completed == ["name": "web", "threadId": nil, "loginId": .string(loginID), "success": true, "error": nil])

                    let after = try await client.request("mcpServerStatus/list", ["serverName": "web", "detail": "toolsAndAuthOnly"])
                    #expect(after["data"]?.arrayValue?.first?["authStatus"] == "oAuth")
                    // The stored token opened the connection: the tools are listed.
                    #expect(after["data"]?.arrayValue?.first?["tools"]?["whoami"] != nil)

                    // A callback that never comes: the login ends after `timeoutSecs`.
                    let waiting = try await client.request("mcpServer/oauth/login", ["name": "web", "timeoutSecs": 1])
                    let timedOut = try await client.notification("mcpServer/oauthLogin/completed")
                    #expect(timedOut["loginId"] == waiting["loginId"] && timedOut["success"] == false)
                    #expect(timedOut["error"] == "timed out waiting for OAuth callback")
                }
            }
        }
    }
}
