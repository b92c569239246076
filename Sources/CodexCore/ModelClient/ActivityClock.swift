import Synchronization

/// When bytes last arrived on a stream; the idle watchdog sleeps until that moment plus the timeout.
final class ActivityClock: Sendable {
    private let lastActivity = Mutex(ContinuousClock.now)

    /// Records activity now.
    func touch() {
        lastActivity.withLock { $0 = .now }
    }

    /// Returns once `timeout` has passed without a `touch()`; throws if cancelled first.
    func waitUntilIdle(for timeout: Duration) async throws {
        while true {
            let deadline = lastActivity.withLock { $0 } + timeout
            if ContinuousClock.now >= deadline { return }
            try await Task.sleep(until: deadline, clock: .continuous)
        }
    }
}
