import FoundationEssentials
import Synchronization

/// The server's recent diagnostic lines, kept in memory (the last 4 MiB) for `feedback/upload` to
/// attach as `codex-logs.log` when the user agrees to send logs. Each line is timestamped (UTC).
final class FeedbackLogBuffer: Sendable {
    /// The process's buffer: `AppServerMain.logToStandardError` writes every diagnostic line here too.
    static let shared = FeedbackLogBuffer(capacity: 4 * 1024 * 1024)

    private let capacity: Int
    private let storage = Mutex<[UInt8]>([])

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Appends one line (a newline is added), dropping the oldest bytes past the capacity.
    func append(_ message: String) {
        let stamp = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let line = Array("\(stamp) \(message)\n".utf8)
        storage.withLock { bytes in
            if line.count >= capacity {
                bytes = Array(line.suffix(capacity))
                return
            }
            let overflow = bytes.count + line.count - capacity
            if overflow > 0 { bytes.removeFirst(overflow) }
            bytes += line
        }
    }

    /// What the buffer holds now.
    func snapshot() -> [UInt8] { storage.withLock { $0 } }
}
