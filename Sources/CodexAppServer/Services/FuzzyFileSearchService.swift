import CodexProtocol
import Synchronization

/// `fuzzyFileSearch` and its experimental session form (`fuzzyFileSearch/sessionStart`,
/// `sessionUpdate`, `sessionStop`), answered as the reference answers them: the whole tree under the
/// roots is walked (see `FileTreeWalker`), every file and folder is scored (see `FuzzyScorer`), and
/// the best 50 come back by score, then path. A one-shot request walks afresh; a session walks once
/// and answers each update from its index.
///
/// A newer one-shot request with the same `cancellationToken` stops an older one, which then answers
/// with no files.
final class FuzzyFileSearchService: Sendable {
    /// The latest generation per cancellation token (entries leave when their search ends).
    private let generations = Mutex<[String: Int]>([:])
    /// Running sessions by connection and session id.
    private let sessions = Mutex<[SessionKey: FuzzyFileSearchSession]>([:])
    private let globalRules: IgnoreRules?
    private let workers: Int

    struct SessionKey: Hashable {
        let connection: ObjectIdentifier
        let sessionID: String
    }

    init(globalRules: IgnoreRules? = GlobalGitExcludes.load(), workers: Int = FileTreeWalker.defaultWorkers) {
        self.globalRules = globalRules
        self.workers = workers
    }

    func search(_ params: AppServerV2.FuzzyFileSearchParams) async -> AppServerV2.FuzzyFileSearchResponse {
        guard !params.query.isEmpty, !params.roots.isEmpty else { return AppServerV2.FuzzyFileSearchResponse(files: []) }
        let token = params.cancellationToken
        let generation = token.map { token in
            generations.withLock { table in
                let next = table[token, default: 0] + 1
                table[token] = next
                return next
            }
        }
        defer {
            if let token, let generation {
                generations.withLock { table in if table[token] == generation { table[token] = nil } }
            }
        }
        let isCancelled: @Sendable () -> Bool = {
            guard let token, let generation else { return Task.isCancelled }
            return Task.isCancelled || self.generations.withLock { $0[token] != generation }
        }
        let walker = FileTreeWalker(roots: params.roots, globalRules: globalRules, workers: workers)
        guard let index = await walker.walk(isCancelled: isCancelled),
            let files = await index.rank(FuzzyPattern(params.query), workers: workers, isCancelled: isCancelled)
        else { return AppServerV2.FuzzyFileSearchResponse(files: []) }
        return AppServerV2.FuzzyFileSearchResponse(files: files)
    }

    // MARK: - Sessions

    func startSession(
        _ params: AppServerV2.FuzzyFileSearchSessionStartParams, context: AppServerRequestContext
    ) throws(JSONRPCErrorObject) -> AppServerV2.FuzzyFileSearchSessionStartResponse {
        guard !params.roots.isEmpty else {
            throw .internalError("failed to start fuzzy file search session: at least one search directory is required")
        }
        let session = FuzzyFileSearchSession(
            id: params.sessionId,
            walker: FileTreeWalker(roots: params.roots, globalRules: globalRules, workers: workers),
            connection: context.connection, workers: workers)
        let key = SessionKey(connection: ObjectIdentifier(context.connection), sessionID: params.sessionId)
        let replaced = sessions.withLock { table in
            defer { table[key] = session }
            return table[key]
        }
        replaced?.stop()
        context.startAfterResponse { await session.run() }
        return AppServerV2.FuzzyFileSearchSessionStartResponse()
    }

    func updateSession(
        _ params: AppServerV2.FuzzyFileSearchSessionUpdateParams, context: AppServerRequestContext
    ) throws(JSONRPCErrorObject) -> AppServerV2.FuzzyFileSearchSessionUpdateResponse {
        let key = SessionKey(connection: ObjectIdentifier(context.connection), sessionID: params.sessionId)
        guard let session = sessions.withLock({ $0[key] }) else {
            throw .invalidRequest("fuzzy file search session not found: \(params.sessionId)")
        }
        if let generation = session.setQuery(params.query) {
            context.startAfterResponse { await session.answer(generation: generation) }
        }
        return AppServerV2.FuzzyFileSearchSessionUpdateResponse()
    }

    func stopSession(
        _ params: AppServerV2.FuzzyFileSearchSessionStopParams, context: AppServerRequestContext
    ) -> AppServerV2.FuzzyFileSearchSessionStopResponse {
        let key = SessionKey(connection: ObjectIdentifier(context.connection), sessionID: params.sessionId)
        sessions.withLock { $0.removeValue(forKey: key) }?.stop()
        return AppServerV2.FuzzyFileSearchSessionStopResponse()
    }

    /// Stops and forgets every session of a closed connection: their indexes are freed, and a later
    /// connection that happens to get the same identity never sees them.
    func connectionClosed(_ connection: AppServerConnection) {
        let closed = ObjectIdentifier(connection)
        let dropped = sessions.withLock { table -> [FuzzyFileSearchSession] in
            let keys = table.keys.filter { $0.connection == closed }
            return keys.compactMap { table.removeValue(forKey: $0) }
        }
        for session in dropped { session.stop() }
    }

    /// How many sessions are open (all connections).
    var openSessionCount: Int { sessions.withLock { $0.count } }
}
