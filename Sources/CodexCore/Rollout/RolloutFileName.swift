public import FoundationEssentials

/// The name of a rollout file, `rollout-YYYY-MM-DDTHH-MM-SS-<thread id>.jsonl` (local time).
public struct RolloutFileName: Sendable, Hashable, Comparable {
    /// The local-time stamp, `2026-11-22T01-51-09`.
    public let stamp: String
    public let threadID: ThreadID

    public init(stamp: String, threadID: ThreadID) {
        self.stamp = stamp
        self.threadID = threadID
    }

    /// The name for a thread created at `date`.
    public init(threadID: ThreadID, createdAt date: Date) {
        self.init(stamp: RolloutClock.fileStamp(date), threadID: threadID)
    }

    /// Parses a file name; nil when it is not a rollout name.
    public init?(parsing name: String) {
        let bytes = Array(name.utf8)
        guard bytes.count == 70, bytes[27] == UInt8(ascii: "-"), bytes[..<8].elementsEqual("rollout-".utf8),
            bytes[64...].elementsEqual(".jsonl".utf8)
        else { return nil }
        let stamp = String(decoding: bytes[8..<27], as: UTF8.self)
        guard RolloutClock.isFileStamp(stamp), let id = ThreadID(String(decoding: bytes[28..<64], as: UTF8.self)) else {
            return nil
        }
        self.init(stamp: stamp, threadID: id)
    }

    public var name: String { "rollout-\(stamp)-\(threadID.rawValue).jsonl" }

    /// The `YYYY/MM/DD` folders (under `sessions/`) this file belongs in, taken from its stamp.
    public var dayFolders: [String] {
        [String(stamp.prefix(4)), String(stamp.dropFirst(5).prefix(2)), String(stamp.dropFirst(8).prefix(2))]
    }

    /// The creation time the stamp names (second precision).
    public var createdAt: Date? { RolloutClock.parseFileStamp(stamp) }

    /// Orders by stamp, then id: the order listings use (newest is greatest).
    public static func < (lhs: RolloutFileName, rhs: RolloutFileName) -> Bool {
        (lhs.stamp, lhs.threadID.rawValue) < (rhs.stamp, rhs.threadID.rawValue)
    }
}
