public import ArgumentParser
import CodexConfig
import CodexCore
import CodexProtocol
import CodexSandbox
import FoundationEssentials

/// `codex sandbox [--] CMD...`: run one command under the configured Linux sandbox. The run form is the
/// default subcommand; `DefaultSubcommandHelp` puts its arguments and options into `codex sandbox --help`.
public struct SandboxCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a command under the Codex Linux sandbox (read-only view + Landlock + seccomp).",
        usage: """
            codex sandbox [OPTIONS] [--] COMMAND...
            codex sandbox doctor [--json]
            codex sandbox linux [--full-auto] [OPTIONS] [--] COMMAND...
            """,
        discussion: """
            The run form executes COMMAND under the sandbox policy from the configuration (`sandbox_mode`, \
            read-only by default; `-c sandbox_mode="workspace-write"` lets it write its cwd, /tmp and $TMPDIR). \
            Outside the writable roots nothing changes: contents, names and metadata; `.git`, `.codex` and \
            `.agents` inside a writable root stay read-only. The exit status is the command's.
            """,
        subcommands: [SandboxRunCommand.self, SandboxLinuxCommand.self, SandboxDoctorCommand.self],
        defaultSubcommand: SandboxRunCommand.self
    )

    public init() {}
}

/// The default form: `codex sandbox [-c ...] [--] CMD...`, policy from config (read-only by default).
public struct SandboxRunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a command under the sandbox policy from the configuration.",
        shouldDisplay: false)

    @OptionGroup public var global: GlobalOptions

    @Argument(parsing: .captureForPassthrough, help: "The program and its arguments.")
    public var command: [String] = []

    public init() {}

    public func run() async throws {
        let loaded = try ConfigBootstrap(global: global).load()
        try SandboxInvocation.run(command: command, config: loaded.config)
    }
}

/// The older `codex sandbox linux [--full-auto] CMD...` form.
public struct SandboxLinuxCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "linux", abstract: "Run a command under the Linux sandbox (older form).")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("full-auto"), help: "Use the workspace-write policy.")
    public var fullAuto = false

    @Argument(parsing: .captureForPassthrough, help: "The program and its arguments.")
    public var command: [String] = []

    public init() {}

    public func run() async throws {
        var bootstrap = ConfigBootstrap(global: global)
        bootstrap.fullAuto = fullAuto
        let loaded = try bootstrap.load()
        try SandboxInvocation.run(command: command, config: loaded.config)
    }
}

/// `codex sandbox doctor [--json]`: prove what this kernel's sandbox actually enforces.
public struct SandboxDoctorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Probe Landlock, seccomp and namespaces, and run self-tests that each denial really fires.")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("json"), help: "Print the report as JSON.")
    public var json = false

    public init() {}

    public func run() async throws {
        _ = try ConfigBootstrap(global: global).load()
        let report = SandboxDoctor.run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            StandardStreams.write(Array(data) + Array("\n".utf8), to: 1)
        } else {
            StandardStreams.writeOutput(report.renderText())
        }
        if !report.isHealthy { throw ExitStatus(code: 1) }
    }
}

/// Runs one command under the policy the configuration selects.
enum SandboxInvocation {
    static func run(command: [String], config: Config) throws {
        let argv = command.first == "--" ? Array(command.dropFirst()) : command
        guard !argv.isEmpty else {
            StandardError.writeLine("sandbox: no command given (usage: codex sandbox [--] COMMAND [ARGS...])")
            throw ExitStatus(code: 2)
        }
        let code = SandboxCLIRunner.runCommand(
            argv, policy: policy(for: config), cwd: config.cwd, executablePath: SandboxCommandBuilder.currentExecutable)
        throw ExitStatus(code: code)
    }

    static func policy(for config: Config) -> SandboxPolicy { SandboxSettings(config: config).policy }
}
