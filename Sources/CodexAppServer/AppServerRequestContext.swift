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
    let scopeRelease: ScopeRelease

    /// Lets the next request of this request's serialization scope run now instead of after this
    /// one's response (e.g. `command/exec` once its process started, so its `write` can reach it).
    public func releaseSerializationScope() {
        scopeRelease.release()
    }

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

/// Ends a request's turn in its serialization scope once: early on request, else when it finishes.
final class ScopeRelease: Sendable {
    private let ticket: Mutex<ScopeQueue.Ticket?>
    private let scopes: ScopeQueue

    init(ticket: ScopeQueue.Ticket?, in scopes: ScopeQueue) {
        self.ticket = Mutex(ticket)
        self.scopes = scopes
    }

    func release() {
        let ticket = self.ticket.withLock { ticket in
            defer { ticket = nil }
            return ticket
        }
        if let ticket { scopes.finish(ticket) }
    }
}
