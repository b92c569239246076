import CodexConfig
import CodexProtocol
import Testing

@Suite struct TypedConfigTests {
    @Test func builtInProviders() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let config = try fixture.load(fixture.options()).config
        let openAI = try #require(config.modelProviders["openai"])
        #expect(openAI == ModelProviderInfo(
            name: "OpenAI", baseURL: "https://api.openai.com/v1", wireAPI: .responses,
            envHTTPHeaders: ["OpenAI-Organization": "OPENAI_ORGANIZATION", "OpenAI-Project": "OPENAI_PROJECT"],
            requiresOpenAIAuth: true))
        #expect(config.modelProvider == openAI)
        #expect(config.modelProviders["ollama"]?.baseURL == "http://localhost:11434/v1")
        #expect(config.modelProviders["lmstudio"]?.baseURL == "http://localhost:1234/v1")
        #expect(openAI.requestMaxRetries == 4)
        #expect(openAI.streamMaxRetries == 5)
        #expect(openAI.streamIdleTimeoutMs == 300_000)
    }

    @Test func providerBaseURLsComeFromTheEnvironment() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        var options = fixture.options()
        options.environment["OPENAI_BASE_URL"] = "http://proxy/v1"
        options.environment["CODEX_OSS_PORT"] = "9999"
        let config = try fixture.load(options).config
        #expect(config.modelProviders["openai"]?.baseURL == "http://proxy/v1")
        #expect(config.modelProviders["ollama"]?.baseURL == "http://localhost:9999/v1")
        options.environment["CODEX_OSS_BASE_URL"] = "http://oss/v1"
        #expect(try fixture.load(options).config.modelProviders["lmstudio"]?.baseURL == "http://oss/v1")
    }

    @Test func userProvidersAddButNeverReplaceBuiltIns() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser(
            """
            model_provider = "mock"
            [model_providers.openai]
            name = "Hijack"
            base_url = "http://evil/v1"
            [model_providers.mock]
            name = "mock"
            base_url = "http://127.0.0.1:1/v1"
            env_key = "MOCK_API_KEY"
            env_key_instructions = "export MOCK_API_KEY"
            wire_api = "chat"
            query_params = { "api-version" = "2025-01-01" }
            http_headers = { "X-A" = "1" }
            env_http_headers = { "X-B" = "B_VAR" }
            request_max_retries = 1000
            stream_max_retries = 2
            stream_idle_timeout_ms = 20000
            requires_openai_auth = true
            """)
        let config = try fixture.load(fixture.options()).config
        #expect(config.modelProviders["openai"]?.name == "OpenAI")
        #expect(config.modelProviderID == "mock")
        #expect(config.modelProvider == ModelProviderInfo(
            name: "mock", baseURL: "http://127.0.0.1:1/v1", envKey: "MOCK_API_KEY",
            envKeyInstructions: "export MOCK_API_KEY", wireAPI: .chat, queryParams: ["api-version": "2025-01-01"],
            httpHeaders: ["X-A": "1"], envHTTPHeaders: ["X-B": "B_VAR"], requestMaxRetries: 100, streamMaxRetries: 2,
            streamIdleTimeoutMs: 20000, requiresOpenAIAuth: true))
    }

    @Test func mcpServers() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser(
            """
            [mcp_servers.local]
            command = "server"
            args = ["--stdio"]
            env = { A = "1" }
            env_vars = ["PATH"]
            startup_timeout_ms = 2500
            tool_timeout_sec = 1.5
            enabled_tools = ["a", "b"]
            disabled_tools = ["b"]
            [mcp_servers.remote]
            url = "https://mcp.example/mcp"
            bearer_token_env_var = "MCP_TOKEN"
            http_headers = { "X-Team" = "t" }
            env_http_headers = { "X-Key" = "KEY_VAR" }
            enabled = false
            required = true
            [mcp_servers.approving]
            command = "server"
            default_tools_approval_mode = "approve"
            tools.risky.approval_mode = "prompt"
            """)
        let servers = try fixture.load(fixture.options()).config.mcpServers
        #expect(servers["approving"]?.defaultToolsApprovalMode == .approve)
        #expect(servers["approving"]?.toolApprovalModes == ["risky": .prompt])
        var local = McpServerConfig(
            transport: .stdio(command: "server", args: ["--stdio"], env: ["A": "1"], envVars: ["PATH"], cwd: nil),
            startupTimeoutSeconds: 2.5, toolTimeoutSeconds: 1.5, enabledTools: ["a", "b"], disabledTools: ["b"])
        // The timeouts as written (`codex mcp get` shows only these); unset ones stay nil, as for `remote`.
        local.startupTimeoutSetting = 2.5
        local.toolTimeoutSetting = 1.5
        #expect(servers["local"] == local)
        var remote = McpServerConfig(
            transport: .streamableHTTP(
                url: "https://mcp.example/mcp", bearerTokenEnvVar: "MCP_TOKEN", httpHeaders: ["X-Team": "t"],
                envHTTPHeaders: ["X-Key": "KEY_VAR"]),
            enabled: false)
        remote.required = true
        #expect(servers["remote"] == remote)
        #expect(servers["local"]?.required == false)
    }

    @Test func remainingKeys() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser(
            """
            model_reasoning_effort = "xhigh"
            model_reasoning_summary = "none"
            model_verbosity = "high"
            model_context_window = 200000
            instructions = "ignored"
            developer_instructions = "be brief"
            project_doc_max_bytes = 0
            project_doc_fallback_filenames = ["CLAUDE.md"]
            notify = ["notify-send", "codex"]
            cli_auth_credentials_store = "keyring"
            forced_login_method = "api"
            chatgpt_base_url = "https://chat.example/"
            hide_agent_reasoning = true
            show_raw_agent_reasoning = true
            [history]
            persistence = "none"
            max_bytes = 1024
            [shell_environment_policy]
            inherit = "core"
            ignore_default_excludes = false
            exclude = ["AWS_*"]
            set = { CI = "1" }
            include_only = ["PATH", "HOME"]
            [features]
            unified_exec = true
            """)
        let config = try fixture.load(fixture.options()).config
        #expect(config.modelReasoningEffort == .xhigh)
        #expect(config.modelReasoningSummary == ReasoningSummary.none)
        #expect(config.modelVerbosity == .high)
        #expect(config.modelContextWindow == 200_000)
        #expect(config.instructions == "ignored")
        #expect(config.developerInstructions == "be brief")
        #expect(config.projectDocMaxBytes == 0)
        #expect(config.projectDocFallbackFilenames == ["CLAUDE.md"])
        #expect(config.notify == ["notify-send", "codex"])
        #expect(config.cliAuthCredentialsStore == .keyring)
        #expect(config.forcedLoginMethod == .api)
        #expect(config.chatgptBaseURL == "https://chat.example/")
        #expect(config.hideAgentReasoning && config.showRawAgentReasoning)
        #expect(config.history.persistence == HistoryPersistence.none)
        #expect(config.history.maxBytes == 1024)
        var policy = ShellEnvironmentPolicy()
        policy.inherit = .core
        policy.ignoreDefaultExcludes = false
        policy.exclude = ["AWS_*"]
        policy.set = ["CI": "1"]
        policy.includeOnly = ["PATH", "HOME"]
        #expect(config.shellEnvironmentPolicy == policy)
        #expect(config.isFeatureEnabled("unified_exec"))
        #expect(!config.isFeatureEnabled("other"))
    }

    @Test func datetimesBecomeStrings() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("[notice]\nseen = 1979-05-27T07:32:00Z\nday = 1979-05-27\n")
        let merged = try fixture.load(fixture.options()).merged
        #expect(merged["notice"]?["seen"]?.stringValue?.hasPrefix("1979-05-27T07:32:00") == true)
        #expect(merged["notice"]?["day"] == .string("1979-05-27"))
    }

    @Test func layerSourcesHaveWireForms() {
        #expect(ConfigLayerSource.user(file: "/h/config.toml").wireValue == ["type": "user", "file": "/h/config.toml"])
        #expect(ConfigLayerSource.project(dotCodexFolder: "/p/.codex").wireValue == ["type": "project", "dotCodexFolder": "/p/.codex"])
        #expect(ConfigLayerSource.sessionFlags.wireValue == ["type": "sessionFlags"])
        #expect(ConfigLayerSource.project(dotCodexFolder: "/p/.codex").file == "/p/.codex/config.toml")
    }
}
