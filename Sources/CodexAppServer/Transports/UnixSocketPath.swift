#if canImport(Glibc)
    import Glibc

    private let connectSocket = Glibc.connect
#elseif canImport(Darwin)
    import Darwin

    private let connectSocket = Darwin.connect
#endif

/// The file-system side of a `unix://` listener: the default control-socket path, a private directory
/// (0700) for it, a stale socket left by a crashed server removed, a live one refused, the socket made 0600.
public enum UnixSocketPath {
    /// Why a socket path cannot be listened on.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// `$CODEX_HOME/app-server-control/app-server-control.sock`, the reference's `unix://` default.
    public static func defaultPath(codexHome: String) -> String {
        codexHome + "/app-server-control/app-server-control.sock"
    }

    /// Makes `path` ready to bind: its directory exists (created 0700 when missing), the path fits in a
    /// socket address, and nothing answers there (a stale socket file is removed).
    public static func prepare(_ path: String) throws(Failure) {
        guard path.hasPrefix("/") else { throw Failure(description: "unix socket path must be absolute: \(path)") }
        guard path.utf8.count < 104 else {
            throw Failure(description: "unix socket path is too long (\(path.utf8.count) bytes, at most 103): \(path)")
        }
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !directory.isEmpty { try makePrivateDirectory(directory) }
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFSOCK else {
            throw Failure(description: "\(path) exists and is not a socket")
        }
        if isAnswering(path) { throw Failure(description: "an app-server is already listening on \(path)") }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw Failure(description: "cannot remove the stale socket \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Restricts the bound socket to its owner.
    public static func restrict(_ path: String) throws(Failure) {
        guard chmod(path, 0o600) == 0 else {
            throw Failure(description: "cannot restrict \(path) to its owner: \(String(cString: strerror(errno)))")
        }
    }

    /// Whether a server accepts connections on the socket at `path`.
    public static func isAnswering(_ path: String) -> Bool {
        guard case .success(let descriptor) = connect(path) else { return false }
        close(descriptor)
        return true
    }

    /// A failed connect(2) (or socket(2)), with its errno.
    public struct ConnectError: Error, Sendable {
        public let errno: Int32
    }

    /// A stream socket connected to `path` (close-on-exec; the caller closes it).
    public static func connect(_ path: String) -> Result<Int32, ConnectError> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return .failure(ConnectError(errno: ENAMETOOLONG))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        #if canImport(Glibc)
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
            let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return .failure(ConnectError(errno: errno)) }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connectSocket(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            return .failure(ConnectError(errno: code))
        }
        return .success(descriptor)
    }

    private static func makePrivateDirectory(_ directory: String) throws(Failure) {
        var status = stat()
        if stat(directory, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else { throw Failure(description: "\(directory) is not a directory") }
            return
        }
        let parent = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)])
        if !parent.isEmpty { try makePrivateDirectory(parent) }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw Failure(description: "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        _ = chmod(directory, 0o700)
    }
}

extension UnixSocketPath {
    /// Removes the socket file when the listener stops (a missing file is fine).
    public static func remove(_ path: String) {
        _ = unlink(path)
    }
}
