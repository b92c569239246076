/// The open sessions of one thread: ids, last use, and which session to close when the store is full.
///
/// Pure bookkeeping (no I/O), generic over what a session holds. As in the reference, at most
/// `capacity` (64) sessions stay open; adding one more first prunes the least recently used session
/// outside the 8 most recently used, preferring one whose process has already exited.
struct UnifiedExecSessionStore<Session> {
    /// One stored session.
    struct Entry {
        var id: Int
        var session: Session
        var lastUsed: UInt64
        var hasExited: Bool
    }

    static var defaultCapacity: Int { 64 }
    /// Sessions never pruned: the most recently used ones.
    static var protectedCount: Int { 8 }

    let capacity: Int
    private(set) var entries: [Int: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int = Self.defaultCapacity) {
        self.capacity = max(capacity, Self.protectedCount + 1)
    }

    var count: Int { entries.count }

    /// A fresh id in 1000..<100000 that no open session uses (random, as the reference's).
    func newID(using generator: inout some RandomNumberGenerator) -> Int {
        while true {
            let id = Int.random(in: 1000..<100_000, using: &generator)
            if entries[id] == nil { return id }
        }
    }

    /// Stores a session; returns the session pruned to make room, if any (the caller terminates it).
    mutating func insert(_ session: Session, id: Int) -> Session? {
        var pruned: Session?
        if entries.count >= capacity, let victim = pruneCandidate() {
            pruned = entries.removeValue(forKey: victim)?.session
        }
        clock += 1
        entries[id] = Entry(id: id, session: session, lastUsed: clock, hasExited: false)
        return pruned
    }

    /// The session with `id`, marked as just used; nil when there is none.
    mutating func use(_ id: Int) -> Session? {
        guard entries[id] != nil else { return nil }
        clock += 1
        entries[id]?.lastUsed = clock
        return entries[id]?.session
    }

    /// Records that a session's process ended (it becomes the first to prune).
    mutating func markExited(_ id: Int) {
        entries[id]?.hasExited = true
    }

    @discardableResult
    mutating func remove(_ id: Int) -> Session? {
        entries.removeValue(forKey: id)?.session
    }

    /// Empties the store, returning every session (the caller terminates them).
    mutating func removeAll() -> [Session] {
        let sessions = entries.values.sorted { $0.id < $1.id }.map(\.session)
        entries = [:]
        return sessions
    }

    /// The least recently used session outside the protected most recent ones, an exited one first.
    func pruneCandidate() -> Int? {
        let byRecency = entries.values.sorted { $0.lastUsed > $1.lastUsed }
        let protected = Set(byRecency.prefix(Self.protectedCount).map(\.id))
        let oldestFirst = byRecency.reversed().filter { !protected.contains($0.id) }
        return (oldestFirst.first(where: \.hasExited) ?? oldestFirst.first)?.id
    }
}
