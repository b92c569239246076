import CodexProtocol

/// The two command lines that are answered without the argument parser: `codex --version` and a bare
/// `codex app-server`, which editor extensions spawn for every window.
///
/// Parsing with ArgumentParser reflects over the whole command tree, and each type it looks up costs the Swift
/// runtime a scan of every protocol conformance in the binary: about a third of app-server start-up. These two
/// exact forms carry no options, so they skip it and run the same code the parsed commands run. Any other
/// command line, including these with an option added, goes through the parser.
enum DirectInvocation: Equatable {
    case version
    case appServer

    /// The direct form `arguments` (argv without argv[0]) spells, if any.
    static func recognize(_ arguments: [String]) -> DirectInvocation? {
        switch arguments {
        case ["--version"], ["-V"]: return .version
        case ["app-server"]: return .appServer
        default: return nil
        }
    }

    /// Answers the forms that need no async runtime (`--version`) and returns their exit status; nil for the
    /// others. Called before any task or thread exists, so such a run never starts one.
    func runWithoutRuntime() -> Int32? {
        guard self == .version else { return nil }
        StandardStreams.writeOutput("codex-cli \(CodexCommand.version)\n")
        return 0
    }

    /// Runs it and returns the exit status.
    func run() async -> Int32 {
        if let status = runWithoutRuntime() { return status }
        switch self {
        case .version:
            return 0
        case .appServer:
            do {
                try await AppServerCommand.serve(ConfigBootstrap(settings: GlobalSettings()))
                return 0
            } catch let status as ExitStatus {
                return status.code
            } catch {
                StandardError.writeLine("Error: \(error)")
                return 1
            }
        }
    }
}
