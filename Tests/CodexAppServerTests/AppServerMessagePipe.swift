import CodexTestSupport

/// The channel an `AppServerClient` talks over: a spawned server's stdio, or a WebSocket.
protocol AppServerMessagePipe: Sendable {
    /// The next message from the server; nil once it closed its side.
    func nextMessage(timeout: Duration) async throws -> String?
    /// Sends one message (without framing: the pipe adds it).
    func send(_ message: String) async throws
    /// What to show when the server went away (stderr so far, for a process).
    var diagnostics: String { get }
}

extension RunningProcess: AppServerMessagePipe {
    func nextMessage(timeout: Duration) async throws -> String? {
        try await nextStdoutLine(timeout: timeout)
    }

    func send(_ message: String) async throws {
        try await write(message + "\n")
    }

    var diagnostics: String { "stderr: \(stderrSoFar)" }
}

extension WebSocketTestClient: AppServerMessagePipe {
    func nextMessage(timeout: Duration) async throws -> String? {
        try await nextText(timeout: timeout)
    }

    func send(_ message: String) async throws {
        try await send(text: message)
    }

    var diagnostics: String { "the websocket closed" }
}
