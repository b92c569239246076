import FoundationEssentials

/// The port through which the turn loop persists a thread; `RolloutWriter` is the real one.
public protocol RolloutSink: Sendable {
    /// Appends records (each one line, one write).
    func append(contentsOf items: [RolloutItem]) async throws
    /// Makes everything appended so far durable (fsync).
    func flush() async throws
}

extension RolloutWriter: RolloutSink {
    public func append(contentsOf items: [RolloutItem]) async throws {
        try append(contentsOf: items, at: Date())
    }

    public func flush() async throws {
        let flushing: () throws(RolloutError) -> Void = flush
        try flushing()
    }
}
