import CodexConfig
import CodexMCPClient
import CodexProtocol

/// Registers `mcpServerStatus/list`, `config/mcpServer/reload` and `mcpServer/oauth/login`.
func registerMCPServerStatusHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {
    let service = MCPServerStatusService(runtime: runtime)
    let oauth = MCPServerOAuthLoginService(runtime: runtime)
    handlers.register(AppServerV2.ClientRequests.mcpServerOauthLogin) { params, context throws(JSONRPCErrorObject) in
        try await oauth.login(params, context: context)
    }
    handlers.register(AppServerV2.ClientRequests.mcpServerStatusList) { params, _ throws(JSONRPCErrorObject) in
        try await service.list(params)
    }
    handlers.register(AppServerV2.ClientRequests.configMcpServerReload) { _, _ throws(JSONRPCErrorObject) in
        try await service.reload()
    }
}

/// The app-server's view of the configured MCP servers (spec §9): their status, tools and resources, and the
/// restart of every loaded thread's servers after a config change.
struct MCPServerStatusService: Sendable {
    let runtime: AppServerRuntime

    /// `mcpServerStatus/list`: without `threadId` the servers are started just for this call (and stopped after);
    /// with one, that thread's connections are reported. Sorted by name; the cursor is the decimal index of the
    /// page's first entry.
    func list(_ params: AppServerV2.ListMcpServerStatusParams) async throws(JSONRPCErrorObject)
        -> AppServerV2.ListMcpServerStatusResponse
    {
        let start: Int
        if let cursor = params.cursor {
            guard let index = Int(cursor), index >= 0 else { throw .invalidRequest("invalid cursor: \(cursor)") }
            start = index
        } else {
            start = 0
        }
        let includeResources = (params.detail ?? .full) == .full
        var servers: [String: McpServerConfig]
        var inventories: [String: MCPServerInventory]
        var threadRuntime = false
        // Stored OAuth tokens are looked for under this CODEX_HOME; the store mode is the loaded config's once loaded.
        var store = MCPOAuthCredentialStore(codexHome: runtime.codexHome, mode: .auto)
        if let threadID = params.threadId {
            guard await runtime.registry.isLoaded(threadID) else { throw .invalidRequest("thread not found: \(threadID)") }
            if let running = await runtime.mcpServers.inventories(threadID: threadID, includeResources: includeResources) {
                (servers, inventories) = running
            } else {
                let config = try loadConfig()
                let gateway = await ConnectorsGateway.servers(config: config, environment: runtime.environment)
                (servers, inventories, store) = (gateway, [:], MCPOAuthCredentialStore(config: config))
            }
            threadRuntime = true
        } else {
            let config = try loadConfig()
            store = MCPOAuthCredentialStore(config: config)
            servers = await ConnectorsGateway.servers(config: config, environment: runtime.environment)
            if let name = params.serverName { servers = servers.filter { $0.key == name } }
            let started = servers
            inventories = await MCPConnectionManager.withServers(
                started, sessionCwd: runtime.loadOptions.cwd, environment: runtime.environment,
                clientVersion: runtime.cliVersion, startupGrace: .zero, apps: config.apps, oauthStore: store
            ) { manager in
                await manager.waitUntilSettled()
                return await manager.inventories(includeResources: includeResources)
            }
        }
        if let name = params.serverName { servers = servers.filter { $0.key == name } }
        let names = servers.keys.sorted()
        let end = params.limit.map { min(names.count, start + max(1, Int($0))) } ?? names.count
        guard start <= names.count else { throw .invalidRequest("invalid cursor: \(start)") }
        var data: [AppServerV2.McpServerStatus] = []
        for name in names[start..<end] {
            guard let config = servers[name] else { continue }
            let auth = await MCPAuthStatus.determine(name: name, for: config, environment: runtime.environment, store: store)
            data.append(
                Self.status(name: name, config: config, inventory: inventories[name], auth: auth, threadRuntime: threadRuntime))
        }
        return AppServerV2.ListMcpServerStatusResponse(data: data, nextCursor: end < names.count ? String(end) : nil)
    }

    /// `config/mcpServer/reload`: every loaded thread with MCP servers restarts them from the configuration as it
    /// is now on disk (the thread's cwd decides the project layers).
    func reload() async throws(JSONRPCErrorObject) -> AppServerV2.McpServerRefreshResponse {
        for (threadID, config) in runtime.mcpServers.runningThreads() {
            var overrides = ConfigOverrides()
            overrides.cwd = config.cwd
            let fresh: Config
            do {
                fresh = try runtime.loadConfig(overrides: overrides).config
            } catch {
                throw .invalidRequest("error loading config: \(error)")
            }
            var restarted = config
            restarted.mcpServers = await ConnectorsGateway.servers(config: fresh, environment: runtime.environment)
            restarted.apps = fresh.apps
            runtime.mcpServers.restart(
                threadID: threadID, config: restarted, environment: runtime.environment,
                clientVersion: runtime.cliVersion, background: runtime.background)
        }
        return AppServerV2.McpServerRefreshResponse()
    }

    private func loadConfig() throws(JSONRPCErrorObject) -> Config {
        do {
            return try runtime.loadConfig().config
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
    }

    /// One entry: the inventory's tools keyed by raw name, the startup error as `toolsError`.
    static func status(
        name: String, config: McpServerConfig, inventory: MCPServerInventory?, auth: MCPAuthStatus, threadRuntime: Bool
    ) -> AppServerV2.McpServerStatus {
        var tools: [String: AppServerV2.Tool] = [:]
        for tool in inventory?.tools ?? [] {
            if let decoded = try? tool.decode(AppServerV2.Tool.self) { tools[decoded.name] = decoded }
        }
        var runtimeStatus: AppServerV2.McpServerConnectionStatus?
        if threadRuntime {
            switch inventory?.status {
            case nil: runtimeStatus = config.enabled ? .notStarted : .disabled
            case .starting: runtimeStatus = .starting
            case .ready: runtimeStatus = .connected
            case .failed: runtimeStatus = .failed
            }
        }
        var httpOrigin: String?
        if case .streamableHTTP(let url, _, _, _) = config.transport { httpOrigin = MCPAuthStatus.origin(of: url) }
        return AppServerV2.McpServerStatus(
            name: name, runtimeStatus: runtimeStatus, pluginId: nil, httpOrigin: httpOrigin,
            serverInfo: inventory?.serverInfo.flatMap { try? $0.decode(AppServerV2.McpServerInfo.self) },
            serverCapabilities: inventory?.capabilities, tools: tools,
            toolsError: inventory?.status == .ready ? nil : inventory?.startupError,
            resources: (inventory?.resources ?? []).compactMap { try? $0.decode(AppServerV2.Resource.self) },
            resourceTemplates: (inventory?.resourceTemplates ?? []).compactMap {
                try? $0.decode(AppServerV2.ResourceTemplate.self)
            },
            authStatus: AppServerV2.McpAuthStatus(rawValue: auth.rawValue) ?? .unknown)
    }
}
