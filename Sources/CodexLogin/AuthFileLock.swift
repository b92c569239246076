import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock` on a lock file next to auth.json, held while a token refresh reads, refreshes
/// and writes, so two refreshers (two processes, or two tasks of one: each opens its own descriptor,
/// and flock locks belong to the open file) never both spend the same refresh token.
enum AuthFileLock {
    static func withLock<Result: Sendable>(
        path: String, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AuthFileError.io("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // Poll rather than block: a blocked flock would hold one of the few cooperative threads
        // for as long as the other process's refresh request takes.
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw AuthFileError.io("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
