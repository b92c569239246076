public import ArgumentParser

/// `codex sandbox [--] CMD...`: run one command under the configured Linux sandbox.
public struct SandboxCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a command under the Codex Linux sandbox (Landlock + seccomp)."
    )

    @OptionGroup public var global: GlobalOptions

    @Argument(parsing: .captureForPassthrough, help: "The program and its arguments.")
    public var command: [String] = []

    public init() {}

    public func run() async throws {
        _ = try ConfigBootstrap(global: global).load()
        throw NotImplemented.exit("sandbox")
    }
}
