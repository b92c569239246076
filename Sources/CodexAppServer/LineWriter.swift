import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole lines to a file descriptor, one at a time in call order, each with a single
/// write(2) (repeated only for a partial write). Blocking writes run on a private serial queue,
/// never on the cooperative pool. After a failed write (the reader went away) later lines are dropped.
final class LineWriter: Sendable {
    private let fileDescriptor: Int32
    private let queue = DispatchQueue(label: "codex.app-server.line-writer")
    private let failure = Mutex<Int32?>(nil)

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// The errno of the first failed write, if any.
    var failedErrno: Int32? { failure.withLock { $0 } }

    /// Writes `line` (which must end in `\n`); returns false when the output is broken.
    /// Completes even if the calling task is cancelled, so no line is ever cut short.
    @discardableResult
    func write(_ line: String) async -> Bool {
        let bytes = Array(line.utf8)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            queue.async {
                continuation.resume(returning: self.writeAll(bytes))
            }
        }
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        if failedErrno != nil { return false }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                posixWrite(fileDescriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                let code = written < 0 ? errno : EIO
                failure.withLock { $0 = $0 ?? code }
                return false
            }
        }
        return true
    }
}

/// write(2) under a name that does not clash with `LineWriter.write(_:)`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
