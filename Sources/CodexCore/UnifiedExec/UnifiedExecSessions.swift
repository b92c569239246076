/// One open exec session: its process and the command item it reports to.
final class UnifiedExecSession: Sendable {
    let process: UnifiedExecProcess
    /// The `exec_command` call's item (in progress); output deltas and the end go to it.
    let item: CommandExecutionItem
    let startedAt: ContinuousClock.Instant

    init(process: UnifiedExecProcess, item: CommandExecutionItem, startedAt: ContinuousClock.Instant) {
        self.process = process
        self.item = item
        self.startedAt = startedAt
    }
}

/// The exec sessions of every thread, by thread id; each thread has its own `UnifiedExecSessionStore`.
actor UnifiedExecSessions {
    private var stores: [String: UnifiedExecSessionStore<UnifiedExecSession>] = [:]
    private var generator = SystemRandomNumberGenerator()

    /// Stores a new session under a fresh id; a session pruned to make room is killed.
    func insert(_ session: UnifiedExecSession, threadID: String) -> Int {
        var store = stores[threadID] ?? UnifiedExecSessionStore()
        for entry in store.entries.values where entry.session.process.exitCode != nil { store.markExited(entry.id) }
        let id = store.newID(using: &generator)
        let pruned = store.insert(session, id: id)
        stores[threadID] = store
        pruned?.process.terminate()
        return id
    }

    /// The thread's session `id`, marked as used.
    func use(_ id: Int, threadID: String) -> UnifiedExecSession? {
        stores[threadID]?.use(id)
    }

    /// Forgets a session whose process ended.
    func remove(_ id: Int, threadID: String) {
        stores[threadID]?.remove(id)
    }

    /// Kills every session of the thread, keeping them stored; returns them.
    func killAll(threadID: String) -> [UnifiedExecSession] {
        let sessions = stores[threadID]?.entries.values.sorted { $0.id < $1.id }.map(\.session) ?? []
        for session in sessions { session.process.terminate() }
        return sessions
    }

    /// Kills and forgets every session of the thread; returns them.
    @discardableResult
    func terminateAll(threadID: String) -> [UnifiedExecSession] {
        let sessions = stores[threadID]?.removeAll() ?? []
        stores[threadID] = nil
        for session in sessions { session.process.terminate() }
        return sessions
    }
}
