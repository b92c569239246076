import CodexBasics
public import CodexProtocol

/// Where one connection's incoming messages come from: the only part of a transport that differs.
public enum ConnectionInput: Sendable {
    /// Newline-delimited JSON read from a file descriptor (stdio).
    case lines(fileDescriptor: Int32)
    /// Messages already framed by the transport (a WebSocket's text frames), one JSON value each.
    case messages(AsyncStream<JSONLineReader.Element>)
}

/// Where one connection's outgoing messages go. Each call passes one serialized JSON-RPC message ending
/// in `\n`; the output frames it (a line on stdio, a text frame on a WebSocket).
protocol ConnectionOutput: Sendable {
    /// Queues one message; false when the output is known to be broken (the message is dropped).
    nonisolated(nonsending) func write(lineBytes: [UInt8]) async -> Bool
    /// Waits until every queued message was handed to the operating system (or the output broke).
    func flush() async
}

extension LineWriter: ConnectionOutput {}

extension ConnectionOutput {
    /// `write(lineBytes:)` for a message serialized as a String (ending in `\n`).
    @discardableResult
    nonisolated(nonsending) func write(_ line: String) async -> Bool {
        await write(lineBytes: Array(line.utf8))
    }
}
