import CodexCore
import Synchronization

/// A running `command/exec` that has a client `processId`: its process and what the request allowed.
final class CommandExecSession: Sendable {
    let process: SessionProcess
    /// Whether `command/exec/write` may feed its stdin (`streamStdin` or `tty`).
    let streamStdin: Bool

    init(process: SessionProcess, streamStdin: Bool) {
        self.process = process
        self.streamStdin = streamStdin
    }
}

/// The running `command/exec` processes by connection and client `processId` (ids are connection-scoped).
final class CommandExecSessions: Sendable {
    /// A process id as one connection named it.
    struct Key: Hashable, Sendable {
        let connection: ObjectIdentifier
        let processID: String
    }

    private let sessions = Mutex<[Key: CommandExecSession]>([:])

    func session(_ key: Key) -> CommandExecSession? { sessions.withLock { $0[key] } }

    /// Adds `session` unless the key is taken; returns whether it was added.
    func insert(_ session: CommandExecSession, for key: Key) -> Bool {
        sessions.withLock { sessions in
            guard sessions[key] == nil else { return false }
            sessions[key] = session
            return true
        }
    }

    /// Removes the entry for `key` if it still is `session`.
    func remove(_ key: Key, ifItIs session: CommandExecSession) {
        sessions.withLock { sessions in
            if sessions[key] === session { sessions[key] = nil }
        }
    }
}
