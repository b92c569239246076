public import ArgumentParser

/// The root of the `codex` command tree.
public struct CodexCommand: AsyncParsableCommand {
    /// Our own release number (semver); `--version` prints `codex-cli <version>`.
    public static let version = "0.1.0"
    /// What `--version` prints, as a static string so it can be written before any Swift string exists
    /// (`CodexEntryPoint.answerVersionRequest`); a test keeps it equal to `codex-cli <version>`.
    public static let versionLine: StaticString = "codex-cli 0.1.0\n"

    public static let configuration = CommandConfiguration(
        commandName: "codex",
        abstract: "Codex CLI: a coding agent that runs tasks in your repository (Swift implementation).",
        version: "codex-cli \(version)",
        subcommands: [
            ExecCommand.self, AppServerCommand.self, MCPServerCommand.self, LoginCommand.self, LogoutCommand.self,
            SandboxCommand.self,
        ]
    )

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        _ = try ConfigBootstrap(global: global).load()
        StandardError.writeLine(
            "codex: the interactive UI is not implemented yet; run `codex exec \"task\"` for a non-interactive run")
        throw ExitStatus(code: 2)
    }
}
