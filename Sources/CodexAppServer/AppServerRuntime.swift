public import CodexConfig
public import CodexCore
import CodexProtocol

/// Everything the app-server's handlers share for the life of the process: how to load the
/// configuration, what goes into each thread, and the loaded threads.
public struct AppServerRuntime: Sendable {
    /// The options the server was started with (CODEX_HOME, cwd, `-c` overrides, profile).
    public var loadOptions: ConfigLoadOptions
    /// Our CLI version, recorded in rollouts and user agents.
    public var cliVersion: String
    /// The process environment threads and commands start from.
    public var environment: [String: String]
    /// Runs tools for every thread (`ToolRouter()` in production).
    public var tools: any ToolExecuting
    /// The threads loaded in this process.
    public let registry: ThreadRegistry
    /// Work that outlives a connection: thread event pumps, running turns, approvals.
    public let background = BackgroundWork()
    /// The initialized connections, for notifications every client gets.
    public let connections = LiveConnections()
    /// Each loaded thread's MCP servers; `tools` should route external calls here
    /// (`ToolRouter(externalTools: mcpServers)`).
    public let mcpServers: ThreadMCPServers

    public init(
        loadOptions: ConfigLoadOptions, cliVersion: String, environment: [String: String],
        tools: any ToolExecuting, registry: ThreadRegistry = ThreadRegistry(), mcpServers: ThreadMCPServers = ThreadMCPServers()
    ) {
        self.loadOptions = loadOptions
        self.cliVersion = cliVersion
        self.environment = environment
        self.tools = tools
        self.registry = registry
        self.mcpServers = mcpServers
    }

    /// The resolved CODEX_HOME directory.
    public var codexHome: String { loadOptions.codexHome.path }

    /// Where this server's rollouts live.
    public var rolloutStore: RolloutStore { RolloutStore(home: loadOptions.codexHome) }

    /// Loads the effective configuration again, with extra `-c` style overrides (`key=value`, TOML
    /// values) after the command line's, and typed overrides on top.
    public func loadConfig(extraOverrides: [String] = [], overrides: ConfigOverrides? = nil) throws -> LoadedConfig {
        var options = loadOptions
        options.cliOverrides += extraOverrides
        if let overrides { options.overrides = Self.merged(options.overrides, overrides) }
        return try ConfigLoader.load(options)
    }

    /// The factory for threads of one client (its name becomes the rollouts' originator).
    /// `ruleFolders` are the config folders whose `rules/*.rules` the threads load (nil: CODEX_HOME alone).
    public func threadFactory(
        config: Config, clientName: String, userAgent: String, ruleFolders: [String]? = nil
    ) -> ThreadFactory {
        let origin = ThreadOrigin(originator: clientName, cliVersion: cliVersion, source: .vscode, userAgent: userAgent)
        return ThreadFactory(config: config, origin: origin, environment: environment, tools: tools, ruleFolders: ruleFolders)
    }

    /// Every handler this server answers: thread and turn methods plus the service methods.
    public func handlers() -> AppServerHandlers {
        var handlers = AppServerHandlers()
        registerThreadHandlers(on: &handlers, runtime: self)
        registerServiceHandlers(on: &handlers, runtime: self)
        let initialized = handlers.onInitialized
        let connections = connections
        let runtime = self
        handlers.onInitialized = { connection in
            connections.add(connection)
            if let warning = RulesWarning.check(runtime) { await connection.notify(warning) }
            await initialized?(connection)
        }
        let registry = registry
        let closed = handlers.onClosed
        handlers.onClosed = { connection in
            connections.remove(connection)
            await Self.leaveThreads(of: connection, registry: registry)
            await closed?(connection)
        }
        return handlers
    }

    /// A closed connection stops watching its threads; a thread nobody watches any more is unloaded (its turn
    /// interrupted, its rollout flushed), as `thread/unsubscribe` of its last subscriber does.
    static func leaveThreads(of connection: AppServerConnection, registry: ThreadRegistry) async {
        for threadID in await registry.loadedThreadIDs() {
            guard let loaded = await registry.thread(threadID) else { continue }
            if loaded.subscribers.remove(connection) == 0 { await registry.unload(threadID) }
        }
    }

    /// Serves one stdio connection until stdin ends, then interrupts every running turn, flushes
    /// every rollout and returns the exit code.
    public func serve(initializer: InitializeResponder, input: Int32 = 0, output: Int32 = 1) async -> Int32 {
        let handlers = handlers()
        return await withBackgroundWork {
            await AppServerMain.run(input: input, output: output, handlers: handlers, initializer: initializer)
        }
    }

    /// Runs `body` with the background work running; afterwards shuts every thread down and ends the work.
    func withBackgroundWork<Result: Sendable>(_ body: () async -> Result) async -> Result {
        let background = background
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await background.run() }
            let result = await body()
            await registry.shutdownAll()
            background.finish()
            await group.waitForAll()
            return result
        }
    }

    private static func merged(_ base: ConfigOverrides, _ extra: ConfigOverrides) -> ConfigOverrides {
        var result = base
        if let model = extra.model { result.model = model }
        if let provider = extra.modelProvider { result.modelProvider = provider }
        if let sandbox = extra.sandboxMode { result.sandboxMode = sandbox }
        if let policy = extra.approvalPolicy { result.approvalPolicy = policy }
        if let cwd = extra.cwd { result.cwd = cwd }
        return result
    }
}
