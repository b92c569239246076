import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A line of newline-delimited JSON that could not be used, with its 1-based line number.
public struct MalformedLine: Error, Sendable, Equatable, CustomStringConvertible {
    public let lineNumber: Int
    public let reason: String

    public var description: String { "line \(lineNumber): \(reason)" }

    public init(lineNumber: Int, reason: String) {
        self.lineNumber = lineNumber
        self.reason = reason
    }
}

/// Reads newline-delimited JSON from a file descriptor as an async sequence.
///
/// Each element is one line: its parsed value, or a `MalformedLine` naming what was wrong (not JSON,
/// invalid UTF-8, too deep, too long). A bad line never ends the sequence; only end of input or a
/// read error does. Blank lines are skipped. Reads block a private dispatch queue, never the
/// cooperative thread pool.
public struct JSONLineReader: AsyncSequence, Sendable {
    public typealias Element = Result<JSONValue, MalformedLine>

    private let fileDescriptor: Int32
    private let maxLineBytes: Int
    private let maxDepth: Int

    public init(
        fileDescriptor: Int32, maxLineBytes: Int = LineSplitter.defaultMaxLineBytes,
        maxDepth: Int = JSONParser.defaultMaxDepth
    ) {
        self.fileDescriptor = fileDescriptor
        self.maxLineBytes = maxLineBytes
        self.maxDepth = maxDepth
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(fileDescriptor: fileDescriptor, splitter: LineSplitter(maxLineBytes: maxLineBytes), maxDepth: maxDepth)
    }

    /// Iterates lines; `next()` throws only for a failed read(2).
    public struct Iterator: AsyncIteratorProtocol {
        let fileDescriptor: Int32
        var splitter: LineSplitter
        let maxDepth: Int
        var pending: [SplitLine] = []
        var lineNumber = 0
        var reachedEnd = false
        let queue = DispatchQueue(label: "codex.json-line-reader")

        init(fileDescriptor: Int32, splitter: LineSplitter, maxDepth: Int) {
            self.fileDescriptor = fileDescriptor
            self.splitter = splitter
            self.maxDepth = maxDepth
        }

        public mutating func next() async throws -> Element? {
            while true {
                if !pending.isEmpty {
                    let line = pending.removeFirst()
                    lineNumber += 1
                    if let element = decode(line) { return element }
                    continue
                }
                if reachedEnd { return nil }
                let chunk = try await readChunk()
                if chunk.isEmpty {
                    reachedEnd = true
                    if let last = splitter.finish() { pending.append(last) }
                } else {
                    pending.append(contentsOf: splitter.append(chunk))
                }
            }
        }

        private func decode(_ line: SplitLine) -> Element? {
            switch line {
            case .tooLong(let count):
                return .failure(MalformedLine(lineNumber: lineNumber, reason: "line of \(count) bytes exceeds the limit"))
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
                do {
                    return .success(try JSONParser.parse(bytes: bytes, maxDepth: maxDepth))
                } catch {
                    return .failure(MalformedLine(lineNumber: lineNumber, reason: "invalid JSON: \(error)"))
                }
            }
        }

        private func readChunk() async throws -> [UInt8] {
            let fd = fileDescriptor
            return try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                    while true {
                        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                        if count >= 0 {
                            continuation.resume(returning: Array(buffer[0..<count]))
                            return
                        }
                        if errno == EINTR { continue }
                        continuation.resume(throwing: ReadError(errno: errno))
                        return
                    }
                }
            }
        }
    }

    /// read(2) failed with this errno.
    public struct ReadError: Error, Sendable, Equatable {
        public let errno: Int32
    }
}
