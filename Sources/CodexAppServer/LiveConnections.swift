import Synchronization

/// The connections of this server that completed `initialize` and have not closed.
public final class LiveConnections: Sendable {
    private let connections = Mutex<[AppServerConnection]>([])

    public init() {}

    func add(_ connection: AppServerConnection) {
        connections.withLock { connections in
            if !connections.contains(where: { $0 === connection }) { connections.append(connection) }
        }
    }

    func remove(_ connection: AppServerConnection) {
        connections.withLock { $0.removeAll { $0 === connection } }
    }

    /// Every live connection, in the order they initialized.
    public var all: [AppServerConnection] { connections.withLock { $0 } }
}
