public import ArgumentParser

/// `codex mcp-server`: Codex as an MCP server over stdio.
public struct MCPServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mcp-server",
        abstract: "Run Codex as an MCP server (stdio) offering the `codex` and `codex-reply` tools."
    )

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        _ = try ConfigBootstrap(global: global).load()
        throw NotImplemented.exit("mcp-server")
    }
}
