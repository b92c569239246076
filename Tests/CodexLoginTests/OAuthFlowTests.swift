import AsyncHTTPClient
import CodexLogin
import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// The ChatGPT browser and device-code logins end to end against the fake issuer; the browser is an
/// HTTP client following the redirects.
@Suite struct OAuthFlowTests {
    static func get(_ url: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    /// Whether something accepts TCP connections on the loopback port.
    static func isListening(port: Int) async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            try await channel.close().get()
            return true
        } catch {
            return false
        }
    }

    static func failure(_ result: Result<Void, LoginError>) -> LoginError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    static func query(_ url: String) -> [String: String] {
        guard let mark = url.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in FormEncoding.decode(url[url.index(after: mark)...]) { result[key] = value }
        return result
    }

    static func start(_ issuer: FakeIssuer, home: TemporaryDirectory, workspaces: [String] = []) async throws
        -> (ChatGPTBrowserLogin, AuthManager)
    {
        let manager = AuthManager(codexHome: home.path)
        let login = try await ChatGPTBrowserLogin.start(
            options: ChatGPTLoginOptions(issuer: issuer.baseURL, ports: [0], originator: "codex_cli_rs", forcedWorkspaceIDs: workspaces),
            manager: manager, tokenClient: OAuthTokenClient(issuer: issuer.baseURL))
        return (login, manager)
    }

    @Test func browserLoginStoresTheTokens() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let (login, manager) = try await Self.start(issuer, home: home)
        #expect(login.authURL.hasPrefix(issuer.baseURL + "/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann&redirect_uri=http%3A%2F%2F127.0.0.1%3A\(login.port)%2Fauth%2Fcallback&code_challenge="))
        let query = Self.query(login.authURL)
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["scope"] == "openid profile email offline_access api.connectors.read api.connectors.invoke")
        #expect(query["id_token_add_organizations"] == "true")
        #expect(query["codex_cli_simplified_flow"] == "true")
        #expect(query["originator"] == "codex_cli_rs")
        #expect(query["state"]?.count == 43)
        #expect(query["allowed_workspace_id"] == nil)
        // The "browser": authorize → callback → success page.
        let page = try await Self.get(login.authURL)
        #expect(page.status == 200)
        #expect(page.body.contains("Signed in"))
        let result = await login.result()
        #expect((try? result.get()) != nil)
        guard case .chatgpt(let credentials)? = await manager.current() else {
            Issue.record("expected ChatGPT credentials")
            return
        }
        #expect(credentials.email == "user@example.com")
        #expect(credentials.tokens.accountID == "acct-1")
        let file = try #require(try AuthFileStorage(codexHome: home.path).load())
        #expect(file.authMode == .chatgpt)
        #expect(file.openAIAPIKey == "sk-exchanged-key-0123456789")
        #expect(file.lastRefresh != nil)
        // The server is gone once the login ended.
        #expect(await !Self.isListening(port: login.port))
    }

    @Test func aCallbackWithTheWrongStateIsRefusedAndStoresNothing() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let (login, _) = try await Self.start(issuer, home: home)
        let bad = try await Self.get("http://127.0.0.1:\(login.port)/auth/callback?code=code-1&state=forged")
        #expect(bad.status == 400)
        #expect(bad.body == "State mismatch")
        #expect(try AuthFileStorage(codexHome: home.path).load() == nil)
        #expect(!issuer.requests.contains { $0.path == "/oauth/token" })
        // The login keeps waiting for the right callback; cancel ends it.
        login.cancel()
        #expect(Self.failure(await login.result()) == .cancelled)
    }

    @Test func cancelEndpointAndTimeoutEndTheLogin() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let (login, _) = try await Self.start(issuer, home: home)
        let cancelled = try await Self.get("http://127.0.0.1:\(login.port)/cancel")
        #expect(cancelled.body == "Login cancelled")
        #expect(Self.failure(await login.result()) == .cancelled)

        let (second, _) = try await Self.start(issuer, home: home)
        second.timeOut()
        #expect(Self.failure(await second.result()) == .timedOut)
    }

    @Test func aPortInUseByAnOlderLoginIsTakenOver() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let (old, manager) = try await Self.start(issuer, home: home)
        let options = ChatGPTLoginOptions(issuer: issuer.baseURL, ports: [old.port], originator: "codex_cli_rs")
        async let oldResult = old.result()
        let new = try await ChatGPTBrowserLogin.start(
            options: options, manager: manager, tokenClient: OAuthTokenClient(issuer: issuer.baseURL))
        #expect(new.port == old.port)
        #expect(Self.failure(await oldResult) == .cancelled)
        new.cancel()
        _ = await new.result()
    }

    @Test func aPortHeldByAnotherProgramFallsBackToTheNextPortOrFailsClearly() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        // The fake issuer's port is taken by something that is not a login server: `/cancel` does not free it.
        let taken = issuer.port
        let manager = AuthManager(codexHome: home.path)
        let fallback = try await ChatGPTBrowserLogin.start(
            options: ChatGPTLoginOptions(issuer: issuer.baseURL, ports: [taken, 0], originator: "codex_cli_rs", bindAttempts: 2),
            manager: manager, tokenClient: OAuthTokenClient(issuer: issuer.baseURL))
        #expect(fallback.port != taken)
        #expect(issuer.requests.contains { $0.path == "/cancel" }, "the old server was asked to cancel first")
        fallback.cancel()
        _ = await fallback.result()
        do {
            _ = try await ChatGPTBrowserLogin.start(
                options: ChatGPTLoginOptions(issuer: issuer.baseURL, ports: [taken], originator: "codex_cli_rs", bindAttempts: 2),
                manager: manager, tokenClient: OAuthTokenClient(issuer: issuer.baseURL))
            Issue.record("binding a taken port should fail")
        } catch {
            #expect(error.description == "Port 127.0.0.1:\(taken) is already in use")
        }
    }

    @Test func lastRefreshTimestampsParseAtAnyPrecision() throws {
        let nanos = try #require(AuthTimestamp.parse("2025-10-01T12:34:56.789123456Z"))
        let millis = try #require(AuthTimestamp.parse("2025-10-01T12:34:56.789Z"))
        let whole = try #require(AuthTimestamp.parse("2025-10-01T12:34:56Z"))
        #expect(abs(nanos.timeIntervalSince(millis)) < 0.001)
        #expect(abs(millis.timeIntervalSince(whole) - 0.789) < 0.001)
        #expect(AuthTimestamp.parse("yesterday") == nil)
        let now = Date(timeIntervalSince1970: 1_800_000_000.25)
        #expect(AuthTimestamp.parse(AuthTimestamp.format(now)).map { abs($0.timeIntervalSince(now)) < 0.001 } == true)
    }

    @Test func aWorkspaceRestrictionIsSentAndEnforced() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let (login, _) = try await Self.start(issuer, home: home, workspaces: ["acct-required"])
        #expect(Self.query(login.authURL)["allowed_workspace_id"] == "acct-required")
        let page = try await Self.get(login.authURL)
        #expect(page.body.contains("Sign-in failed"))
        guard case .failure = await login.result() else {
            Issue.record("the login should fail")
            return
        }
        #expect(try AuthFileStorage(codexHome: home.path).load() == nil)
    }

    @Test func deviceCodeLoginWaitsWhilePendingThenStoresTokens() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        issuer.withState { $0.devicePendingPolls = 2 }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let manager = AuthManager(codexHome: home.path)
        let device = try await DeviceCodeLogin.start(tokenClient: OAuthTokenClient(issuer: issuer.baseURL))
        #expect(device.userCode == "ABCD-EFGH")
        #expect(device.verificationURL == issuer.baseURL + "/codex/device")
        try await device.complete(manager: manager, forcedWorkspaceIDs: [])
        #expect(issuer.requests.filter { $0.path == "/api/accounts/deviceauth/token" }.count == 3)
        #expect(await manager.current()?.mode == .chatgpt)
    }

    @Test func deviceCodeLoginGivesUpAtExpiry() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        issuer.withState { $0.devicePendingPolls = 1_000_000 }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let device = try await DeviceCodeLogin.start(tokenClient: OAuthTokenClient(issuer: issuer.baseURL))
        await #expect(throws: LoginError.self) {
            try await device.complete(manager: AuthManager(codexHome: home.path), forcedWorkspaceIDs: [], expiry: .milliseconds(300))
        }
        #expect(try AuthFileStorage(codexHome: home.path).load() == nil)
    }
}
