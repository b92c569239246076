import CodexConfig
import CodexCore
import CodexProtocol
import FoundationEssentials

/// `thread/list`, `thread/read`, `thread/archive`, `thread/unarchive` and `thread/name/set` over the
/// rollouts under CODEX_HOME (reading never loads a thread).
struct ThreadStorageService: Sendable {
    let host: any AppServerServiceHost
    let store: RolloutStore
    let names: ThreadNameIndex

    init(host: any AppServerServiceHost) {
        self.host = host
        store = RolloutStore(home: host.codexHome)
        names = ThreadNameIndex(codexHome: host.codexHome)
    }

    // MARK: thread/list

    func list(_ params: AppServerV2.ThreadListParams) async throws(JSONRPCErrorObject) -> AppServerV2.ThreadListResponse {
        let page = try ThreadListPlanner(params: params).page(in: store)
        let nameTable = names.names()
        var data: [AppServerV2.Thread] = []
        for summary in page.threads {
            data.append(await wireThread(summary, names: nameTable))
        }
        return AppServerV2.ThreadListResponse(data: data, nextCursor: page.nextCursor)
    }

    // MARK: thread/read

    func read(_ params: AppServerV2.ThreadReadParams) async throws(JSONRPCErrorObject) -> AppServerV2.ThreadReadResponse {
        let id = try Self.threadID(params.threadId)
        guard let path = store.rolloutPath(for: id) ?? store.archivedRolloutPath(for: id) else {
            guard let loaded = await host.loadedThread(id.rawValue) else {
                throw .invalidRequest("thread not loaded: \(id.rawValue)")
            }
            // Loaded but nothing persisted yet: 0.163.0 cannot list the turns of such a thread.
            if params.includeTurns { throw .methodNotFound("list_turns is not supported yet") }
            return AppServerV2.ThreadReadResponse(thread: loaded)
        }
        let rollout: LoadedRollout
        do {
            rollout = try RolloutReader.load(path: path, selection: .turns)
        } catch {
            throw .internalError("failed to read thread \(id.rawValue): \(error)")
        }
        var thread = await wireThread(rollout: rollout, names: names.names())
        if params.includeTurns { thread.turns = RolloutTurnBuilder.turns(from: rollout.lines) }
        return AppServerV2.ThreadReadResponse(thread: thread)
    }

    // MARK: archive / unarchive

    func archive(_ params: AppServerV2.ThreadArchiveParams, context: AppServerRequestContext)
        async throws(JSONRPCErrorObject) -> AppServerV2.ThreadArchiveResponse
    {
        let id = try Self.threadID(params.threadId)
        let loaded = await host.loadedThread(id.rawValue)
        await host.unloadThread(id.rawValue)
        do {
            try store.archive(id)
        } catch .threadNotFound {
            // A loaded thread that never ran a turn has no rollout yet; archiving it just unloads it.
            if loaded == nil { throw .invalidRequest("no rollout found for thread id \(id.rawValue)") }
        } catch {
            throw .internalError("failed to archive thread \(id.rawValue): \(error)")
        }
        notifyAfterResponse(context, AppServerV2.ThreadArchivedNotification(threadId: id.rawValue))
        return AppServerV2.ThreadArchiveResponse()
    }

    func unarchive(_ params: AppServerV2.ThreadUnarchiveParams, context: AppServerRequestContext)
        async throws(JSONRPCErrorObject) -> AppServerV2.ThreadUnarchiveResponse
    {
        let id = try Self.threadID(params.threadId)
        let path: String
        do {
            path = try store.unarchive(id)
        } catch .archivedThreadNotFound {
            throw .invalidRequest("no archived rollout found for thread id \(id.rawValue)")
        } catch {
            throw .internalError("failed to unarchive thread \(id.rawValue): \(error)")
        }
        let thread: AppServerV2.Thread
        do {
            thread = await wireThread(rollout: try RolloutReader.load(path: path), names: names.names())
        } catch {
            throw .internalError("failed to read thread \(id.rawValue): \(error)")
        }
        notifyAfterResponse(context, AppServerV2.ThreadUnarchivedNotification(threadId: id.rawValue))
        return AppServerV2.ThreadUnarchiveResponse(thread: thread)
    }

    // MARK: thread/name/set

    func setName(_ params: AppServerV2.ThreadSetNameParams, context: AppServerRequestContext)
        async throws(JSONRPCErrorObject) -> AppServerV2.ThreadSetNameResponse
    {
        let id = try Self.threadID(params.threadId)
        let name = String(params.name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !name.isEmpty else { throw .invalidRequest("thread name must not be empty") }
        let stored = store.rolloutPath(for: id) ?? store.archivedRolloutPath(for: id)
        if stored == nil, await host.loadedThread(id.rawValue) == nil {
            throw .invalidRequest("no rollout found for thread id \(id.rawValue)")
        }
        do {
            try names.setName(name, for: id.rawValue)
        } catch {
            throw .internalError("failed to save thread name: \(error)")
        }
        notifyAfterResponse(context, AppServerV2.ThreadNameUpdatedNotification(threadId: id.rawValue, threadName: name))
        return AppServerV2.ThreadSetNameResponse()
    }

    // MARK: Helpers

    /// Parses a thread id; a bad one gets the reference's wording (the uuid parser's message for a
    /// bad character, e.g. "found `n` at 1", else the text itself).
    static func threadID(_ text: String) throws(JSONRPCErrorObject) -> ThreadID {
        guard let id = ThreadID(text) else {
            let allowed = Set("0123456789abcdefABCDEF-")
            if let index = text.firstIndex(where: { !allowed.contains($0) }) {
                let position = text.distance(from: text.startIndex, to: index) + 1
                throw .invalidRequest(
                    "invalid thread id: invalid character: expected an optional prefix of `urn:uuid:` followed by "
                        + "[0-9a-fA-F-], found `\(text[index])` at \(position)")
            }
            throw .invalidRequest("invalid thread id: \(uuidShapeError(text))")
        }
        return id
    }

    /// The uuid parser's complaint about hex-and-hyphen text of the wrong shape: its length without
    /// hyphens, else the number of groups, else the first group of the wrong length.
    static func uuidShapeError(_ text: String) -> String {
        let characters = Array(text)
        let hyphens = characters.indices.filter { characters[$0] == "-" }
        if hyphens.isEmpty { return "invalid length: expected length 32 for simple format, found \(characters.count)" }
        guard hyphens.count == 4 else { return "invalid group count: expected 5, found \(hyphens.count + 1)" }
        let starts = [0, 9, 14, 19, 24]
        let expected = [8, 4, 4, 4, 12]
        for group in 0..<4 where hyphens[group] != starts[group + 1] - 1 {
            return "invalid group length in group \(group): expected \(expected[group]), found \(hyphens[group] - starts[group])"
        }
        return "invalid group length in group 4: expected 12, found \(characters.count - starts[4])"
    }

    private func notifyAfterResponse(_ context: AppServerRequestContext, _ notification: some ServerNotification) {
        let host = self.host
        context.startAfterResponse { await host.broadcast(notification, from: context) }
    }

    /// A listed thread on the wire; a loaded thread reports its live status.
    func wireThread(_ summary: ThreadSummary, names: [String: String]) async -> AppServerV2.Thread {
        var thread = ThreadWireMapping.thread(summary, name: names[summary.id.rawValue])
        if let loaded = await host.loadedThread(summary.id.rawValue) { thread.status = loaded.status }
        return thread
    }

    /// A thread read from its rollout (also when the head holds no user message yet).
    func wireThread(rollout: LoadedRollout, names: [String: String]) async -> AppServerV2.Thread {
        var thread: AppServerV2.Thread
        if let summary = store.summary(ofRolloutAt: rollout.path) {
            thread = await wireThread(summary, names: names)
        } else {
            thread = ThreadWireMapping.thread(rollout: rollout, name: names[rollout.threadID.rawValue])
            if let loaded = await host.loadedThread(rollout.threadID.rawValue) { thread.status = loaded.status }
        }
        if let context = rollout.lastTurnContext { thread.model = context.model }
        return thread
    }
}
