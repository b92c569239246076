import CodexConfig
import CodexCore
import CodexLogin
import CodexProtocol
import Testing

@Suite("Model request body, URL and headers")
struct ModelClientRequestTests {
    private let input: [ResponseItem] = [
        .message(MessageItem(id: "msg_1", role: "user", content: [.inputText("hi")])),
        .functionCall(FunctionCallItem(id: "fc_1", name: "shell", arguments: "{}", callID: "call_1")),
        .functionCallOutput(FunctionCallOutputItem(callID: "call_1", output: "ok")),
    ]

    @Test func responsesBodyHasTheReferenceKeysInOrder() throws {
        let request = ModelRequest(
            model: "gpt-5-codex",
            instructions: "base",
            input: input,
            tools: [["type": "function", "name": "shell"]],
            reasoning: .init(effort: "medium", summary: "auto"),
            threadID: "thread-1"
        )
        let body = try request.responsesBody()
        #expect(body.objectValue?.keys == [
            "model", "instructions", "input", "tools", "tool_choice", "parallel_tool_calls", "reasoning",
            "store", "stream", "include", "prompt_cache_key",
        ])
        let expected = try JSONParser.parse(
            #"""
            {"model":"gpt-5-codex","instructions":"base",
             "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]},
                      {"type":"function_call","name":"shell","arguments":"{}","call_id":"call_1"},
                      {"type":"function_call_output","call_id":"call_1","output":"ok"}],
             "tools":[{"type":"function","name":"shell"}],"tool_choice":"auto","parallel_tool_calls":false,
             "reasoning":{"effort":"medium","summary":"auto"},"store":false,"stream":true,
             "include":["reasoning.encrypted_content"],"prompt_cache_key":"thread-1"}
            """#
        )
        #expect(body == expected)
    }

    @Test func withoutReasoningIncludeIsEmptyAndTextCarriesTheSchema() throws {
        let schema: JSONValue = ["type": "object", "properties": ["answer": ["type": "string"]]]
        let request = ModelRequest(
            model: "m", input: [], parallelToolCalls: true, outputSchema: schema, threadID: "t",
            clientMetadata: ["k": "v"]
        )
        let body = try request.responsesBody()
        #expect(body["instructions"] == nil)
        #expect(body["reasoning"] == nil)
        #expect(body["include"] == .array([]))
        #expect(body["parallel_tool_calls"] == true)
        #expect(body["tools"] == .array([]))
        #expect(body["text"] == [
            "format": ["type": "json_schema", "name": "codex_output_schema", "strict": true, "schema": schema],
        ])
        #expect(body["client_metadata"] == ["k": "v"])
    }

    @Test func azureKeepsIDsAndStores() throws {
        let provider = ModelProviderSettings(id: "az", baseURL: "https://x.openai.azure.com/openai")
        #expect(provider.isAzureResponsesEndpoint)
        #expect(ModelProviderSettings(id: "azure", baseURL: "http://h").isAzureResponsesEndpoint)
        #expect(!ModelProviderSettings(id: "mock", baseURL: "http://127.0.0.1:1/v1").isAzureResponsesEndpoint)
        let body = try ModelRequest(model: "m", input: input, threadID: "t").responsesBody(azure: true)
        #expect(body["store"] == true)
        #expect(body["input"]?.arrayValue?.first?["id"] == "msg_1")
    }

    @Test func requestURLJoinsBasePathAndQuery() {
        var provider = ModelProviderSettings(id: "p", baseURL: "http://127.0.0.1:8080/v1/")
        #expect(provider.requestURL == "http://127.0.0.1:8080/v1/responses")
        provider.wireAPI = .chat
        provider.queryParams = ["api-version": "2025-04-01", "b": "x y&z"]
        #expect(provider.requestURL == "http://127.0.0.1:8080/v1/chat/completions?api-version=2025-04-01&b=x%20y%26z")
    }

    @Test func retryCountsAreClamped() {
        let provider = ModelProviderSettings(id: "p", requestMaxRetries: 1000, streamMaxRetries: -3)
        #expect(provider.requestMaxRetries == 100)
        #expect(provider.streamMaxRetries == 0)
        #expect(ModelProviderSettings(id: "p").streamIdleTimeout == .seconds(300))
    }

    private func client(_ provider: ModelProviderSettings, key: String? = nil, env: [String: String] = [:]) -> ModelClient {
        ModelClient(
            provider: provider,
            identity: ModelClientIdentity(originator: "codex_exec", userAgent: "codex_exec/0.1 (Linux; x86_64)"),
            auth: key.map { .apiKey($0) },
            environment: env
        )
    }

    @Test func headersInOrderWithEnvKeyAndProviderHeaders() throws {
        let provider = ModelProviderSettings(
            id: "mock", envKey: "MOCK_API_KEY",
            httpHeaders: ["version": "1.2", "X-Static": "s"],
            envHTTPHeaders: ["OpenAI-Organization": "ORG", "OpenAI-Project": "PROJ", "X-Static": "OVERRIDE"]
        )
        let env = ["MOCK_API_KEY": "sk-mock", "ORG": "org-1", "PROJ": "  ", "OVERRIDE": "from-env"]
        let request = ModelRequest(model: "m", input: [], threadID: "th-1", extraHeaders: ["x-codex-turn-metadata": "{}"])
        let headers = try client(provider, key: "stored-ignored", env: env).requestHeaders(for: request)
        #expect(headers.map { "\($0.name): \($0.value)" } == [
            "Authorization: Bearer sk-mock",
            "Content-Type: application/json",
            "Accept: text/event-stream",
            "originator: codex_exec",
            "User-Agent: codex_exec/0.1 (Linux; x86_64)",
            "session-id: th-1",
            "thread-id: th-1",
            "OpenAI-Organization: org-1",
            "version: 1.2",
            "X-Static: from-env",
            "x-codex-turn-metadata: {}",
        ])
    }

    @Test func storedKeyIsUsedWithoutEnvKeyAndNoKeyMeansNoAuthorization() throws {
        let request = ModelRequest(model: "m", input: [], threadID: "t")
        let withKey = try client(ModelProviderSettings(id: "openai"), key: "sk-stored").requestHeaders(for: request)
        #expect(withKey.first { $0.name == "Authorization" }?.value == "Bearer sk-stored")
        let without = try client(ModelProviderSettings(id: "ollama")).requestHeaders(for: request)
        #expect(!without.contains { $0.name == "Authorization" })
    }

    @Test func missingOrBlankEnvKeyNamesTheVariableAndInstructions() {
        let provider = ModelProviderSettings(
            id: "mock", envKey: "MOCK_API_KEY", envKeyInstructions: "Create a key at https://example.test/keys."
        )
        let request = ModelRequest(model: "m", input: [], threadID: "t")
        for env in [[:], ["MOCK_API_KEY": " \t"]] {
            do {
                _ = try client(provider, key: "sk-stored", env: env).requestHeaders(for: request)
                Issue.record("expected an error")
            } catch {
                #expect(error.kind == .missingEnvironmentVariable(name: "MOCK_API_KEY", instructions: "Create a key at https://example.test/keys."))
                #expect(error.description == "Missing environment variable: `MOCK_API_KEY`. Create a key at https://example.test/keys.")
                #expect(!error.isRetryable)
            }
        }
    }

    @Test func invalidHeadersAreSkipped() {
        let provider = ModelProviderSettings(id: "p", httpHeaders: ["Bad Name": "x", "Good": "line\nbreak", "Ok": "v"])
        #expect(provider.providerHeaders(environment: [:]).map(\.name) == ["Ok"])
    }

    @Test func chatProviderGetsTheChatBody() throws {
        let chat = client(ModelProviderSettings(id: "ollama", wireAPI: .chat))
        let body = try chat.requestBody(for: ModelRequest(model: "m", instructions: "sys", input: [], threadID: "t"))
        #expect(body["messages"] == [["role": "system", "content": "sys"]])
        #expect(body["input"] == nil)
    }
}
