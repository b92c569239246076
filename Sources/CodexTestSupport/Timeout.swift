import Synchronization

/// Thrown when a wait in the test support did not finish in time; says what was awaited.
public struct TimeoutError: Error, Sendable, Equatable, CustomStringConvertible {
    public var what: String
    public var timeout: Duration

    public init(what: String, timeout: Duration) {
        self.what = what
        self.timeout = timeout
    }

    public var description: String { "timed out after \(timeout) waiting for \(what)" }
}

/// Runs `operation`, cancelling it and throwing `TimeoutError` when it takes longer than `timeout`.
///
/// - Important: `operation` must react to cancellation, or the timeout cannot end it.
public func withTimeout<T: Sendable>(
    _ timeout: Duration, waitingFor what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimeoutError(what: what, timeout: timeout)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimeoutError(what: what, timeout: timeout) }
        return first
    }
}

/// Wakes waiters whenever shared state changes; waits end early on task cancellation.
final class ChangeNotifier: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// The current change count; pass it to `waitForChange(after:)`.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Records a change and wakes every waiter.
    func notifyAll() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the generation differs from `generation`, or when the task is cancelled.
    func waitForChange(after generation: UInt64) async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Polls `check` after every change until it returns a value; throws on cancellation.
    func wait<T>(until check: () -> T?) async throws -> T {
        while true {
            let seen = generation
            if let value = check() { return value }
            try Task.checkCancellation()
            await waitForChange(after: seen)
        }
    }
}
