public import CodexProtocol

/// The per-connection handshake state: nothing but `initialize` is served before it, and it is
/// served once. Pure value logic; the connection holds one behind a lock.
public struct ConnectionLifecycle: Sendable, Hashable {
    /// The client's session once `initialize` succeeded.
    public private(set) var session: ClientSession?
    /// True after the client's `initialized` notification (informational; gating uses `initialize`).
    public private(set) var clientConfirmedInitialized = false

    public init() {}

    /// True once `initialize` has succeeded.
    public var isInitialized: Bool { session != nil }

    /// Handles an `initialize` request: decodes params, refuses a second handshake, validates the
    /// client name. On success the connection is initialized and the session is returned.
    public mutating func initialize(params: JSONValue?) throws(JSONRPCErrorObject) -> ClientSession {
        let candidate = try ClientSession(initializeParams: params)
        guard session == nil else { throw .invalidRequest("Already initialized") }
        try candidate.validateClientName()
        session = candidate
        return candidate
    }

    /// Checks any other request: nil when it may run, the error to answer with otherwise.
    public func admit(method: String) -> JSONRPCErrorObject? {
        session == nil ? .invalidRequest("Not initialized") : nil
    }

    /// Records a client notification. Only `initialized` means anything; others are ignored.
    public mutating func receiveNotification(method: String) {
        if method == AppServerV2.initializedNotification, session != nil { clientConfirmedInitialized = true }
    }

    /// Whether a server notification may go to this client: only after `initialize`, and never one
    /// the client opted out of. Server requests and responses are never filtered.
    public func shouldDeliver(notification method: String) -> Bool {
        guard let session else { return false }
        return !session.optedOutNotifications.contains(method)
    }
}
