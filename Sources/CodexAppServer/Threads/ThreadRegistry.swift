import CodexBasics
public import CodexCore
public import CodexProtocol

/// What the server keeps about one loaded thread.
public struct LoadedThread: Sendable {
    public let thread: AgentThread
    public let threadID: ThreadID
    /// The rollout file (nil for an ephemeral thread).
    public let rolloutPath: String?
    public let ephemeral: Bool
    /// Unix seconds.
    public let createdAt: Int64
    public let cliVersion: String
    public let forkedFromID: String?
    /// The first user message, or "" before the first turn.
    public var preview: String
    /// The turn in progress, if any.
    public var activeTurnID: String?
    /// Whether the turn in progress waits for the client's approval.
    public var waitingOnApproval = false
    /// The connections receiving the thread's notifications.
    public let subscribers = ThreadSubscribers()

    public init(
        thread: AgentThread, threadID: ThreadID, rolloutPath: String?, ephemeral: Bool, createdAt: Int64,
        cliVersion: String, forkedFromID: String? = nil, preview: String = ""
    ) {
        self.thread = thread
        self.threadID = threadID
        self.rolloutPath = rolloutPath
        self.ephemeral = ephemeral
        self.createdAt = createdAt
        self.cliVersion = cliVersion
        self.forkedFromID = forkedFromID
        self.preview = preview
    }

    /// `thread/status/changed`'s view: idle, or active with its flags.
    public var status: AppServerV2.ThreadStatus {
        guard activeTurnID != nil else { return .idle }
        return .active(activeFlags: waitingOnApproval ? [.waitingOnApproval] : [])
    }
}

/// The threads loaded in this server process, by id; shared by every handler.
public actor ThreadRegistry {
    private var threads: [String: LoadedThread] = [:]
    private var turnEndWaiters: [String: [OneShot<Void>]] = [:]
    private var turnCompletionGates: [String: [OneShot<Void>]] = [:]

    public init() {}

    /// Adds a thread (replacing one with the same id).
    public func add(_ thread: LoadedThread) {
        threads[thread.threadID.rawValue] = thread
    }

    /// The loaded thread with this id.
    public func thread(_ id: String) -> LoadedThread? { threads[id] }

    /// Whether the thread is loaded.
    public func isLoaded(_ id: String) -> Bool { threads[id] != nil }

    /// Loaded thread ids, sorted.
    public func loadedThreadIDs() -> [String] { threads.keys.sorted() }

    /// The thread's status as the API reports it (`notLoaded` when it is not loaded).
    public func status(of id: String) -> AppServerV2.ThreadStatus {
        threads[id]?.status ?? .notLoaded
    }

    /// Records that a turn began; sets the preview from its first text when the thread had none.
    func turnBegan(threadID: String, turnID: String, text: String) {
        threads[threadID]?.activeTurnID = turnID
        if threads[threadID]?.preview.isEmpty == true { threads[threadID]?.preview = text }
    }

    func setWaitingOnApproval(threadID: String, _ waiting: Bool) -> AppServerV2.ThreadStatus? {
        guard threads[threadID] != nil else { return nil }
        threads[threadID]?.waitingOnApproval = waiting
        return threads[threadID]?.status
    }

    /// A turn ended: wakes `turn/interrupt` callers and returns the gates `turn/completed` must wait for
    /// (each opens once the matching interrupt response is written).
    func turnEnded(threadID: String, turnID: String) -> [OneShot<Void>] {
        if threads[threadID]?.activeTurnID == turnID {
            threads[threadID]?.activeTurnID = nil
            threads[threadID]?.waitingOnApproval = false
        }
        let key = threadID + "/" + turnID
        for waiter in turnEndWaiters.removeValue(forKey: key) ?? [] { waiter.resolve(()) }
        return turnCompletionGates.removeValue(forKey: key) ?? []
    }

    /// Registers an interrupt of a running turn: `ended` fires when the turn is over; `turn/completed`
    /// is held until `responded` fires. Returns false when the turn is not the one in progress.
    func awaitTurnEnd(threadID: String, turnID: String, ended: OneShot<Void>, responded: OneShot<Void>) -> Bool {
        guard threads[threadID]?.activeTurnID == turnID else { return false }
        let key = threadID + "/" + turnID
        turnEndWaiters[key, default: []].append(ended)
        turnCompletionGates[key, default: []].append(responded)
        return true
    }

    /// Shuts a thread down (its turn interrupted, its rollout flushed) and forgets it.
    public func unload(_ id: String) async {
        guard let loaded = threads.removeValue(forKey: id) else { return }
        await loaded.thread.shutdown()
    }

    /// Interrupts every running turn, waits for each thread to flush its rollout, and forgets them all.
    public func shutdownAll() async {
        let all = threads.values.map(\.thread)
        threads = [:]
        await withTaskGroup(of: Void.self) { group in
            for thread in all { group.addTask { await thread.shutdown() } }
        }
    }
}
