import CodexConfig
import CodexLogin
import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

@Suite struct AuthManagerTests {
    static func chatgptFile(accessToken: String, refreshToken: String, accountID: String = "acct-1", lastRefresh: Date = Date()) throws
        -> AuthDotJson
    {
        let idToken = FakeIssuer.idToken(email: "user@example.com", plan: "plus", accountID: accountID)
        var tokens = try TokenData(idToken: idToken, accessToken: accessToken, refreshToken: refreshToken)
        tokens.accountID = accountID
        return AuthDotJson(authMode: .chatgpt, openAIAPIKey: nil, tokens: tokens, lastRefresh: AuthTimestamp.format(lastRefresh))
    }

    @Test func loadsOnceAndReloadsWhenTheFileChangesTellingSubscribers() async throws {
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let manager = AuthManager(codexHome: home.path)
        #expect(await manager.current() == nil)
        var changes = await manager.changes().makeAsyncIterator()
        // Another process logs in: the next read sees it, and subscribers hear of it.
        try AuthFileStorage(codexHome: home.path).save(AuthDotJson(authMode: .apiKey, openAIAPIKey: "sk-other"))
        #expect(await manager.current() == .apiKey("sk-other"))
        #expect(await changes.next() == AuthChange(mode: .apiKey, planType: nil))
        try await manager.logout()
        #expect(await changes.next() == AuthChange(mode: nil, planType: nil))
        #expect(await manager.current() == nil)
        try AuthFileStorage(codexHome: home.path).save(try Self.chatgptFile(accessToken: "a", refreshToken: "r"))
        #expect(try await manager.reload())
        #expect(await changes.next() == AuthChange(mode: .chatgpt, planType: "plus"))
    }

    @Test func logoutReportsWhetherThereWasAnything() async throws {
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let manager = AuthManager(codexHome: home.path)
        #expect(try await manager.logout() == false)
        try await manager.loginWithAPIKey("sk-1")
        #expect(try await manager.logout() == true)
        #expect(!FileManager.default.fileExists(atPath: home.appending("auth.json")))
    }

    @Test func forcedMethodAndWorkspaceHideOtherCredentials() async throws {
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let storage = AuthFileStorage(codexHome: home.path)
        try storage.save(AuthDotJson(authMode: .apiKey, openAIAPIKey: "sk-1"))
        let chatgptOnly = AuthManager(codexHome: home.path, restrictions: LoginRestrictions(forcedMethod: .chatgpt))
        #expect(await chatgptOnly.current() == nil)
        #expect(try await chatgptOnly.status() == .notLoggedIn)
        await #expect(throws: LoginError.apiKeyLoginDisabled) { try await chatgptOnly.loginWithAPIKey("sk-2") }

        try storage.save(try Self.chatgptFile(accessToken: "a", refreshToken: "r", accountID: "acct-other"))
        let workspace = AuthManager(codexHome: home.path, restrictions: LoginRestrictions(forcedWorkspaceIDs: ["acct-1"]))
        #expect(await workspace.current() == nil)
        let violation = try await workspace.enforceLoginRestrictions()
        #expect(violation == .workspaceMismatch(allowed: ["acct-1"], actual: "acct-other"))
        #expect(try storage.load() == nil, "the forbidden credential is removed")
    }

    @Test func expiredAccessTokenIsRefreshedBeforeUse() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        issuer.withState { $0.currentRefreshToken = "rt-start" }
        let expired = FakeIssuer.accessToken(serial: 0, expiresAt: Int64(Date().timeIntervalSince1970) - 10)
        try AuthFileStorage(codexHome: home.path).save(try Self.chatgptFile(accessToken: expired, refreshToken: "rt-start"))
        let manager = AuthManager(codexHome: home.path, refresher: OAuthTokenClient(issuer: issuer.baseURL))
        guard case .chatgpt(let credentials)? = await manager.auth() else {
            Issue.record("expected ChatGPT credentials")
            return
        }
        #expect(credentials.tokens.accessToken == issuer.withState { $0.currentAccessToken })
        #expect(credentials.tokens.refreshToken == "rt-1")
        #expect(credentials.tokens.accountID == "acct-1")
        let stored = try AuthFileStorage(codexHome: home.path).load()
        #expect(stored?.tokens?.refreshToken == "rt-1")
        let body = try #require(issuer.requests.first { $0.path == "/oauth/token" }?.body)
        #expect(body == [
            "client_id": .string(OAuthSettings.clientID), "grant_type": "refresh_token", "refresh_token": "rt-start",
            "scope": "openid profile email",
        ])
        // A fresh token is used as is.
        _ = await manager.auth()
        #expect(issuer.withState { $0.refreshCount } == 1)
    }

    @Test func unauthorizedRefreshesOnceAndAdoptsTokensAnotherProcessStored() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        issuer.withState { $0.currentRefreshToken = "rt-start" }
        try AuthFileStorage(codexHome: home.path).save(try Self.chatgptFile(accessToken: "at-old", refreshToken: "rt-start"))
        let first = AuthManager(codexHome: home.path, refresher: OAuthTokenClient(issuer: issuer.baseURL))
        let second = AuthManager(codexHome: home.path, refresher: OAuthTokenClient(issuer: issuer.baseURL))
        _ = await second.current()
        let recovered = try await first.recoverFromUnauthorized(usedAccessToken: "at-old")
        #expect(recovered?.bearerToken == issuer.withState { $0.currentAccessToken })
        // The second manager ("another process") still holds at-old; it adopts the stored tokens rather
        // than spending the refresh token that was already used.
        let adopted = try await second.recoverFromUnauthorized(usedAccessToken: "at-old")
        #expect(adopted?.bearerToken == recovered?.bearerToken)
        #expect(issuer.withState { $0.refreshCount } == 1)
    }

    @Test func concurrentRefreshersNeverLoseTheNewerRefreshToken() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        issuer.withState { $0.currentRefreshToken = "rt-start" }
        try AuthFileStorage(codexHome: home.path).save(try Self.chatgptFile(accessToken: "at-old", refreshToken: "rt-start"))
        let managers = (0..<4).map { _ in AuthManager(codexHome: home.path, refresher: OAuthTokenClient(issuer: issuer.baseURL)) }
        for manager in managers { _ = await manager.current() }
        let results = try await withThrowingTaskGroup(of: String?.self) { group in
            for manager in managers {
                group.addTask { try await manager.refreshNow()?.bearerToken }
                group.addTask { try await manager.refreshNow()?.bearerToken }
            }
            var tokens: [String?] = []
            for try await token in group { tokens.append(token) }
            return tokens
        }
        #expect(issuer.withState { $0.refreshCount } == 1, "the refresh token was spent once")
        #expect(Set(results).count == 1)
        let stored = try AuthFileStorage(codexHome: home.path).load()
        #expect(stored?.tokens?.refreshToken == issuer.withState { $0.currentRefreshToken })
    }

    @Test func aReusedRefreshTokenIsAPermanentErrorWithTheReferencesWords() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        do {
            _ = try await OAuthTokenClient(issuer: issuer.baseURL).refresh(refreshToken: "rt-stale")
            Issue.record("expected an error")
        } catch {
            guard case .refreshFailed(let message, let permanent) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(permanent)
            #expect(message.contains("refresh token was already used"))
        }
    }
}
