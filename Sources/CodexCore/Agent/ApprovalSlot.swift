import Synchronization

/// One pending approval: the turn waits on it; the user's answer, an interrupt or task
/// cancellation resolves it exactly once.
final class ApprovalSlot: Sendable {
    private let state = Mutex<State>(.empty)

    private enum State {
        case empty
        case waiting(CheckedContinuation<ReviewDecision, Never>)
        case resolved(ReviewDecision)
    }

    /// Waits for the decision; cancellation of the waiting task counts as `.abort`.
    func wait() async -> ReviewDecision {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early: ReviewDecision? = state.withLock { state in
                    switch state {
                    case .resolved(let decision): return decision
                    case .empty, .waiting:
                        state = .waiting(continuation)
                        return nil
                    }
                }
                if let early { continuation.resume(returning: early) }
            }
        } onCancel: {
            resolve(.abort)
        }
    }

    /// Delivers the decision; later calls are ignored. Returns false when already resolved.
    @discardableResult
    func resolve(_ decision: ReviewDecision) -> Bool {
        let continuation: CheckedContinuation<ReviewDecision, Never>?
        let accepted: Bool
        (continuation, accepted) = state.withLock { state in
            switch state {
            case .empty:
                state = .resolved(decision)
                return (nil, true)
            case .waiting(let waiting):
                state = .resolved(decision)
                return (waiting, true)
            case .resolved:
                return (nil, false)
            }
        }
        continuation?.resume(returning: decision)
        return accepted
    }
}
