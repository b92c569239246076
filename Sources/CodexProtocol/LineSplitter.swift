/// One unit cut from a byte stream by `LineSplitter`.
public enum SplitLine: Sendable, Equatable {
    /// A complete line without its `\n` (a trailing `\r` is removed too).
    case line([UInt8])
    /// A line longer than the limit; its bytes were dropped, `byteCount` says how many.
    case tooLong(byteCount: Int)
}

/// Cuts a byte stream into `\n`-terminated lines, with a cap so one huge line cannot exhaust memory.
public struct LineSplitter: Sendable {
    /// Default cap on one line: large enough for any real message, small enough to bound memory.
    public static let defaultMaxLineBytes = 64 << 20

    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var scanFrom = 0
    private var droppedBytes: Int?

    public init(maxLineBytes: Int = LineSplitter.defaultMaxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds bytes in and returns every line they complete, in order.
    public mutating func append(_ bytes: some Collection<UInt8>) -> [SplitLine] {
        var lines: [SplitLine] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            if let dropped = droppedBytes {
                // Inside an over-long line: skip to its end.
                if let newline = rest.firstIndex(of: 0x0A) {
                    lines.append(.tooLong(byteCount: dropped + rest.distance(from: rest.startIndex, to: newline)))
                    droppedBytes = nil
                    rest = rest[rest.index(after: newline)...]
                } else {
                    droppedBytes = dropped + rest.count
                    rest = rest[rest.endIndex...]
                }
                continue
            }
            buffer.append(contentsOf: rest)
            rest = rest[rest.endIndex...]
            var lineStart = 0
            while let newline = buffer[scanFrom...].firstIndex(of: 0x0A) {
                let length = newline - lineStart
                lines.append(
                    length > maxLineBytes
                        ? .tooLong(byteCount: length) : .line(Self.trimCR(buffer[lineStart..<newline])))
                lineStart = newline + 1
                scanFrom = lineStart
            }
            if lineStart > 0 { buffer.removeSubrange(0..<lineStart) }
            scanFrom = buffer.count
            if buffer.count > maxLineBytes {
                droppedBytes = buffer.count
                buffer.removeAll(keepingCapacity: false)
                scanFrom = 0
            }
        }
        return lines
    }

    /// At end of input: the unterminated last line, if any.
    public mutating func finish() -> SplitLine? {
        defer {
            buffer.removeAll()
            scanFrom = 0
            droppedBytes = nil
        }
        if let dropped = droppedBytes { return .tooLong(byteCount: dropped) }
        return buffer.isEmpty ? nil : .line(Self.trimCR(buffer[...]))
    }

    private static func trimCR(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.last == 0x0D ? Array(bytes.dropLast()) : Array(bytes)
    }
}
