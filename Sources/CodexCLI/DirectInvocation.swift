/// The command line answered without the argument parser: a bare `codex app-server`, which editor extensions
/// spawn for every window, or a bare `codex mcp-server`, which MCP clients spawn per session. (`codex --version` is answered even earlier, by `CodexEntryPoint.answerVersionRequest`.)
///
/// Parsing with ArgumentParser reflects over the whole command tree, and each type it looks up costs the Swift
/// runtime a scan of every protocol conformance in the binary: about a third of app-server start-up. This exact
/// form carries no options, so it skips the parser and runs the same code the parsed command runs. Any other
/// command line, including this one with an option added, goes through the parser.
enum DirectInvocation: Equatable {
    case appServer
    case mcpServer

    /// The direct form `arguments` (argv without argv[0]) spells, if any.
    static func recognize(_ arguments: [String]) -> DirectInvocation? {
        switch arguments {
        case ["app-server"]: return .appServer
        case ["mcp-server"]: return .mcpServer
        default: return nil
        }
    }

    /// Runs it and returns the exit status.
    func run() async -> Int32 {
        do {
            switch self {
            case .appServer: try await AppServerCommand.serve(ConfigBootstrap(settings: GlobalSettings()))
            case .mcpServer: try await MCPServerCommand.serve(ConfigBootstrap(settings: GlobalSettings()))
            }
            return 0
        } catch let status as ExitStatus {
            return status.code
        } catch {
            StandardError.writeLine("Error: \(error)")
            return 1
        }
    }
}
