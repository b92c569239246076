import CodexProtocol
import FoundationEssentials

/// Ends a command with a specific exit code after its message has already been printed.
struct ExitStatus: Error {
    let code: Int32
}

/// Writes to the process's standard error (stdout is a protocol channel for some subcommands).
enum StandardError {
    static func writeLine(_ message: String) {
        StandardStreams.writeError(message + "\n")
    }
}
