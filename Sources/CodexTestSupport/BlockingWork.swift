import Dispatch

/// Runs blocking work (a loop of system calls, a synchronous child process) on a Dispatch thread, so
/// the test awaiting it does not hold one of the few cooperative threads that every test running in
/// parallel needs: on a 2-core machine two such tests stall the whole run.
public enum BlockingWork {
    /// `body`'s result, or what it threw, once it ran on a global Dispatch queue.
    public static func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try body() })
            }
        }
    }
}
