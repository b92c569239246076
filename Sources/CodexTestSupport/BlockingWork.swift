import Foundation

/// Runs blocking work (a loop of system calls, a synchronous child process) on a thread of its own, so
/// the test awaiting it does not hold one of the few cooperative threads that every test running in
/// parallel needs: on a 2-core machine two such tests stall the whole run. (Not a global Dispatch
/// queue: on Linux the cooperative pool is Dispatch's default-QoS root queue, so work sent there
/// occupies the very threads it should spare.)
public enum BlockingWork {
    /// `body`'s result, or what it threw, once it ran on a new thread.
    public static func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Swift.Result { try body() })
            }
            thread.start()
        }
    }
}
