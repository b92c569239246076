public import ArgumentParser
import CodexCore
import CodexMCPServer
import FoundationEssentials

/// `codex mcp-server`: Codex as an MCP server over stdio.
public struct MCPServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mcp-server",
        abstract: "Run Codex as an MCP server (stdio) offering the `codex` and `codex-reply` tools."
    )

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try await Self.serve(ConfigBootstrap(global: global))
    }

    /// Serves stdio until the client closes it; shared by the parsed command and `DirectInvocation`.
    static func serve(_ bootstrap: ConfigBootstrap) async throws {
        _ = try bootstrap.load()
        let environment = ProcessInfo.processInfo.environment
        let options = try bootstrap.loadOptions(
            environment: environment, processCwd: FileManager.default.currentDirectoryPath)
        let runtime = MCPServerRuntime(
            loadOptions: options, cliVersion: CodexCommand.version, environment: environment, tools: ToolRouter())
        let code = await runtime.serve()
        if code != 0 { throw ExitStatus(code: code) }
    }
}
