import CodexProtocol
import NIOCore
import Synchronization

/// Everything the mock server's connections share: the reply queue, the request log, hold gates
/// and open connections. Thread-safe; connection handlers call it from event loop threads.
final class MockServerState: Sendable {
    /// Why a held stream was let go without a release.
    struct ServerShutDown: Error {}

    private struct State {
        var replies: [MockReply]
        var models: [String]
        /// Statuses for the next Sentry envelopes (200 once used up).
        var envelopeStatuses: [Int] = []
        var requests: [RecordedRequest] = []
        var openGates: Set<String> = []
        var gateWaiters: [String: [EventLoopPromise<Void>]] = [:]
        var heldCounts: [String: Int] = [:]
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isShutDown = false
    }

    private let state: Mutex<State>
    let changes = ChangeNotifier()

    init(script: MockScript) {
        state = Mutex(State(replies: script.replies, models: script.models))
    }

    // MARK: Replies and requests

    func enqueue(_ replies: [MockReply]) {
        state.withLock { $0.replies.append(contentsOf: replies) }
    }

    var pendingReplyCount: Int { state.withLock { $0.replies.count } }

    func enqueueEnvelopeStatuses(_ statuses: [Int]) {
        state.withLock { $0.envelopeStatuses.append(contentsOf: statuses) }
    }

    var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Records the request and decides the reply: the next scripted one for model endpoints, the next
    /// scripted status (else 200) for Sentry envelopes.
    func reply(to request: RecordedRequest) -> MockReply {
        let reply = state.withLock { state -> MockReply in
            state.requests.append(request)
            let number = state.requests.count
            let path = request.path
            let isModelCall = path.hasSuffix("/responses") || path.hasSuffix("/chat/completions")
            if request.method == "POST", isModelCall {
                guard !state.replies.isEmpty else {
                    return .httpError(
                        status: 500,
                        body: "mock server: script ran out of replies (request #\(number): POST \(request.uri))")
                }
                return state.replies.removeFirst().substitutingSessionID(from: request.bodyBytes)
            }
            if request.method == "GET", path.hasSuffix("/models") {
                return Self.modelList(state.models)
            }
            if request.method == "POST", path.hasSuffix("/envelope/") {
                // A Sentry ingest endpoint (feedback uploads): record the envelope, answer the scripted status.
                let status = state.envelopeStatuses.isEmpty ? 200 : state.envelopeStatuses.removeFirst()
                return MockReply(body: .plain(status: status, contentType: "application/json", body: "{}"))
            }
            return .httpError(status: 404, body: "mock server: no route for \(request.method) \(request.uri)")
        }
        changes.notifyAll()
        return reply
    }

    private static func modelList(_ models: [String]) -> MockReply {
        let list: JSONValue = [
            "object": "list",
            "data": .array(
                models.map { ["id": .string($0), "object": "model", "created": 0, "owned_by": "mock"] }),
        ]
        return MockReply(body: .plain(status: 200, contentType: "application/json", body: list.serialized()))
    }

    // MARK: Hold gates

    /// Completes `promise` once `gate` is open (at once if it already is); fails it at shutdown.
    func waitForGate(_ gate: String, promise: EventLoopPromise<Void>) {
        let outcome = state.withLock { state -> Bool? in
            if state.isShutDown { return false }
            if state.openGates.contains(gate) { return true }
            state.gateWaiters[gate, default: []].append(promise)
            state.heldCounts[gate, default: 0] += 1
            return nil
        }
        switch outcome {
        case true?: promise.succeed()
        case false?: promise.fail(ServerShutDown())
        case nil: changes.notifyAll()
        }
    }

    /// Opens `gate` for good: held streams continue, later holds on it pass straight through.
    func release(_ gate: String) {
        let waiters = state.withLock { state in
            state.openGates.insert(gate)
            state.heldCounts[gate] = 0
            return state.gateWaiters.removeValue(forKey: gate) ?? []
        }
        for waiter in waiters { waiter.succeed() }
        changes.notifyAll()
    }

    /// How many streams are waiting at `gate` right now.
    func heldCount(_ gate: String) -> Int { state.withLock { $0.heldCounts[gate] ?? 0 } }

    // MARK: Connections

    /// Tracks an accepted connection; returns false when the server is already shutting down.
    func register(_ channel: any Channel) -> Bool {
        state.withLock { state in
            if state.isShutDown { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func unregister(_ channel: any Channel) {
        _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Marks the server shut down, fails every held stream and returns the open connections.
    func beginShutdown() -> [any Channel] {
        let (channels, waiters) = state.withLock { state in
            state.isShutDown = true
            let waiters = state.gateWaiters.values.flatMap { $0 }
            state.gateWaiters.removeAll()
            return (Array(state.channels.values), waiters)
        }
        for waiter in waiters { waiter.fail(ServerShutDown()) }
        changes.notifyAll()
        return channels
    }
}
