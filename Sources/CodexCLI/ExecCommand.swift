public import ArgumentParser

/// `codex exec`: a non-interactive agent run.
public struct ExecCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run Codex non-interactively.",
        aliases: ["e"]
    )

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("full-auto"), help: "Low-friction sandboxed automatic execution (workspace-write).")
    public var fullAuto = false

    @Flag(
        name: [.customLong("dangerously-bypass-approvals-and-sandbox"), .customLong("yolo")],
        help: "Skip all confirmation prompts and execute commands without sandboxing. EXTREMELY DANGEROUS.")
    public var dangerouslyBypassApprovalsAndSandbox = false

    @Argument(help: "Initial instructions for the agent; `-` or omitted reads them from stdin.")
    public var prompt: String?

    public init() {}

    public func run() async throws {
        var bootstrap = ConfigBootstrap(global: global)
        bootstrap.fullAuto = fullAuto
        bootstrap.dangerouslyBypassApprovalsAndSandbox = dangerouslyBypassApprovalsAndSandbox
        _ = try bootstrap.load()
        throw NotImplemented.exit("exec")
    }
}
