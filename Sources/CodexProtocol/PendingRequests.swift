import Synchronization

/// Why a JSON-RPC request we sent the peer has no usable answer.
public enum PendingRequestFailure: Error, Sendable, Hashable {
    /// The peer answered with a JSON-RPC error.
    case answeredWithError(code: Int64, message: String)
    /// The connection closed before the answer came.
    case connectionClosed
    /// We gave up waiting (the tool call's turn ended or was cancelled).
    case withdrawn
}

/// JSON-RPC requests we sent the peer (the MCP server's requests to its client, the MCP client's requests to
/// its server) awaiting their answer, by id (integers from 0, as upstream numbers them).
///
/// A slot is opened before the request is written, so an answer can never outrun its registration; the
/// waiter attaches afterwards. Resolution is synchronous, so a cancellation handler can withdraw a request.
public final class PendingRequests: Sendable {
    public typealias Answer = Result<JSONValue, PendingRequestFailure>

    private enum Slot {
        case open
        case waiting(CheckedContinuation<Answer, Never>)
        case answered(Answer)
    }

    private struct State {
        var nextID: Int64 = 0
        var slots: [Int64: Slot] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Opens a slot for a new request; nil once the connection closed.
    public func open() -> Int64? {
        state.withLock { state in
            guard !state.closed else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.slots[id] = .open
            return id
        }
    }

    /// Waits for the answer of request `id` (returns at once when it already came, or the slot is gone).
    public func wait(for id: Int64) async -> Answer {
        await withCheckedContinuation { continuation in
            let early = state.withLock { state -> Answer? in
                switch state.slots[id] {
                case .open?:
                    state.slots[id] = .waiting(continuation)
                    return nil
                case .answered(let answer)?:
                    state.slots[id] = nil
                    return answer
                case .waiting?, nil:
                    return .failure(.withdrawn)
                }
            }
            if let early { continuation.resume(returning: early) }
        }
    }

    /// Delivers the answer of request `id`; false when no such request is pending.
    @discardableResult
    public func resolve(_ id: Int64, with answer: Answer) -> Bool {
        let waiter = state.withLock { state -> (CheckedContinuation<Answer, Never>?, Bool) in
            switch state.slots[id] {
            case .open?:
                state.slots[id] = .answered(answer)
                return (nil, true)
            case .waiting(let continuation)?:
                state.slots[id] = nil
                return (continuation, true)
            case .answered?, nil:
                return (nil, false)
            }
        }
        waiter.0?.resume(returning: answer)
        return waiter.1
    }

    /// Fails every pending request (the client went away) and refuses new ones.
    public func closeAll() {
        let ids = state.withLock { state -> [Int64] in
            state.closed = true
            return Array(state.slots.keys)
        }
        for id in ids { resolve(id, with: .failure(.connectionClosed)) }
    }
}
