import CodexBasics
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM as an awaitable event, for a listener that runs until it is told to stop.
enum StopSignals {
    /// Waits for SIGINT or SIGTERM and returns it (0 when the waiting task is cancelled first). While
    /// waiting, the signals' default action (ending the process at once) is replaced by this wait.
    static func wait() async -> Int32 {
        let received = OneShot<Int32>()
        let queue = DispatchQueue(label: "codex.app-server.stop-signals")
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { received.resolve(number) }
            source.resume()
            return source
        }
        defer { for source in sources { source.cancel() } }
        return await received.wait(orIfCancelled: 0)
    }
}
