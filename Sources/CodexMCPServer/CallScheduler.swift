/// Runs tool calls' work in the server's own task group (structured, and awaited before the process ends),
/// so the turns still running when the client goes away are awaited.
final class CallScheduler: Sendable {
    typealias Job = @Sendable () async -> Void

    let jobs: AsyncStream<Job>
    private let sink: AsyncStream<Job>.Continuation

    init() {
        (jobs, sink) = AsyncStream<Job>.makeStream()
    }

    /// Queues `job`; false once the server is closing.
    func spawn(_ job: @escaping Job) -> Bool {
        if case .enqueued = sink.yield(job) { return true }
        return false
    }

    /// Accepts no more jobs; those queued still run.
    func close() {
        sink.finish()
    }
}
