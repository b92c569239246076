import CodexConfig
import CodexCore
import CodexLogin
import CodexProtocol
import Foundation
import Synchronization
import Testing

/// The model client sends a ChatGPT login's token and account id, and recovers once from a 401.
@Suite("Model client with a ChatGPT login")
struct ModelClientAuthTests {
    /// A refresher that hands out numbered access tokens and counts its calls.
    final class CountingRefresher: TokenRefreshing {
        let calls = Mutex(0)
        func refresh(refreshToken: String) async throws(LoginError) -> RefreshedTokens {
            let call = calls.withLock { $0 += 1; return $0 }
            return RefreshedTokens(idToken: nil, accessToken: "at-refreshed-\(call)", refreshToken: "rt-\(call)")
        }
        func revoke(refreshToken: String) async throws(LoginError) {}
    }

    static let success = RawResponse.sseHead
        + RawResponse.event("response.created", #"{"type":"response.created","response":{"id":"resp_1"}}"#)
        + RawResponse.event(
            "response.completed",
            #"{"type":"response.completed","response":{"id":"resp_1","usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}}"#)
        + RawResponse.end
    static let unauthorized = RawResponse.status(401, "Unauthorized", body: #"{"error":{"message":"token expired"}}"#)

    private func manager(_ home: String, refresher: CountingRefresher) throws -> AuthManager {
        let idToken = Self.jwt(#"{"email":"u@example.com","https://api.openai.com/auth":{"chatgpt_account_id":"acct-9","chatgpt_plan_type":"plus"}}"#)
        var tokens = try TokenData(idToken: idToken, accessToken: "at-old", refreshToken: "rt-0")
        tokens.accountID = "acct-9"
        try AuthFileStorage(codexHome: home).save(
            AuthDotJson(authMode: .chatgpt, openAIAPIKey: nil, tokens: tokens, lastRefresh: AuthTimestamp.format(Date())))
        return AuthManager(codexHome: home, refresher: refresher)
    }

    static func jwt(_ payload: String) -> String {
        let encoded = Data(payload.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return "eyJhbGciOiJub25lIn0." + encoded + ".c2ln"
    }

    private func run(_ server: ScriptedHTTPServer, manager: AuthManager) async throws -> [ModelStreamEvent] {
        let client = ModelClient(
            provider: ModelProviderSettings(id: "openai", baseURL: server.baseURL, requestMaxRetries: 0, streamMaxRetries: 0),
            identity: ModelClientIdentity(originator: "codex_exec", userAgent: "test"), authManager: manager,
            environment: [:], retryPolicy: RetryPolicy(baseDelay: .milliseconds(1)))
        let request = ModelRequest(model: "m", input: [], threadID: "th-1")
        return try await client.withEventStream(for: request) { events in
            var all: [ModelStreamEvent] = []
            for try await event in events { all.append(event) }
            return all
        }
    }

    @Test func sendsTheAccessTokenAndRefreshesOnceAfterA401() async throws {
        let home = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()),
            create: true
        ).path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let refresher = CountingRefresher()
        let manager = try manager(home, refresher: refresher)
        try await ScriptedHTTPServer.with([[.send(Self.unauthorized)], [.send(Self.success)]]) { server in
            let events = try await run(server, manager: manager)
            #expect(events.contains { if case .completed = $0 { true } else { false } })
            let requests = server.requests
            #expect(requests.count == 2)
            #expect(requests.first?.header("authorization") == "Bearer at-old")
            #expect(requests.first?.header("chatgpt-account-id") == "acct-9")
            #expect(requests.last?.header("authorization") == "Bearer at-refreshed-1")
            #expect(requests.last?.header("chatgpt-account-id") == "acct-9")
        }
        #expect(refresher.calls.withLock { $0 } == 1)
        #expect(try AuthFileStorage(codexHome: home).load()?.tokens?.refreshToken == "rt-1")
    }

    @Test func a401AfterTheRefreshIsReported() async throws {
        let home = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()),
            create: true
        ).path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let refresher = CountingRefresher()
        let manager = try manager(home, refresher: refresher)
        try await ScriptedHTTPServer.with([[.send(Self.unauthorized)], [.send(Self.unauthorized)]]) { server in
            await #expect(throws: ModelClientError.self) { _ = try await run(server, manager: manager) }
            #expect(server.requests.count == 2)
        }
        #expect(refresher.calls.withLock { $0 } == 1)
    }
}
