import CSandbox
import Glibc

/// How a child process ended, read without blocking.
enum ChildExit {
    /// Reaps `pid` if it has ended and returns its exit code (128+N for death by signal N; -1 when it was
    /// already reaped elsewhere); nil while it still runs.
    static func reapIfExited(_ pid: Int32) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid || (result < 0 && errno == ECHILD) else { return nil }
        if result < 0 { return -1 }
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// True once our child `pid` has exited (its real state, not when a task got round to noticing),
    /// without reaping it: its owner (swift-subprocess) still collects the status.
    static func hasEnded(_ pid: Int32) -> Bool {
        csb_child_has_exited(pid) == 1
    }
}
