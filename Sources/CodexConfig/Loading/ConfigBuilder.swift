import CodexProtocol

/// Turns the effective tree into a typed `Config`, applying dedicated flags and requirements.
struct ConfigBuilder {
    let reader: ConfigReader
    let options: ConfigLoadOptions
    let cwd: String
    let project: ProjectContext
    let activeProfile: String?
    let requirements: ConfigRequirements

    func build() throws(ConfigError) -> Config {
        let overrides = options.overrides
        let providers = try modelProviders()
        let configuredProvider = try reader.string(["model_provider"])
        let providerID = overrides.modelProvider ?? configuredProvider ?? ModelProviderInfo.openAIProviderID
        guard let provider = providers[providerID] else {
            if overrides.modelProvider != nil {
                throw ConfigError(kind: .invalidValue, message: "Model provider `\(providerID)` not found")
            }
            throw reader.invalid(["model_provider"], "model provider `\(providerID)` not found")
        }

        let projects = try projectTable()
        let trust = project.trust(for: cwd, projects: reader.value(["projects"])?.objectValue).level

        let configuredSandbox = try reader.enumValue(["sandbox_mode"], as: SandboxMode.self)
        let flagSandbox: SandboxMode? =
            overrides.dangerouslyBypassApprovalsAndSandbox
            ? .dangerFullAccess : overrides.fullAuto ? .workspaceWrite : overrides.sandboxMode
        let defaultSandbox: SandboxMode = trust == .trusted ? .workspaceWrite : .readOnly
        let sandbox = try ConfigRequirements.enforce(
            flagSandbox ?? configuredSandbox ?? defaultSandbox, allowed: requirements.sandboxModes,
            field: "sandbox_mode", explicit: flagSandbox != nil || configuredSandbox != nil, fallback: .readOnly)

        let configuredApproval = try reader.enumValue(["approval_policy"], as: AskForApproval.self)
        let flagApproval: AskForApproval? =
            overrides.dangerouslyBypassApprovalsAndSandbox ? .never : overrides.fullAuto ? .onRequest : overrides.approvalPolicy
        let approval = try ConfigRequirements.enforce(
            flagApproval ?? configuredApproval ?? .onRequest, allowed: requirements.approvalPolicies,
            field: "approval_policy", explicit: flagApproval != nil || configuredApproval != nil)

        var features: [String: Bool] = [:]
        for (name, value) in try reader.table(["features"]) ?? JSONObject() {
            guard case .bool(let flag) = value else {
                throw reader.mismatch(["features", name], expected: "a boolean", found: value)
            }
            features[name] = flag
        }
        for name in overrides.enabledFeatures { features[name] = true }
        for name in overrides.disabledFeatures { features[name] = false }

        let configuredModel = try reader.string(["model"])
        let instructionsFile = try reader.string(["model_instructions_file"])
        let legacyInstructionsFile = try reader.string(["experimental_instructions_file"])

        var history = History()
        history.persistence = try reader.enumValue(["history", "persistence"]) ?? .saveAll
        history.maxBytes = try reader.count(["history", "max_bytes"])

        return Config(
            codexHome: options.codexHome.path,
            cwd: cwd,
            model: overrides.model ?? configuredModel ?? Config.defaultModel,
            modelProviderID: providerID,
            modelProvider: provider,
            modelProviders: providers,
            modelReasoningEffort: try reader.enumValue(["model_reasoning_effort"]),
            modelReasoningSummary: try reader.enumValue(["model_reasoning_summary"]) ?? .auto,
            modelVerbosity: try reader.enumValue(["model_verbosity"]),
            modelContextWindow: try reader.count(["model_context_window"]),
            modelAutoCompactTokenLimit: try reader.count(["model_auto_compact_token_limit"]),
            approvalPolicy: approval,
            sandboxMode: sandbox,
            sandboxWorkspaceWrite: try sandboxWorkspaceWrite(),
            shellEnvironmentPolicy: try shellEnvironmentPolicy(),
            mcpServers: try mcpServers(),
            mcpOptionalStartupGraceMs: try reader.count(["mcp_optional_startup_grace_ms"]),
            mcpOAuthCredentialsStore: try reader.enumValue(["mcp_oauth_credentials_store"]) ?? .auto,
            mcpOAuthCallbackPort: try reader.count(["mcp_oauth_callback_port"]),
            mcpOAuthCallbackURL: try reader.string(["mcp_oauth_callback_url"]),
            activeProfile: activeProfile,
            profiles: try profiles(),
            projects: projects,
            activeProjectTrust: trust,
            projectRootMarkers: try reader.stringArray(["project_root_markers"]) ?? ConfigLoader.defaultProjectRootMarkers,
            instructions: try reader.string(["instructions"]),
            developerInstructions: try reader.string(["developer_instructions"]),
            modelInstructionsFile: instructionsFile ?? legacyInstructionsFile,
            projectDocMaxBytes: try reader.count(["project_doc_max_bytes"]) ?? Config.defaultProjectDocMaxBytes,
            projectDocFallbackFilenames: try reader.stringArray(["project_doc_fallback_filenames"]) ?? [],
            notify: try reader.stringArray(["notify"]),
            history: history,
            features: features,
            cliAuthCredentialsStore: try reader.enumValue(["cli_auth_credentials_store"]) ?? .file,
            forcedLoginMethod: try reader.enumValue(["forced_login_method"]),
            chatgptBaseURL: try reader.string(["chatgpt_base_url"]) ?? Config.defaultChatGPTBaseURL,
            hideAgentReasoning: try reader.bool(["hide_agent_reasoning"]) ?? false,
            showRawAgentReasoning: try reader.bool(["show_raw_agent_reasoning"]) ?? false,
            forcedChatGPTWorkspaceID: try reader.string(["forced_chatgpt_workspace_id"]),
            compactPrompt: try reader.string(["compact_prompt"]),
            experimentalCompactPromptFile: try reader.string(["experimental_compact_prompt_file"]),
            modelCatalog: try reader.string(["model_catalog_json"]).map { path throws(ConfigError) in
                try ModelCatalog.load(path: path)
            },
            webSearch: try reader.enumValue(["web_search"]) ?? .cached,
            feedbackEnabled: try reader.bool(["feedback", "enabled"]) ?? true,
            apps: try apps(),
            appsMcpProductSku: try reader.string(["apps_mcp_product_sku"]))
    }

    /// `[apps]`: `_default` and one table per connector id, each with an optional `tools` table.
    private func apps() throws(ConfigError) -> AppsConfig {
        var apps = AppsConfig()
        for (id, value) in try reader.table(["apps"]) ?? JSONObject() {
            guard case .object = value else { throw reader.mismatch(["apps", id], expected: "a table", found: value) }
            let base = ["apps", id]
            var app = AppsConfig.App()
            app.enabled = try reader.bool(base + ["enabled"])
            app.destructiveEnabled = try reader.bool(base + ["destructive_enabled"])
            app.openWorldEnabled = try reader.bool(base + ["open_world_enabled"])
            app.defaultToolsEnabled = try reader.bool(base + ["default_tools_enabled"])
            app.defaultToolsApprovalMode = try reader.enumValue(base + ["default_tools_approval_mode"])
            for (tool, _) in try reader.table(base + ["tools"]) ?? JSONObject() {
                app.tools[tool] = AppsConfig.Tool(
                    enabled: try reader.bool(base + ["tools", tool, "enabled"]),
                    approvalMode: try reader.enumValue(base + ["tools", tool, "approval_mode"]))
            }
            if id == "_default" { apps.defaults = app } else { apps.apps[id] = app }
        }
        return apps
    }

    private func sandboxWorkspaceWrite() throws(ConfigError) -> SandboxWorkspaceWrite {
        let base = ["sandbox_workspace_write"]
        _ = try reader.table(base)
        var settings = SandboxWorkspaceWrite()
        settings.writableRoots = try reader.stringArray(base + ["writable_roots"]) ?? []
        settings.networkAccess = try reader.bool(base + ["network_access"]) ?? false
        settings.excludeTmpdirEnvVar = try reader.bool(base + ["exclude_tmpdir_env_var"]) ?? false
        settings.excludeSlashTmp = try reader.bool(base + ["exclude_slash_tmp"]) ?? false
        return settings
    }

    private func shellEnvironmentPolicy() throws(ConfigError) -> ShellEnvironmentPolicy {
        let base = ["shell_environment_policy"]
        _ = try reader.table(base)
        var policy = ShellEnvironmentPolicy()
        policy.inherit = try reader.enumValue(base + ["inherit"]) ?? .all
        policy.ignoreDefaultExcludes = try reader.bool(base + ["ignore_default_excludes"])
        policy.exclude = try reader.stringArray(base + ["exclude"]) ?? []
        policy.set = try reader.stringMap(base + ["set"]) ?? [:]
        policy.includeOnly = try reader.stringArray(base + ["include_only"]) ?? []
        return policy
    }

    private func projectTable() throws(ConfigError) -> [String: ProjectConfig] {
        var projects: [String: ProjectConfig] = [:]
        for (path, value) in try reader.table(["projects"]) ?? JSONObject() {
            guard case .object = value else {
                throw reader.mismatch(["projects", path], expected: "a table", found: value)
            }
            projects[path] = ProjectConfig(trustLevel: try reader.enumValue(["projects", path, "trust_level"]))
        }
        return projects
    }

    private func profiles() throws(ConfigError) -> [String: ConfigProfile] {
        var profiles: [String: ConfigProfile] = [:]
        for (name, value) in try reader.table(["profiles"]) ?? JSONObject() {
            guard case .object = value else {
                throw reader.mismatch(["profiles", name], expected: "a table", found: value)
            }
            let base = ["profiles", name]
            var profile = ConfigProfile()
            profile.model = try reader.string(base + ["model"])
            profile.modelProvider = try reader.string(base + ["model_provider"])
            profile.approvalPolicy = try reader.enumValue(base + ["approval_policy"])
            profile.sandboxMode = try reader.enumValue(base + ["sandbox_mode"])
            profile.modelReasoningEffort = try reader.enumValue(base + ["model_reasoning_effort"])
            profile.modelReasoningSummary = try reader.enumValue(base + ["model_reasoning_summary"])
            profile.modelVerbosity = try reader.enumValue(base + ["model_verbosity"])
            profile.chatgptBaseURL = try reader.string(base + ["chatgpt_base_url"])
            let legacyFile = try reader.string(base + ["experimental_instructions_file"])
            profile.modelInstructionsFile = try reader.string(base + ["model_instructions_file"]) ?? legacyFile
            profiles[name] = profile
        }
        return profiles
    }

    private func modelProviders() throws(ConfigError) -> [String: ModelProviderInfo] {
        var providers = ModelProviderInfo.builtIns(environment: options.environment)
        for (id, value) in try reader.table(["model_providers"]) ?? JSONObject() {
            guard case .object = value else {
                throw reader.mismatch(["model_providers", id], expected: "a table", found: value)
            }
            let provider = try modelProvider(["model_providers", id], id: id)
            if providers[id] == nil { providers[id] = provider }
        }
        return providers
    }

    private func modelProvider(_ base: [String], id: String) throws(ConfigError) -> ModelProviderInfo {
        ModelProviderInfo(
            name: try reader.string(base + ["name"]) ?? id,
            baseURL: try reader.string(base + ["base_url"]),
            envKey: try reader.string(base + ["env_key"]),
            envKeyInstructions: try reader.string(base + ["env_key_instructions"]),
            experimentalBearerToken: try reader.string(base + ["experimental_bearer_token"]),
            wireAPI: try reader.enumValue(base + ["wire_api"]) ?? .responses,
            queryParams: try reader.stringMap(base + ["query_params"]) ?? [:],
            httpHeaders: try reader.stringMap(base + ["http_headers"]) ?? [:],
            envHTTPHeaders: try reader.stringMap(base + ["env_http_headers"]) ?? [:],
            requestMaxRetries: try reader.count(base + ["request_max_retries"]) ?? ModelProviderInfo.defaultRequestMaxRetries,
            streamMaxRetries: try reader.count(base + ["stream_max_retries"]) ?? ModelProviderInfo.defaultStreamMaxRetries,
            streamIdleTimeoutMs: try reader.count(base + ["stream_idle_timeout_ms"])
                ?? ModelProviderInfo.defaultStreamIdleTimeoutMs,
            requiresOpenAIAuth: try reader.bool(base + ["requires_openai_auth"]) ?? false)
    }

    private func mcpServers() throws(ConfigError) -> [String: McpServerConfig] {
        var servers: [String: McpServerConfig] = [:]
        for (name, value) in try reader.table(["mcp_servers"]) ?? JSONObject() {
            guard case .object(let table) = value else {
                throw reader.mismatch(["mcp_servers", name], expected: "a table", found: value)
            }
            servers[name] = try mcpServer(["mcp_servers", name], table: table)
        }
        return servers
    }

    private func mcpServer(_ base: [String], table: JSONObject) throws(ConfigError) -> McpServerConfig {
        if table["bearer_token"] != nil {
            throw reader.invalid(
                base + ["bearer_token"],
                "inline bearer tokens are not supported; set `bearer_token_env_var` to the name of an environment variable holding the token")
        }
        let command = try reader.string(base + ["command"])
        let url = try reader.string(base + ["url"])
        let transport: McpServerConfig.Transport
        switch (command, url) {
        case (let command?, nil):
            transport = .stdio(
                command: command, args: try reader.stringArray(base + ["args"]) ?? [],
                env: try reader.stringMap(base + ["env"]) ?? [:], envVars: try reader.stringArray(base + ["env_vars"]) ?? [],
                cwd: try reader.string(base + ["cwd"]))
        case (nil, let url?):
            transport = .streamableHTTP(
                url: url, bearerTokenEnvVar: try reader.string(base + ["bearer_token_env_var"]),
                httpHeaders: try reader.stringMap(base + ["http_headers"]) ?? [:],
                envHTTPHeaders: try reader.stringMap(base + ["env_http_headers"]) ?? [:])
        case (.some, .some):
            throw reader.invalid(base, "set either `command` (stdio) or `url` (streamable HTTP), not both")
        case (nil, nil):
            throw reader.invalid(base, "missing `command` (stdio) or `url` (streamable HTTP)")
        }
        var startup = try reader.seconds(base + ["startup_timeout_sec"])
        if startup == nil, let millis = try reader.count(base + ["startup_timeout_ms"]) { startup = Double(millis) / 1000 }
        let toolTimeout = try reader.seconds(base + ["tool_timeout_sec"])
        var server = McpServerConfig(
            transport: transport,
            startupTimeoutSeconds: startup ?? McpServerConfig.defaultStartupTimeoutSeconds,
            toolTimeoutSeconds: toolTimeout ?? McpServerConfig.defaultToolTimeoutSeconds,
            enabled: try reader.bool(base + ["enabled"]) ?? true,
            enabledTools: try reader.stringArray(base + ["enabled_tools"]),
            disabledTools: try reader.stringArray(base + ["disabled_tools"]) ?? [])
        server.required = try reader.bool(base + ["required"]) ?? false
        server.defaultToolsApprovalMode = try reader.enumValue(base + ["default_tools_approval_mode"])
        server.startupTimeoutSetting = startup
        server.toolTimeoutSetting = toolTimeout
        server.httpHeadersHelper = try reader.string(base + ["http_headers_helper"])
        server.scopes = try reader.stringArray(base + ["scopes"])
        server.oauthResource = try reader.string(base + ["oauth_resource"])
        if try reader.table(base + ["oauth"]) != nil {
            server.oauth = McpServerOAuthConfig(
                clientID: try reader.string(base + ["oauth", "client_id"]),
                clientSecret: try reader.string(base + ["oauth", "client_secret"]),
                callbackURL: try reader.string(base + ["oauth", "callback_url"]),
                callbackPort: try reader.count(base + ["oauth", "callback_port"]))
        }
        for (tool, _) in try reader.table(base + ["tools"]) ?? JSONObject() {
            if let mode: McpToolApprovalMode = try reader.enumValue(base + ["tools", tool, "approval_mode"]) {
                server.toolApprovalModes[tool] = mode
            }
        }
        return server
    }
}
