public import ArgumentParser
public import CodexConfig

/// Options every `codex` command accepts, before or after the subcommand name.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(
        name: [.customShort("c"), .customLong("config")],
        help: ArgumentHelp(
            "Override a configuration value (dotted key path; the value is parsed as TOML, else taken as a string).",
            valueName: "key=value"))
    public var config: [String] = []

    @Option(
        name: [.customShort("p"), .customLong("profile")],
        help: "Configuration profile: layers $CODEX_HOME/NAME.config.toml (or a legacy [profiles.NAME] table).")
    public var profile: String?

    @Option(name: [.customShort("m"), .customLong("model")], help: "Model the agent should use.")
    public var model: String?

    @Option(
        name: [.customShort("s"), .customLong("sandbox")],
        help: "Sandbox policy for model-generated commands: read-only, workspace-write or danger-full-access.")
    public var sandbox: SandboxMode?

    @Option(
        name: [.customShort("a"), .customLong("ask-for-approval")],
        help: "When to ask before running a command: untrusted, on-failure, on-request or never.")
    public var askForApproval: AskForApproval?

    @Option(name: [.customShort("C"), .customLong("cd")], help: "Working root for the agent.")
    public var cd: String?

    @Option(name: .customLong("enable"), help: "Enable a feature (same as -c features.FEATURE=true).")
    public var enable: [String] = []

    @Option(name: .customLong("disable"), help: "Disable a feature (same as -c features.FEATURE=false).")
    public var disable: [String] = []

    @Flag(name: .customLong("strict-config"), help: "Treat unknown configuration keys as errors.")
    public var strictConfig = false

    public init() {}

    /// The parsed values, detached from the parser's property wrappers.
    var settings: GlobalSettings {
        GlobalSettings(
            config: config, profile: profile, model: model, sandbox: sandbox, askForApproval: askForApproval, cd: cd,
            enable: enable, disable: disable, strictConfig: strictConfig)
    }
}

/// The global options as plain values: what the parsed `GlobalOptions` say, or all defaults for an
/// invocation answered without the parser (`DirectInvocation`).
struct GlobalSettings: Sendable {
    var config: [String] = []
    var profile: String?
    var model: String?
    var sandbox: SandboxMode?
    var askForApproval: AskForApproval?
    var cd: String?
    var enable: [String] = []
    var disable: [String] = []
    var strictConfig = false
}

/// `-s/--sandbox` takes the config spellings (`read-only`, `workspace-write`, `danger-full-access`).
extension SandboxMode: ExpressibleByArgument {}

/// `-a/--ask-for-approval` takes the config spellings (`untrusted`, `on-failure`, `on-request`, `never`).
extension AskForApproval: ExpressibleByArgument {}
