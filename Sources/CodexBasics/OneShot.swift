import Synchronization

/// A value delivered once and awaited by any number of tasks; a waiter that is cancelled stops waiting
/// (and gets nil, or the fallback it named) without resolving it.
public final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [Int: CheckedContinuation<Value?, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Delivers the value to every waiter, present and future. Later calls are ignored and return false.
    @discardableResult
    public func resolve(_ value: Value) -> Bool {
        let waiters: [CheckedContinuation<Value?, Never>]? = state.withLock { state in
            guard state.value == nil else { return nil }
            state.value = value
            // A loop, not `Array(state.waiters.values)`: that generic copy looks a conformance up at run time.
            var waiting: [CheckedContinuation<Value?, Never>] = []
            waiting.reserveCapacity(state.waiters.count)
            for (_, waiter) in state.waiters { waiting.append(waiter) }
            state.waiters.removeAll()
            return waiting
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume(returning: value) }
        return true
    }

    /// The value once delivered.
    public var value: Value? { state.withLock { $0.value } }

    /// Waits for the value; nil when the waiting task is cancelled first.
    public func wait() async -> Value? {
        let token = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let ready: Value?? = state.withLock { state in
                    if let value = state.value { return .some(value) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[token] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: token) }
            waiter?.resume(returning: nil)
        }
    }

    /// Waits for the value; when the waiting task is cancelled, returns `fallback`.
    public func wait(orIfCancelled fallback: Value) async -> Value {
        await wait() ?? fallback
    }
}
