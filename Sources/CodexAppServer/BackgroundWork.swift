import Synchronization

/// The server's work that outlives any one connection: each loaded thread's event pump, its running turns
/// and the approvals they wait on. `run()` executes it for as long as the server serves; `finish()` then
/// cancels what still runs, and `run()` returns once all of it has ended.
public final class BackgroundWork: Sendable {
    typealias Job = @Sendable () async -> Void

    private let jobs: AsyncStream<Job>
    private let sink: Mutex<AsyncStream<Job>.Continuation?>

    public init() {
        let (jobs, sink) = AsyncStream<Job>.makeStream()
        self.jobs = jobs
        self.sink = Mutex(sink)
    }

    /// Starts `work` in the background group; false once the server is finishing.
    @discardableResult
    public func spawn(_ work: @escaping @Sendable () async -> Void) -> Bool {
        guard let sink = sink.withLock({ $0 }) else { return false }
        if case .enqueued = sink.yield(work) { return true }
        return false
    }

    /// Runs spawned work until `finish()`, then cancels and awaits what is still running. Call once.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                group.addTask { await job() }
            }
            group.cancelAll()
        }
    }

    /// Accepts no more work and lets `run()` wind down.
    public func finish() {
        sink.withLock { sink in
            sink?.finish()
            sink = nil
        }
    }
}
