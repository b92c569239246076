import FoundationEssentials

/// A stored thread as listings show it.
public struct ThreadSummary: Sendable, Hashable {
    public var id: ThreadID
    /// The rollout file.
    public var path: String
    /// The first user message, or "" when none was found in the head of the file.
    public var preview: String
    /// Unix seconds: the `session_meta` timestamp (else the file-name stamp).
    public var createdAt: Int64
    /// Unix seconds: the file's modification time.
    public var updatedAt: Int64
    public var cwd: String
    public var modelProvider: String?
    public var cliVersion: String
    public var source: SessionSource
    public var originator: String
    public var forkedFromID: ThreadID?
    public var git: GitInfo?
    /// True when the file lives in `archived_sessions/`.
    public var archived: Bool
}

/// Which time listings sort by (newest first).
public enum ThreadSortKey: Sendable, Hashable {
    /// The creation stamp in the file name.
    case createdAt
    /// The file's modification time.
    case updatedAt
}

/// What to list, and from where to continue.
public struct ThreadListQuery: Sendable, Hashable {
    /// Threads per page (at least 1).
    public var pageSize: Int
    /// A `nextCursor` from the previous page; nil for the first page.
    public var cursor: String?
    public var sortKey: ThreadSortKey
    /// True lists only archived threads, false only active ones.
    public var archived: Bool
    /// Only threads started in exactly this folder.
    public var cwd: String?
    /// Only these providers; nil or empty means any.
    public var modelProviders: Set<String>?
    /// Only these `SessionSource.kind`s; nil or empty means any (a front end picks its own default).
    public var sourceKinds: Set<String>?
    /// At most this many files are opened per call.
    public var scanCap: Int

    public init(
        pageSize: Int = 25, cursor: String? = nil, sortKey: ThreadSortKey = .createdAt, archived: Bool = false,
        cwd: String? = nil, modelProviders: Set<String>? = nil, sourceKinds: Set<String>? = nil, scanCap: Int = 10_000
    ) {
        self.pageSize = pageSize
        self.cursor = cursor
        self.sortKey = sortKey
        self.archived = archived
        self.cwd = cwd
        self.modelProviders = modelProviders
        self.sourceKinds = sourceKinds
        self.scanCap = scanCap
    }

    func accepts(_ summary: ThreadSummary) -> Bool {
        if let cwd, summary.cwd != cwd { return false }
        if let modelProviders, !modelProviders.isEmpty {
            guard let provider = summary.modelProvider, modelProviders.contains(provider) else { return false }
        }
        if let sourceKinds, !sourceKinds.isEmpty, !sourceKinds.contains(summary.source.kind) { return false }
        return true
    }
}

/// One page of a listing.
public struct ThreadListPage: Sendable, Hashable {
    public var threads: [ThreadSummary]
    /// Pass back as `ThreadListQuery.cursor` for the next page; nil when this was the last one.
    public var nextCursor: String?
    /// True when the scan cap stopped the scan before the page was full.
    public var reachedScanCap: Bool
}

/// A position in a listing: the sort time and the thread id of the last thread seen.
///
/// Written as `<stamp>|<id>`: the file-name stamp when sorting by creation, the modification
/// time as a UTC line timestamp when sorting by update. Opaque to clients.
struct ThreadListCursor: Sendable, Hashable {
    /// The file-name stamp (creation) or milliseconds since 1970 (update), as a sortable key.
    let key: SortKey
    let threadID: ThreadID

    enum SortKey: Sendable, Hashable, Comparable {
        case stamp(String)
        case milliseconds(Int64)
    }

    init(key: SortKey, threadID: ThreadID) {
        self.key = key
        self.threadID = threadID
    }

    init?(parsing text: String, sortKey: ThreadSortKey) {
        guard let bar = text.lastIndex(of: "|"), let id = ThreadID(String(text[text.index(after: bar)...])) else {
            return nil
        }
        let keyText = String(text[..<bar])
        switch sortKey {
        case .createdAt:
            guard RolloutClock.parseFileStamp(keyText) != nil else { return nil }
            key = .stamp(keyText)
        case .updatedAt:
            guard let date = RolloutClock.parseLineTimestamp(keyText) else { return nil }
            key = .milliseconds(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
        threadID = id
    }

    var text: String {
        switch key {
        case .stamp(let stamp): return "\(stamp)|\(threadID.rawValue)"
        case .milliseconds(let milliseconds):
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            return "\(RolloutClock.lineTimestamp(date))|\(threadID.rawValue)"
        }
    }

    /// True when `self` sorts before `other` in newest-first order.
    func isNewer(than other: ThreadListCursor) -> Bool {
        (key, threadID.rawValue) > (other.key, other.threadID.rawValue)
    }
}
