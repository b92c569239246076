public import CodexConfig
public import CodexProtocol
public import CodexSandbox

/// What the non-turn app-server methods need from the server that runs them: where CODEX_HOME is,
/// the process environment and `-c` flags, and a view of the threads that are loaded right now.
///
/// The thread runtime implements the thread-facing members; `StandaloneServiceHost` answers them
/// for a server (or a test) that has no loaded threads.
public protocol AppServerServiceHost: Sendable {
    /// `$CODEX_HOME`.
    var codexHome: CodexHome { get }
    /// The process environment (never read from globals by the services).
    var environment: [String: String] { get }
    /// The `-c key=value` flags the server was started with (the `sessionFlags` layer).
    var cliOverrides: [String] { get }
    /// The directory config is resolved against when a request names none.
    var defaultCwd: String { get }
    /// This build's version (`cli_version` of feedback reports).
    var cliVersion: String { get }
    /// The executable run as `codex-linux-sandbox` for sandboxed `command/exec` (normally the codex binary).
    var sandboxHelperExecutable: String { get }
    /// `systemConfigPath`, `requirementsPath`... as the loader should use them (tests point them into temp dirs).
    func configLoadOptions(cwd: String) -> ConfigLoadOptions
    /// A loaded thread as the wire shows it (status, name, path; turns may be empty), nil when the
    /// thread is not loaded in this process.
    func loadedThread(_ threadID: String) async -> AppServerV2.Thread?
    /// Shuts a loaded thread down and forgets it (before its rollout is archived); no-op when not loaded.
    func unloadThread(_ threadID: String) async
    /// Sends a notification to every initialized connection (thread/archived, thread/name/updated...).
    func broadcast(_ notification: some ServerNotification, from context: AppServerRequestContext) async
}

extension AppServerServiceHost {
    /// The loader options for `cwd` with this host's home, environment and `-c` flags.
    public func standardConfigLoadOptions(cwd: String) -> ConfigLoadOptions {
        var options = ConfigLoadOptions(codexHome: codexHome, cwd: cwd, environment: environment)
        options.cliOverrides = cliOverrides
        return options
    }
}

/// A host with no loaded threads and a single connection: broadcasts go to the requesting client.
public struct StandaloneServiceHost: AppServerServiceHost {
    public let codexHome: CodexHome
    public let environment: [String: String]
    public let cliOverrides: [String]
    public let defaultCwd: String
    public let sandboxHelperExecutable: String
    public let cliVersion: String
    /// Replaces `/etc/codex` paths (system config, managed config, requirements) when set.
    public let systemConfigFolder: String?

    public init(
        codexHome: CodexHome, environment: [String: String], cliOverrides: [String] = [], defaultCwd: String,
        sandboxHelperExecutable: String = SandboxCommandBuilder.currentExecutable, systemConfigFolder: String? = nil,
        cliVersion: String = "0.0.0"
    ) {
        self.cliVersion = cliVersion
        self.codexHome = codexHome
        self.environment = environment
        self.cliOverrides = cliOverrides
        self.defaultCwd = defaultCwd
        self.sandboxHelperExecutable = sandboxHelperExecutable
        self.systemConfigFolder = systemConfigFolder
    }

    public func configLoadOptions(cwd: String) -> ConfigLoadOptions {
        var options = standardConfigLoadOptions(cwd: cwd)
        if let folder = systemConfigFolder {
            options.systemConfigPath = folder + "/config.toml"
            options.managedConfigPath = folder + "/managed_config.toml"
            options.requirementsPath = folder + "/requirements.toml"
        }
        return options
    }

    public func loadedThread(_ threadID: String) async -> AppServerV2.Thread? { nil }

    public func unloadThread(_ threadID: String) async {}

    public func broadcast(_ notification: some ServerNotification, from context: AppServerRequestContext) async {
        await context.connection.notify(notification)
    }
}
