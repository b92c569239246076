#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call on a file or descriptor: which call (`open`, `read`, `write`) and the errno it set.
public struct IOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call that failed, as a short verb.
    public var operation: String
    /// The errno value it set.
    public var errno: Int32

    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }

    /// The system's text for `errno` (`strerror`).
    public var reason: String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }

    public var description: String { "\(operation) failed: \(reason) (errno \(errno))" }
}
