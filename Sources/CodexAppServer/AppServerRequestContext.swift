public import CodexProtocol
import Synchronization

/// What a handler knows about the request it answers, and its way back to the connection.
public struct AppServerRequestContext: Sendable {
    public let requestID: RequestID
    public let method: String
    /// The initialized client's session.
    public let session: ClientSession
    /// The connection the request came from: notify, send server requests, spawn long-lived work.
    public let connection: AppServerConnection
    let deferred: DeferredWork

    /// Queues `work` to start in the connection's task group right after this request's response
    /// is written, so e.g. `turn/started` never precedes the `turn/start` response.
    public func startAfterResponse(_ work: @escaping @Sendable () async -> Void) {
        deferred.append(work)
    }
}

/// Work a handler asked to start once its response is out.
final class DeferredWork: Sendable {
    private let items = Mutex<[@Sendable () async -> Void]>([])

    func append(_ work: @escaping @Sendable () async -> Void) {
        items.withLock { $0.append(work) }
    }

    func take() -> [@Sendable () async -> Void] {
        items.withLock { items in
            defer { items.removeAll() }
            return items
        }
    }
}
