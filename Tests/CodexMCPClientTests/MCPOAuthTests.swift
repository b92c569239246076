import CodexConfig
import CodexCore
@testable import CodexMCPClient
import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// MCP OAuth against the HTTP fixture in its OAuth mode (it is also the authorization server): the login flow with
/// the test as the browser, the stored access token on every request of a later connection, and the refresh of a
/// token about to expire. Skipped with a message when no Python with the MCP SDK is available.
@Suite struct MCPOAuthTests {
    /// Logs in to `url` as `web`, the test playing the browser.
    static func login(_ url: String, store: MCPOAuthCredentialStore) async throws -> MCPOAuthTokens {
        let login = try await MCPOAuthLogin.start(MCPOAuthLoginRequest(serverName: "web", serverURL: url))
        #expect(login.redirectURI.hasPrefix("http://127.0.0.1:"))
        #expect(try await FakeIssuer.browse(login.authorizationURL) == MCPOAuthLogin.successPage)
        try await login.complete(timeout: .seconds(30), store: store)
        return try #require(try store.load(server: "web", url: url))
    }

    /// The fixture's `whoami`: the Authorization header the tool call's HTTP request carried.
    static func authorizationSeen(_ manager: MCPConnectionManager) async throws -> String? {
        let whoami = await MCPConnectionManagerTests.call(manager, server: "web", tool: "whoami")
        let seen = try JSONParser.parse(try #require(whoami.modelContentItems?.last?["text"]?.stringValue))
        return seen["authorization"]?.stringValue
    }

    @Test func storedTokensAreSentAndATokenAboutToExpireIsRefreshedFirst() async throws {
        guard let python = MCPConnectionManagerTests.python else { return print(MCPFixturePython.skipMessage) }
        try await TemporaryDirectory.withTemporaryDirectory { folder in
            let store = MCPOAuthCredentialStore(codexHome: folder.path, mode: .file)
            // Access tokens that expire in 10 s: within the 30 s refresh margin at once.
            try await MCPHTTPServerTests.withFixture(python: python, ["--oauth", "--expires-in", "10"]) { url in
                let server = MCPHTTPServerTests.httpServer(url)
                try await MCPConnectionManagerTests.withManager(["web": server], oauthStore: store) { manager in
                    guard case .failed(let message)? = manager.statuses["web"] else {
                        Issue.record("started without a login: \(manager.statuses)")
                        return
                    }
                    #expect(message.contains("The web MCP server is not logged in. Run `codex mcp login web`."), "\(message)")
                }

                let first = try await Self.login(url, store: store)
                #expect(first.issuer == String(url.dropLast("/mcp".count)) && first.scopes == ["read", "write"])
                try await MCPConnectionManagerTests.withManager(["web": server], oauthStore: store) { manager in
                    #expect(manager.statuses == ["web": .ready])
                    let refreshed = try #require(try store.load(server: "web", url: url))
                    #expect(refreshed.accessToken != first.accessToken && refreshed.refreshToken != first.refreshToken)
                    #expect(refreshed.clientID == first.clientID)
                    #expect(try await Self.authorizationSeen(manager) == "Bearer " + refreshed.accessToken)
                }

                // A token that is good for an hour is sent as stored, without a refresh.
                var lasting = try #require(try store.load(server: "web", url: url))
                lasting.expiresAt = MCPOAuthTokens.nowMilliseconds() + 3_600_000
                try store.save(lasting)
                let expected = lasting
                try await MCPConnectionManagerTests.withManager(["web": server], oauthStore: store) { (manager: MCPConnectionManager) async throws in
                    #expect(manager.statuses == ["web": .ready])
                    #expect(try await Self.authorizationSeen(manager) == "Bearer " + expected.accessToken)
                    #expect(try store.load(server: "web", url: url) == expected)
                }
                #expect(try store.delete(server: "web", url: url))
                #expect(!FileManager.default.fileExists(atPath: store.path))
            }
        }
    }

    /// The callback id and the store key are the reference's (values computed by 0.163.0 for this URL).
    @Test func callbackIDAndStoreKeyMatchTheReference() throws {
        #expect(try MCPOAuthLogin.callbackID(serverURL: "http://127.0.0.1:45471/mcp") == "ES00lMT_QB7H")
        #expect(MCPOAuthCredentialStore.key(server: "web", url: "http://127.0.0.1:45471/mcp") == "web|efdee2e07ffda33a")
    }

    /// A provider error on the callback ends the login with the reference's words; a wrong path does not.
    @Test func aProviderErrorOnTheCallbackEndsTheLogin() async throws {
        guard let python = MCPConnectionManagerTests.python else { return print(MCPFixturePython.skipMessage) }
        try await TemporaryDirectory.withTemporaryDirectory { folder in
            let store = MCPOAuthCredentialStore(codexHome: folder.path, mode: .file)
            try await MCPHTTPServerTests.withFixture(python: python, ["--oauth"]) { url in
                let login = try await MCPOAuthLogin.start(MCPOAuthLoginRequest(serverName: "web", serverURL: url))
                let origin = String(login.redirectURI.prefix { $0 != "/" }) + "//" + login.redirectURI.dropFirst(7).prefix { $0 != "/" }
                let wrongPath = try await LoopbackGet.get(origin + "/callback?code=a&state=b")
                #expect(wrongPath.status == 400 && wrongPath.body == "Invalid OAuth callback")
                let denied = try await LoopbackGet.get(login.redirectURI + "?error=access_denied&error_description=no+thanks")
                #expect(denied.status == 400)
                do throws(MCPOAuthError) {
                    try await login.complete(timeout: .seconds(30), store: store)
                    Issue.record("the login succeeded")
                } catch {
                    #expect(error.description == "OAuth provider returned `access_denied`: no thanks")
                }
                #expect(try store.load(server: "web", url: url) == nil)
            }
        }
    }
}
