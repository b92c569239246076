import AsyncHTTPClient
@testable import CodexAppServer
import CodexProtocol
import CodexTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// account/login/start, cancel, logout, rateLimits/read and the account notifications, in process,
/// against the fake issuer; every message is checked against the reference schema.
@Suite struct ServiceAccountLoginTests {
    private func config(issuer: FakeIssuer? = nil) -> String {
        """
        model = "mock-model"
        model_provider = "mock"
        \(issuer.map { "chatgpt_base_url = \"\($0.backendBaseURL)\"" } ?? "")

        [model_providers.mock]
        name = "mock"
        base_url = "http://127.0.0.1:9/v1"
        requires_openai_auth = true
        """
    }

    private func environment(_ issuer: FakeIssuer?, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/nonexistent", "CODEX_LOGIN_PORT_OVERRIDE": "0"]
        if let issuer { environment["CODEX_LOGIN_ISSUER_OVERRIDE"] = issuer.baseURL }
        return environment.merging(extra) { _, new in new }
    }

    private static func browse(_ url: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    @Test func apiKeyLoginThenLogout() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(config())
        try await fixture.withServices { client in
            let started = try await client.call("account/login/start", ["type": "apiKey", "apiKey": "sk-test-abcdef1234567890"])
            #expect(started == ["type": "apiKey"])
            #expect(try await client.notification("account/login/completed") == [
                "loginId": nil, "success": true, "error": nil, "onboardingEntrypoint": nil,
            ])
            #expect(try await client.notification("account/updated") == ["authMode": "apikey", "planType": nil])
            #expect(try await client.call("account/read", [:]) == ["account": ["type": "apiKey"], "requiresOpenaiAuth": true])
            let text = try String(contentsOfFile: fixture.home + "/auth.json", encoding: .utf8)
            #expect(text == "{\n  \"auth_mode\": \"apikey\",\n  \"OPENAI_API_KEY\": \"sk-test-abcdef1234567890\"\n}")
            let withKey = try await client.failure("account/rateLimits/read", [:])
            #expect(withKey["message"] == "chatgpt authentication required to read rate limits")

            #expect(try await client.call("account/logout", [:]) == [:])
            #expect(try await client.notification("account/updated") == ["authMode": nil, "planType": nil])
            #expect(!FileManager.default.fileExists(atPath: fixture.home + "/auth.json"))
            let limits = try await client.failure("account/rateLimits/read", [:])
            #expect(limits["message"] == "codex account authentication required to read rate limits")
        }
    }

    @Test func chatgptBrowserLoginThenAccountAndRateLimits() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(config(issuer: issuer))
        try await fixture.withServices(host: fixture.host(environment: environment(issuer))) { client in
            let started = try await client.call("account/login/start", ["type": "chatgpt"])
            #expect(started["type"] == "chatgpt")
            let url = try #require(started["authUrl"]?.stringValue)
            let loginID = try #require(started["loginId"]?.stringValue)
            #expect(url.hasPrefix(issuer.baseURL + "/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann"))
            #expect(url.hasSuffix("&originator=test_client"))
            #expect(try await Self.browse(url).contains("Signed in"))
            let completed = try await client.notification("account/login/completed")
            #expect(completed["loginId"] == .string(loginID))
            #expect(completed["success"] == true)
            #expect(try await client.notification("account/updated") == ["authMode": "chatgpt", "planType": "pro"])
            #expect(try await client.call("account/read", [:]) == [
                "account": ["type": "chatgpt", "email": "user@example.com", "planType": "pro"], "requiresOpenaiAuth": true,
            ])
            let limits = try await client.call("account/rateLimits/read", [:])
            #expect(limits["rateLimits"]?["primary"] == ["usedPercent": 42, "windowDurationMins": 300, "resetsAt": 1_900_000_000])
            #expect(limits["rateLimits"]?["secondary"]?["windowDurationMins"] == 10080)
            #expect(limits["rateLimits"]?["credits"] == ["hasCredits": true, "unlimited": false, "balance": "12.5"])
            #expect(limits["rateLimits"]?["planType"] == "pro")
            let usage = try #require(issuer.requests.last { $0.path == "/backend-api/wham/usage" })
            #expect(usage.header("chatgpt-account-id") == "acct-1")
            // A forced refresh goes to the issuer and keeps the account.
            let refreshed = try await client.call("account/read", ["refreshToken": true])
            #expect(refreshed["account"]?["email"] == "user@example.com")
            #expect(issuer.withState { $0.refreshCount } == 1)
        }
    }

    @Test func cancelAndTimeoutEndAChatgptLoginUnsuccessfully() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(config(issuer: issuer))
        try await fixture.withServices(host: fixture.host(environment: environment(issuer))) { client in
            let first = try await client.call("account/login/start", ["type": "chatgpt"])
            let loginID = try #require(first["loginId"]?.stringValue)
            #expect(try await client.call("account/login/cancel", ["loginId": .string(loginID)]) == ["status": "canceled"])
            let cancelled = try await client.notification("account/login/completed")
            #expect(cancelled["success"] == false)
            #expect(cancelled["error"] == "Login was not completed")
            #expect(try await client.call("account/login/cancel", ["loginId": .string(loginID)]) == ["status": "notFound"])
            let invalid = try await client.failure("account/login/cancel", ["loginId": "nope"])
            #expect(invalid["message"] == "invalid login id: nope")
            #expect(invalid["code"] == -32600)
        }
        let host = fixture.host(environment: environment(issuer, extra: ["CODEX_LOGIN_TIMEOUT_MS_OVERRIDE": "300"]))
        try await fixture.withServices(host: host) { client in
            let second = try await client.call("account/login/start", ["type": "chatgpt"])
            let timedOut = try await client.notification("account/login/completed")
            #expect(timedOut["loginId"] == second["loginId"])
            #expect(timedOut["success"] == false)
            #expect(!FileManager.default.fileExists(atPath: fixture.home + "/auth.json"))
        }
    }

    @Test func deviceCodeLogin() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(config(issuer: issuer))
        try await fixture.withServices(host: fixture.host(environment: environment(issuer))) { client in
            let started = try await client.call("account/login/start", ["type": "chatgptDeviceCode"])
            #expect(started["userCode"] == "ABCD-EFGH")
            #expect(started["verificationUrl"] == .string(issuer.baseURL + "/codex/device"))
            let completed = try await client.notification("account/login/completed")
            #expect(completed["success"] == true)
            #expect(completed["loginId"] == started["loginId"])
            #expect(try await client.notification("account/updated") == ["authMode": "chatgpt", "planType": "pro"])
        }
    }

    @Test func forcedLoginMethodRefusesTheOtherKindAsTheReference() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig("forced_login_method = \"api\"\n" + config())
        try await fixture.withServices(host: fixture.host(environment: environment(nil))) { client in
            for type in ["chatgpt", "chatgptDeviceCode"] {
                let refused = try await client.failure("account/login/start", ["type": .string(type)])
                #expect(refused == ["code": -32600, "message": "ChatGPT login is disabled. Use API key login instead."])
            }
        }
        try fixture.writeConfig("forced_login_method = \"chatgpt\"\n" + config())
        try await fixture.withServices { client in
            let refused = try await client.failure("account/login/start", ["type": "apiKey", "apiKey": "sk-1"])
            #expect(refused == ["code": -32600, "message": "API key login is disabled. Use ChatGPT login instead."])
        }
    }

    @Test func usagePayloadMapsOntoTheSnapshot() {
        #expect(RateLimitsClient(baseURL: "https://chatgpt.com/backend-api/").usageURL == "https://chatgpt.com/backend-api/wham/usage")
        #expect(RateLimitsClient(baseURL: "http://127.0.0.1:5/").usageURL == "http://127.0.0.1:5/api/codex/usage")
        let response = RateLimitsClient.response(from: [
            "plan_type": "plus",
            "rate_limit": ["primary_window": ["used_percent": 12.6, "limit_window_seconds": 90, "reset_at": 5]],
            "additional_rate_limits": [
                ["limit_name": "Other", "metered_feature": "codex_other", "rate_limit": ["primary_window": ["used_percent": 3]]],
            ],
        ])
        #expect(response.rateLimits.primary == AppServerV2.RateLimitWindow(usedPercent: 13, windowDurationMins: 2, resetsAt: 5))
        #expect(response.rateLimits.secondary == nil)
        #expect(response.rateLimits.planType == .plus)
        #expect(response.rateLimitsByLimitId?["codex_other"]?.limitName == "Other")
        #expect(response.rateLimitsByLimitId?["codex_other"]?.primary?.usedPercent == 3)
    }

    @Test func aLoginByAnotherProcessIsAnnounced() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(config())
        try await fixture.withServices { client in
            #expect(try await client.call("account/read", [:])["account"] == .null)
            // "codex login --with-api-key" in another process.
            try fixture.write(#"{"auth_mode":"apikey","OPENAI_API_KEY":"sk-elsewhere"}"#, to: "home/auth.json")
            #expect(try await client.notification("account/updated") == ["authMode": "apikey", "planType": nil])
        }
    }
}
