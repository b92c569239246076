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
    public init?(parsing name: some StringProtocol) {
        let prefix = "rollout-", suffix = ".jsonl"
        guard name.utf8.count == prefix.utf8.count + 19 + 1 + 36 + suffix.utf8.count,
            name.hasPrefix(prefix), name.hasSuffix(suffix)
        else { return nil }
        let body = name.dropFirst(prefix.count).dropLast(suffix.count)
        let stamp = String(body.prefix(19))
        guard body.dropFirst(19).first == "-", RolloutClock.parseFileStamp(stamp) != nil,
            let id = ThreadID(String(body.dropFirst(20)))
        else { return nil }
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
