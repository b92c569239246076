import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// model/list (provider listing and presets) and account/read.
@Suite struct ServiceModelAccountTests {
    private func config(baseURL: String?, requiresOpenAIAuth: Bool = false) -> String {
        """
        model = "mock-model"
        model_provider = "mock"

        [model_providers.mock]
        name = "mock"
        \(baseURL.map { "base_url = \"\($0)\"" } ?? "")
        requires_openai_auth = \(requiresOpenAIAuth)
        """
    }

    @Test func modelListComesFromTheProvidersModelsEndpoint() async throws {
        let server = try await MockResponsesServer.start(script: MockScript(models: ["mock-model", "mock-mini"]))
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(config(baseURL: server.baseURL))
        do {
            try await fixture.withServices { client in
                let all = try await client.call("model/list", [:])
                let models = try #require(all["data"]?.arrayValue)
                #expect(models.map { $0["id"] } == ["mock-model", "mock-mini"])
                #expect(models.map { $0["isDefault"] } == [true, false])
                #expect(all["nextCursor"] == .null)

                let first = try await client.call("model/list", ["limit": 1])
                #expect(first["nextCursor"] == "1")
                let second = try await client.call("model/list", ["limit": 1, "cursor": "1"])
                #expect(second["data"]?[0]?["id"] == "mock-mini")
                let beyond = try await client.failure("model/list", ["cursor": "5"])
                #expect(beyond["message"] == "cursor 5 exceeds total models 2")
                let invalid = try await client.failure("model/list", ["cursor": "x"])
                #expect(invalid["message"] == "invalid cursor: x")
            }
            let requests = server.requests.filter { $0.method == "GET" }
            #expect(requests.count >= 1)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test func modelListFallsBackToPresetsWithTheConfiguredModel() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        // A provider without a base URL has no listing: the presets answer.
        try fixture.writeConfig(config(baseURL: nil))
        try await fixture.withServices { client in
            let models = try #require(try await client.call("model/list", [:])["data"]?.arrayValue)
            #expect(models.first?["id"] == "mock-model")
            #expect(models.first?["isDefault"] == true)
            #expect(models.contains { $0["id"] == "gpt-5.1-codex-max" })
            #expect(models.filter { $0["isDefault"] == true }.count == 1)
        }
    }

    @Test func accountReadReportsTheStoredAPIKeyOnlyForOpenAIAuthProviders() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(config(baseURL: "http://127.0.0.1:9/v1", requiresOpenAIAuth: true))
        try await fixture.withServices { client in
            let account = try await client.call("account/read", [:])
            #expect(account == ["account": nil, "requiresOpenaiAuth": true])
        }
        try fixture.write(#"{"OPENAI_API_KEY":"sk-test","auth_mode":"apikey"}"#, to: "home/auth.json")
        try await fixture.withServices { client in
            let account = try await client.call("account/read", [:])
            #expect(account == ["account": ["type": "apiKey"], "requiresOpenaiAuth": true])
        }
        try fixture.writeConfig(config(baseURL: "http://127.0.0.1:9/v1", requiresOpenAIAuth: false))
        try await fixture.withServices { client in
            let account = try await client.call("account/read", [:])
            #expect(account == ["account": nil, "requiresOpenaiAuth": false])
        }
    }
}
