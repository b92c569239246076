import Synchronization

/// Collects one output stream of a child process and hands it out line by line.
///
/// Keeps every byte (for `text`) and a separate cursor for `nextLine`, so reading lines never loses
/// output that assertions look at later.
final class OutputCollector: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var lineCursor = 0
        var finished = false
    }

    private let state = Mutex(State())
    private let changes = ChangeNotifier()

    func append(_ chunk: [UInt8]) {
        state.withLock { $0.bytes.append(contentsOf: chunk) }
        changes.notifyAll()
    }

    /// Marks end of stream; pending and future line reads see the rest, then nil.
    func finish() {
        state.withLock { $0.finished = true }
        changes.notifyAll()
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// Everything received so far, decoded as UTF-8 (invalid bytes replaced).
    var text: String { state.withLock { String(decoding: $0.bytes, as: UTF8.self) } }

    var bytes: [UInt8] { state.withLock { $0.bytes } }

    /// Waits for the next complete line (without `\n` or a trailing `\r`); at end of stream returns the
    /// unterminated rest if any, then nil.
    func nextLine() async throws -> String? {
        try await changes.wait { () -> String?? in
            state.withLock { state -> String?? in
                let rest = state.bytes[state.lineCursor...]
                if let newline = rest.firstIndex(of: 0x0A) {
                    var line = state.bytes[state.lineCursor..<newline]
                    if line.last == 0x0D { line = line.dropLast() }
                    state.lineCursor = newline + 1
                    return .some(String(decoding: line, as: UTF8.self))
                }
                guard state.finished else { return nil }
                if rest.isEmpty { return .some(nil) }
                state.lineCursor = state.bytes.count
                return .some(String(decoding: rest, as: UTF8.self))
            }
        }
    }

    /// Waits until the stream has ended.
    func waitForEnd() async throws {
        try await changes.wait { isFinished ? () : nil }
    }
}
