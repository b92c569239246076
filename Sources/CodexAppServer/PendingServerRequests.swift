import CodexBasics
import CodexProtocol
import Synchronization

/// How a server→client request ended.
enum ServerRequestOutcome: Sendable {
    /// The client answered with a result or an error.
    case answered(Result<JSONValue, JSONRPCErrorObject>)
    /// Nobody will answer: the connection closed, the request was cleared, or the waiter was cancelled.
    case abandoned(JSONRPCErrorObject)

    var result: Result<JSONValue, JSONRPCErrorObject> {
        switch self {
        case .answered(let result): return result
        case .abandoned(let error): return .failure(error)
        }
    }
}

/// The server's own outstanding requests to the client, keyed by the ids it assigned (0, 1, 2, ...).
final class PendingServerRequests: Sendable {
    struct Entry: Sendable {
        let slot: OneShot<ServerRequestOutcome>
        let threadID: String?
    }

    private struct State {
        var nextID: Int64 = 0
        var entries: [RequestID: Entry] = [:]
        var closedError: JSONRPCErrorObject?
    }

    private let state = Mutex(State())

    /// Allocates the next id and a slot for the answer; nil once the connection has closed.
    func register(threadID: String?) -> (RequestID, OneShot<ServerRequestOutcome>)? {
        state.withLock { state in
            guard state.closedError == nil else { return nil }
            let id = RequestID.int(state.nextID)
            state.nextID += 1
            let slot = OneShot<ServerRequestOutcome>()
            state.entries[id] = Entry(slot: slot, threadID: threadID)
            return (id, slot)
        }
    }

    /// Delivers an outcome for `id`; false when no request with that id is pending.
    @discardableResult
    func resolve(_ id: RequestID, with outcome: ServerRequestOutcome) -> Bool {
        guard let entry = state.withLock({ $0.entries.removeValue(forKey: id) }) else { return false }
        return entry.slot.resolve(outcome)
    }

    /// Forgets `id` (after its waiter is done).
    func remove(_ id: RequestID) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    /// Abandons every pending request of a thread; returns their ids.
    func abandon(threadID: String, error: JSONRPCErrorObject) -> [RequestID] {
        let taken = state.withLock { state in
            let ids = state.entries.filter { $0.value.threadID == threadID }.map(\.key)
            return ids.compactMap { id in state.entries.removeValue(forKey: id).map { (id, $0) } }
        }
        for (_, entry) in taken { entry.slot.resolve(.abandoned(error)) }
        return taken.map(\.0).sorted { $0.description < $1.description }
    }

    /// Refuses new requests and abandons every pending one with `error`.
    func close(error: JSONRPCErrorObject) {
        let entries = state.withLock { state in
            state.closedError = state.closedError ?? error
            defer { state.entries.removeAll() }
            return Array(state.entries.values)
        }
        for entry in entries { entry.slot.resolve(.abandoned(error)) }
    }

    /// Number of requests waiting for an answer.
    var pendingCount: Int { state.withLock { $0.entries.count } }
}
