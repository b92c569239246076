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

    public init(
        loadOptions: ConfigLoadOptions, cliVersion: String, environment: [String: String],
        tools: any ToolExecuting, registry: ThreadRegistry = ThreadRegistry()
    ) {
        self.loadOptions = loadOptions
        self.cliVersion = cliVersion
        self.environment = environment
        self.tools = tools
        self.registry = registry
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
    public func threadFactory(config: Config, clientName: String, userAgent: String) -> ThreadFactory {
        let origin = ThreadOrigin(originator: clientName, cliVersion: cliVersion, source: .vscode, userAgent: userAgent)
        return ThreadFactory(config: config, origin: origin, environment: environment, tools: tools)
    }

    /// Every handler this server answers: thread and turn methods plus the service methods.
    public func handlers() -> AppServerHandlers {
        var handlers = AppServerHandlers()
        registerThreadHandlers(on: &handlers, runtime: self)
        registerServiceHandlers(on: &handlers, runtime: self)
        return handlers
    }

    /// Serves one stdio connection until stdin ends, then interrupts every running turn, flushes
    /// every rollout and returns the exit code.
    public func serve(initializer: InitializeResponder, input: Int32 = 0, output: Int32 = 1) async -> Int32 {
        let code = await AppServerMain.run(input: input, output: output, handlers: handlers(), initializer: initializer)
        await registry.shutdownAll()
        return code
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
