#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `codex app-server` entry point over stdio: serves one connection until stdin ends.
public enum AppServerMain {
    /// Runs the server on `input`/`output` with the given method handlers; returns the exit code
    /// (0 at end of input, 1 when reading failed). Ignores SIGPIPE so a vanished client cannot kill
    /// the process.
    public static func run(
        input: Int32 = 0, output: Int32 = 1, handlers: AppServerHandlers, initializer: InitializeResponder,
        configuration: AppServerConnection.Configuration = AppServerConnection.Configuration(log: logToStandardError)
    ) async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let connection = AppServerConnection(
            input: input, output: output, handlers: handlers, initializer: initializer, configuration: configuration)
        switch await connection.run() {
        case .endOfInput: return 0
        case .readFailed: return 1
        }
    }

    /// Writes one diagnostic line to stderr (and keeps it for `feedback/upload`'s `codex-logs.log`).
    @Sendable public static func logToStandardError(_ message: String) {
        FeedbackLogBuffer.shared.append(message)
        let line = Array("codex app-server: \(message)\n".utf8)
        line.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
