import CodexProtocol

/// Where appending to an existing rollout goes on: the file's line format and, for a paginated file,
/// the next `ordinal`.
struct RolloutAppendPosition: Sendable, Hashable {
    var mode: RolloutHistoryMode
    var nextOrdinal: Int64

    /// Reads the file's `session_meta` (from its head) and its last ordinal (from its tail, growing the
    /// window until a complete line with an ordinal is found).
    /// - Throws: `RolloutError.io` when the file cannot be read; `.malformedRollout` without a `session_meta`.
    static func find(path: String) throws(RolloutError) -> RolloutAppendPosition {
        let head = try POSIXFile.readFile(path, limit: RolloutHeadScanner.maxBytes)
        guard let meta = RolloutHeadScanner.scan(bytes: head, reachedEnd: head.count < RolloutHeadScanner.maxBytes).0.meta
        else { throw .malformedRollout(path: path, reason: "no session_meta line") }
        guard meta.historyMode == .paginated else { return RolloutAppendPosition(mode: .legacy, nextOrdinal: 0) }
        var window = 1 << 16
        while true {
            let (bytes, isWholeFile) = try POSIXFile.readTail(path, maxBytes: window)
            if let last = lastOrdinal(in: bytes, firstLineIsComplete: isWholeFile) {
                return RolloutAppendPosition(mode: .paginated, nextOrdinal: last + 1)
            }
            if isWholeFile { return RolloutAppendPosition(mode: .paginated, nextOrdinal: countLines(bytes)) }
            window *= 4
        }
    }

    /// The `ordinal` of the last line that has one, scanning backwards.
    static func lastOrdinal(in bytes: [UInt8], firstLineIsComplete: Bool) -> Int64? {
        bytes.withUnsafeBufferPointer { buffer -> Int64? in
            let skimmer = JSONObjectSkimmer(bytes: buffer)
            var end = buffer.count
            while end > 0 {
                var start = end - 1
                while start > 0 && buffer[start - 1] != UInt8(ascii: "\n") { start -= 1 }
                if start == 0 && !firstLineIsComplete { return nil }
                if start < end, let members = skimmer.members(in: start..<end, wanted: ["ordinal"]),
                    let range = members["ordinal"], let ordinal = skimmer.value(in: range)?.intValue
                {
                    return ordinal
                }
                end = start > 0 ? start - 1 : 0
            }
            return nil
        }
    }

    private static func countLines(_ bytes: [UInt8]) -> Int64 {
        var count: Int64 = 0
        for byte in bytes where byte == UInt8(ascii: "\n") { count += 1 }
        return count
    }
}
