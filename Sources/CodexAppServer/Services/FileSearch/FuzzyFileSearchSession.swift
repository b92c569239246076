import CodexProtocol
import Synchronization

/// One `fuzzyFileSearch/sessionStart`: its walk, its index once walked, and its latest query. Each
/// query (and the end of the walk) is answered with `fuzzyFileSearch/sessionUpdated` (the matches of
/// the latest query; none for the empty query) followed by `fuzzyFileSearch/sessionCompleted`. An
/// answer overtaken by a newer query is dropped; a stopped session sends nothing more.
final class FuzzyFileSearchSession: Sendable {
    let id: String
    private let walker: FileTreeWalker
    private let connection: AppServerConnection
    private let workers: Int
    private let state = Mutex(State())

    private struct State {
        var index: FileIndex?
        var query = ""
        var generation = 0
        var stopped = false
        /// The last answered pattern and every entry it matched: a query typed on from it is ranked
        /// among those entries only.
        var previous: (pattern: FuzzyPattern, matches: [UInt32])?
    }

    init(id: String, walker: FileTreeWalker, connection: AppServerConnection, workers: Int) {
        self.id = id
        self.walker = walker
        self.connection = connection
        self.workers = workers
    }

    /// Bytes held by the walked index (nil before the walk ends).
    var indexMemoryBytes: Int? { state.withLock { $0.index?.memoryBytes } }

    /// Walks the roots, keeps the index, then answers the latest query.
    func run() async {
        let index = await walker.walk { self.state.withLock { $0.stopped } }
        guard let index else { return }
        let generation = state.withLock { state in
            state.index = index
            return state.generation
        }
        await answer(generation: generation)
    }

    /// Records a new query; returns its generation to answer when the index is ready (else the walk's
    /// end answers it).
    func setQuery(_ query: String) -> Int? {
        state.withLock { state in
            state.query = query
            state.generation += 1
            return state.index == nil || state.stopped ? nil : state.generation
        }
    }

    func stop() {
        state.withLock { $0.stopped = true }
    }

    /// Ranks the query of `generation` and sends the notifications, unless a newer query came first.
    func answer(generation: Int) async {
        let isStale: @Sendable () -> Bool = {
            self.state.withLock { $0.stopped || $0.generation != generation }
        }
        guard let (index, query) = state.withLock({ state in state.index.map { ($0, state.query) } }), !isStale()
        else { return }
        var files: [AppServerV2.FuzzyFileSearchResult] = []
        let pattern = FuzzyPattern(query)
        if !query.isEmpty {
            let previous = state.withLock { $0.previous }
            let candidates = previous.flatMap { pattern.narrows($0.pattern) ? $0.matches : nil }
            guard
                let ranking = await index.rank(
                    pattern, workers: workers, among: candidates, isCancelled: isStale)
            else { return }
            files = ranking.results
            state.withLock { state in
                if state.generation == generation { state.previous = (pattern, ranking.matches) }
            }
        }
        guard !isStale() else { return }
        await connection.notify(AppServerV2.FuzzyFileSearchSessionUpdatedNotification(sessionId: id, query: query, files: files))
        await connection.notify(AppServerV2.FuzzyFileSearchSessionCompletedNotification(sessionId: id))
    }
}
