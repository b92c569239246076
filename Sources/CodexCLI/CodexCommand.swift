public import ArgumentParser

/// The root of the `codex` command tree.
public struct CodexCommand: AsyncParsableCommand {
    /// The version we report: the reference release whose protocol this build implements (clients gate newer
    /// options on it, e.g. the Python SDK wants 0.151.0 or later). Rollouts, threads and user agents carry it.
    public static let version = "0.163.0"
    /// This implementation's own release (semver), named beside `version` where there is room for it.
    public static let buildVersion = "0.1.0"
    /// What `--version` prints: `codex-cli <version> (swiftcodex <buildVersion>)`; a parser of the reference's
    /// `codex-cli X.Y.Z` still reads the second word as the version. See docs/protocol-coverage.md.
    public static let versionText = "codex-cli \(version) (swiftcodex \(buildVersion))"
    /// `versionText` and a newline as a static string, so it can be written before any Swift string exists
    /// (`CodexEntryPoint.answerVersionRequest`); a test keeps the two equal.
    public static let versionLine: StaticString = "codex-cli 0.163.0 (swiftcodex 0.1.0)\n"

    public static let configuration = CommandConfiguration(
        commandName: "codex",
        abstract: "Codex CLI: a coding agent that runs tasks in your repository (Swift implementation).",
        version: versionText,
        subcommands: [
            ExecCommand.self, AppServerCommand.self, MCPServerCommand.self, LoginCommand.self, LogoutCommand.self,
            SandboxCommand.self, ExecPolicyCommand.self, ReviewCommand.self, MCPCommand.self,
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
