import CodexProtocol
import Synchronization

/// The connections subscribed to one loaded thread (all of them receive its notifications), and the
/// connection that started the running turn (its approvals are asked there first).
public final class ThreadSubscribers: Sendable {
    private struct State {
        var connections: [AppServerConnection] = []
        var turnOwner: AppServerConnection?
    }

    private let state = Mutex(State())

    public init() {}

    /// Subscribes `connection`; false when it already was.
    @discardableResult
    public func add(_ connection: AppServerConnection) -> Bool {
        state.withLock { state in
            guard !state.connections.contains(where: { $0 === connection }) else { return false }
            state.connections.append(connection)
            return true
        }
    }

    /// Unsubscribes `connection`; nil when it was not subscribed, else how many subscribers remain.
    @discardableResult
    public func remove(_ connection: AppServerConnection) -> Int? {
        state.withLock { state in
            guard let index = state.connections.firstIndex(where: { $0 === connection }) else { return nil }
            state.connections.remove(at: index)
            if state.turnOwner === connection { state.turnOwner = nil }
            return state.connections.count
        }
    }

    /// Whether `connection` is subscribed.
    public func contains(_ connection: AppServerConnection) -> Bool {
        state.withLock { state in state.connections.contains { $0 === connection } }
    }

    /// Every subscribed connection, in subscription order.
    public var all: [AppServerConnection] { state.withLock { $0.connections } }

    /// Records the connection whose `turn/start` began the running turn.
    public func setTurnOwner(_ connection: AppServerConnection) {
        state.withLock { $0.turnOwner = connection }
    }

    /// Where to ask an approval, in order: the turn's owner, then the other subscribers; closed
    /// connections and those in `excluding` are left out.
    func approvalTargets(excluding tried: [AppServerConnection] = []) -> [AppServerConnection] {
        state.withLock { state in
            var targets: [AppServerConnection] = []
            if let owner = state.turnOwner { targets.append(owner) }
            for connection in state.connections where !targets.contains(where: { $0 === connection }) {
                targets.append(connection)
            }
            return targets.filter { target in !target.isClosed && !tried.contains { $0 === target } }
        }
    }

    /// Asks the turn's owner first; when a connection closes before answering, the next subscriber is asked.
    /// With no connection left (or when cancelled) the answer is an internal error, which callers read as a
    /// refusal.
    func ask(_ send: @Sendable (AppServerConnection) async -> Result<JSONValue, JSONRPCErrorObject>) async
        -> Result<JSONValue, JSONRPCErrorObject>
    {
        var tried: [AppServerConnection] = []
        var reply: Result<JSONValue, JSONRPCErrorObject> = .failure(
            .internalError("no client connection is left to answer the approval"))
        while !Task.isCancelled, let target = approvalTargets(excluding: tried).first {
            reply = await send(target)
            guard case .failure = reply, target.isClosed else { break }
            tried.append(target)
        }
        return reply
    }
}
