import CodexConfig
import FoundationEssentials

/// Loads the layered configuration for a subcommand from the global options and the process
/// environment; every subcommand does this first, so a broken config fails fast.
struct ConfigBootstrap {
    let global: GlobalSettings
    var fullAuto = false
    var dangerouslyBypassApprovalsAndSandbox = false
    /// The approval policy when `-a` is not given (exec: `never`); nil leaves it to the config.
    var defaultApprovalPolicy: AskForApproval?

    init(global: GlobalOptions) {
        self.global = global.settings
    }

    init(settings: GlobalSettings) {
        self.global = settings
    }

    /// The load options this command line asks for.
    func loadOptions(environment: [String: String], processCwd: String) throws -> ConfigLoadOptions {
        let codexHome = try CodexHome.resolve(environment: environment)
        let cwd = global.cd.map { Self.absolute($0, relativeTo: processCwd) } ?? processCwd
        var options = ConfigLoadOptions(codexHome: codexHome, cwd: cwd, environment: environment)
        options.cliOverrides = global.config
        options.profile = global.profile
        options.strict = global.strictConfig
        var overrides = ConfigOverrides()
        overrides.model = global.model
        overrides.sandboxMode = global.sandbox
        overrides.approvalPolicy = global.askForApproval ?? defaultApprovalPolicy
        overrides.cwd = global.cd.map { Self.absolute($0, relativeTo: processCwd) }
        overrides.enabledFeatures = global.enable
        overrides.disabledFeatures = global.disable
        overrides.fullAuto = fullAuto
        overrides.dangerouslyBypassApprovalsAndSandbox = dangerouslyBypassApprovalsAndSandbox
        options.overrides = overrides
        return options
    }

    /// Loads the configuration, or prints the reason (a syntax error with its line and a caret) and exits 1,
    /// as the reference does.
    func load() throws -> LoadedConfig {
        let environment = ProcessInfo.processInfo.environment
        let processCwd = FileManager.default.currentDirectoryPath
        do {
            return try ConfigLoader.load(loadOptions(environment: environment, processCwd: processCwd))
        } catch let error as ConfigError {
            StandardError.writeLine(error.report)
            throw ExitStatus(code: 1)
        } catch {
            StandardError.writeLine("\(error)")
            throw ExitStatus(code: 1)
        }
    }

    static func absolute(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
    }
}
