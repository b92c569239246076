import CodexConfig
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `$CODEX_HOME/auth.json`: read, written atomically with mode 0600, deleted.
public struct AuthFileStorage: Sendable, Hashable {
    /// The CODEX_HOME folder.
    public let codexHome: String

    public init(codexHome: String) {
        self.codexHome = codexHome
    }

    /// `$CODEX_HOME/auth.json`.
    public var path: String { codexHome.hasSuffix("/") ? codexHome + "auth.json" : codexHome + "/auth.json" }

    /// The stored credentials, nil when there is no file.
    public func load() throws(AuthFileError) -> AuthDotJson? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .io("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return try AuthDotJson.parse(bytes)
    }

    /// Replaces the file (created 0600; an existing file is also set back to 0600).
    public func save(_ auth: AuthDotJson) throws(AuthFileError) {
        do {
            try AtomicFileWriter.write(auth.serialized(), to: path, newFileMode: 0o600)
        } catch {
            throw .io(error.description)
        }
        // AtomicFileWriter keeps an existing file's mode; credentials are never group/world readable.
        if chmod(path, 0o600) != 0 {
            throw .io("cannot set permissions of \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the file; false when there was none.
    @discardableResult
    public func delete() throws(AuthFileError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw .io("cannot remove \(path): \(String(cString: strerror(errno)))")
    }

    /// Identifies the file's current version (device, inode, size, modification time), nil when absent;
    /// a different value means the file was replaced or changed.
    public func fingerprint() -> FileFingerprint? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = status.st_mtimespec
        #else
        let modified = status.st_mtim
        #endif
        return FileFingerprint(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            modifiedSeconds: Int64(modified.tv_sec), modifiedNanoseconds: Int64(modified.tv_nsec))
    }
}

/// A file's identity and version as `stat` reports it.
public struct FileFingerprint: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64
}
