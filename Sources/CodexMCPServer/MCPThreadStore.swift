import CodexCore

/// The threads loaded in this server process, by id.
actor MCPThreadStore {
    private var threads: [String: AgentThread] = [:]
    /// Ids being reopened from their rollout right now.
    private var reopening: Set<String> = []

    func add(_ thread: AgentThread) {
        threads[thread.threadID] = thread
    }

    func thread(_ id: String) -> AgentThread? { threads[id] }

    /// Claims `id` for a reopen from disk; false when it is loaded or another call is reopening it.
    func claimReopen(_ id: String) -> Bool {
        guard threads[id] == nil, !reopening.contains(id) else { return false }
        reopening.insert(id)
        return true
    }

    /// Ends a reopen: the thread (nil when it failed) is added.
    func finishReopen(_ id: String, thread: AgentThread?) {
        reopening.remove(id)
        if let thread { threads[id] = thread }
    }

    /// Interrupts every running turn (the client went away).
    func interruptAll() async {
        for thread in threads.values { await thread.interrupt() }
    }

    /// Shuts every thread down (its rollout flushed).
    func shutdownAll() async {
        for thread in threads.values { await thread.shutdown() }
    }
}
