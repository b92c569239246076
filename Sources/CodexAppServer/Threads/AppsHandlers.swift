import CodexConfig
import CodexLogin
import CodexMCPClient
import CodexProtocol
import Synchronization

/// Registers `app/list`, `app/read` and `app/installed`.
func registerAppsHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {
    let service = AppsService(runtime: runtime)
    handlers.register(AppServerV2.ClientRequests.appList) { params, _ throws(JSONRPCErrorObject) in
        try await service.list(params)
    }
    handlers.register(AppServerV2.ClientRequests.appRead) { params, _ throws(JSONRPCErrorObject) in
        try await service.read(params)
    }
    handlers.register(AppServerV2.ClientRequests.appInstalled) { params, _ throws(JSONRPCErrorObject) in
        try await service.installed(params)
    }
}

/// The ChatGPT connectors (apps) of connectors.md §4: the directory merged with what the `codex_apps` gateway
/// reaches, app metadata, and the gateway's runtime catalog. The directory and the gateway's tools are kept
/// for the life of the process (`forceRefetch` / `forceRefresh` load them again).
final class AppsService: Sendable {
    let runtime: AppServerRuntime

    private struct Cache {
        var directory: [JSONValue]?
        var gatewayTools: [JSONValue]?
    }

    private let cache = Mutex(Cache())

    /// What the calls need: the effective configuration and the ChatGPT login.
    private struct Session {
        var config: Config
        var credentials: ChatGPTCredentials
    }

    /// At most this many ids per `app/read`.
    static let maxReadIDs = 100

    init(runtime: AppServerRuntime) {
        self.runtime = runtime
    }

    // MARK: app/list

    /// `app/list`: with apps off or no ChatGPT login an empty page; otherwise the directory (fetched now when
    /// not loaded) merged with the gateway's connectors as loaded so far. When the gateway's tools are not
    /// loaded yet (or `forceRefetch`), they are loaded in the background and `app/list/updated` goes to every
    /// client if the list changed. The cursor is the decimal index of the page's first entry.
    func list(_ params: AppServerV2.AppsListParams) async throws(JSONRPCErrorObject) -> AppServerV2.AppsListResponse {
        guard let session = try await session(threadID: params.threadId) else {
            return AppServerV2.AppsListResponse(data: [], nextCursor: nil)
        }
        var start = 0
        if let cursor = params.cursor {
            guard let index = Int(cursor), index >= 0 else { throw .invalidRequest("invalid cursor: \(cursor)") }
            start = index
        }
        let refetch = params.forceRefetch ?? false
        let client = ConnectorDirectoryClient(baseURL: session.config.chatgptBaseURL, credentials: session.credentials)
        var directory = cache.withLock { $0.directory }
        if directory == nil || refetch {
            do {
                let fetched = try await client.directory()
                cache.withLock { $0.directory = fetched }
                directory = fetched
            } catch {
                throw .internalError("failed to list apps: \(error)")
            }
        }
        let tools = cache.withLock { $0.gatewayTools }
        let apps = session.config.apps
        let all = AppInfoMapping.merged(directory: directory ?? [], gatewayTools: tools ?? [], apps: apps)
        if tools == nil || refetch {
            let answered = all
            let config = session.config
            _ = runtime.background.spawn {
                guard let loaded = await self.loadGatewayTools(config: config) else { return }
                let directory = self.cache.withLock { cache in
                    cache.gatewayTools = loaded
                    return cache.directory ?? []
                }
                let updated = AppInfoMapping.merged(directory: directory, gatewayTools: loaded, apps: apps)
                guard updated != answered else { return }
                let notification = AppServerV2.AppListUpdatedNotification(data: updated)
                for connection in self.runtime.connections.all { await connection.notify(notification) }
            }
        }
        guard start <= all.count else { throw .invalidRequest("invalid cursor: \(start)") }
        let end = params.limit.map { min(all.count, start + max(1, Int($0))) } ?? all.count
        return AppServerV2.AppsListResponse(
            data: Array(all[start..<end]), nextCursor: end < all.count ? String(end) : nil)
    }

    // MARK: app/read

    /// `app/read`: at most 100 distinct ids (first-request order), read with one `POST /ps/apps/batch`; ids the
    /// backend does not return are `missingAppIds`.
    func read(_ params: AppServerV2.AppsReadParams) async throws(JSONRPCErrorObject) -> AppServerV2.AppsReadResponse {
        var ids: [String] = []
        var seen: Set<String> = []
        for id in params.appIds where seen.insert(id).inserted { ids.append(id) }
        guard ids.count <= Self.maxReadIDs else {
            throw .invalidParams("app/read accepts at most \(Self.maxReadIDs) appIds")
        }
        guard !ids.isEmpty, let session = try await session(threadID: params.threadId) else {
            return AppServerV2.AppsReadResponse(apps: [], missingAppIds: ids)
        }
        let includeTools = params.includeTools ?? false
        let client = ConnectorDirectoryClient(baseURL: session.config.chatgptBaseURL, credentials: session.credentials)
        let entries: [JSONValue]
        do {
            entries = try await client.batch(appIDs: ids, includeTools: includeTools)
        } catch {
            throw .internalError("failed to read app metadata: \(error)")
        }
        let found = entries.compactMap { AppInfoMapping.metadata(batchEntry: $0, includeTools: includeTools) }
        let foundIDs = Set(found.map(\.id))
        return AppServerV2.AppsReadResponse(apps: found, missingAppIds: ids.filter { !foundIDs.contains($0) })
    }

    // MARK: app/installed

    /// `app/installed`: one entry per connector id of the gateway's tool catalog as last loaded (none before
    /// a load, as 0.163.0); `forceRefresh` loads it now and fails when the gateway does not answer.
    func installed(_ params: AppServerV2.AppsInstalledParams) async throws(JSONRPCErrorObject)
        -> AppServerV2.AppsInstalledResponse
    {
        guard let session = try await session(threadID: params.threadId) else {
            return AppServerV2.AppsInstalledResponse(apps: [])
        }
        var tools = cache.withLock { $0.gatewayTools }
        if params.forceRefresh == true {
            guard let loaded = await loadGatewayTools(config: session.config) else {
                throw .internalError(
                    "failed to refresh installed connector runtime state: failed to refresh tools for MCP server '\(ConnectorsGateway.serverName)'")
            }
            cache.withLock { $0.gatewayTools = loaded }
            tools = loaded
        }
        let apps = ConnectorTools.installed(tools ?? [], apps: session.config.apps).map { connector in
            AppServerV2.InstalledApp(
                id: connector.id, runtimeName: connector.runtimeName, enabled: connector.enabled, callable: connector.callable)
        }
        return AppServerV2.AppsInstalledResponse(apps: apps)
    }

    // MARK: Shared

    /// The configuration (the loaded thread's when `threadID` names one with running servers, else the
    /// server's) and the ChatGPT login; nil when apps are off or the login is not ChatGPT.
    private func session(threadID: String?) async throws(JSONRPCErrorObject) -> Session? {
        var config: Config
        if let threadID, let running = runtime.mcpServers.runningThreads()[threadID] {
            config = running
        } else {
            do {
                config = try runtime.loadConfig().config
            } catch {
                throw .invalidRequest("error loading config: \(error)")
            }
        }
        guard ConnectorsGateway.isEnabled(config: config, isChatGPTLogin: true) else { return nil }
        guard case .chatgpt(let credentials)? = await SharedAuthManagers.manager(for: config, environment: runtime.environment).auth()
        else { return nil }
        return Session(config: config, credentials: credentials)
    }

    /// Connects to the gateway just for this, and returns its raw tools; nil when it did not start.
    private func loadGatewayTools(config: Config) async -> [JSONValue]? {
        let name = ConnectorsGateway.serverName
        let servers = [name: ConnectorsGateway.serverConfig(config: config, environment: runtime.environment)]
        let inventory = await MCPConnectionManager.withServers(
            servers, sessionCwd: runtime.loadOptions.cwd, environment: runtime.environment, clientVersion: runtime.cliVersion,
            startupGrace: .zero, apps: config.apps
        ) { manager in
            await manager.waitUntilSettled()
            return await manager.inventories(includeResources: false)[name]
        }
        guard let inventory, inventory.status == .ready else { return nil }
        return inventory.tools
    }
}
