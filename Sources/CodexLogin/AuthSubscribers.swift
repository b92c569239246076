import Synchronization

/// The open `AuthManager.changes()` streams; a stream whose consumer goes away removes itself.
final class AuthSubscribers: Sendable {
    private let state = Mutex<(next: Int, continuations: [Int: AsyncStream<AuthChange>.Continuation])>((0, [:]))

    func subscribe() -> AsyncStream<AuthChange> {
        let (stream, continuation) = AsyncStream<AuthChange>.makeStream(bufferingPolicy: .unbounded)
        let id = state.withLock { state in
            let id = state.next
            state.next += 1
            state.continuations[id] = continuation
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    func broadcast(_ change: AuthChange) {
        let continuations = state.withLock { Array($0.continuations.values) }
        for continuation in continuations { continuation.yield(change) }
    }

    deinit {
        let continuations = state.withLock { Array($0.continuations.values) }
        for continuation in continuations { continuation.finish() }
    }
}
