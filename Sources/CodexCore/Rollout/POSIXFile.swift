import CodexBasics
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls rollouts need, each retried on EINTR and turned into `RolloutError`.
enum POSIXFile {
    static func message(forErrno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    /// Opens a file; `mode` applies only when the flags create it (the umask still applies).
    static func openFile(_ path: String, flags: Int32, mode: mode_t = 0o666) throws(RolloutError) -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw .io(operation: "open", path: path, errno: errno) }
        }
    }

    static func closeFile(_ fd: Int32) {
        _ = close(fd)
    }

    /// Writes all of `bytes`: normally one write(2); a short write (disk nearly full) continues where it stopped.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(RolloutError) {
        do {
            try FileDescriptorIO.writeAll(bytes, to: fd)
        } catch {
            throw .io(operation: error.operation, path: path, errno: error.errno)
        }
    }

    static func sync(_ fd: Int32, path: String) throws(RolloutError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw .io(operation: "fsync", path: path, errno: errno) }
        }
    }

    /// Flushes a directory entry (after creating or renaming a file in it).
    static func fsyncDirectory(_ path: String) throws(RolloutError) {
        let fd = try openFile(path, flags: O_RDONLY | O_DIRECTORY)
        defer { closeFile(fd) }
        try sync(fd, path: path)
    }

    /// Reads up to `limit` bytes from the start of a file (all of it when `limit` is nil).
    static func readFile(_ path: String, limit: Int? = nil) throws(RolloutError) -> [UInt8] {
        let fd = try openFile(path, flags: O_RDONLY)
        defer { closeFile(fd) }
        do {
            return try FileDescriptorIO.readAll(from: fd, limit: limit ?? .max)
        } catch {
            throw .io(operation: error.operation, path: path, errno: error.errno)
        }
    }

    /// Up to `maxBytes` from the end of a file, and whether that is the whole file.
    static func readTail(_ path: String, maxBytes: Int) throws(RolloutError) -> (bytes: [UInt8], isWholeFile: Bool) {
        let fd = try openFile(path, flags: O_RDONLY)
        defer { closeFile(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        let size = Int(info.st_size)
        let start = max(0, size - maxBytes)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled, off_t(start + filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return (bytes, start == 0)
    }

    /// The current size of an open file.
    static func size(_ fd: Int32, path: String) throws(RolloutError) -> off_t {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        return info.st_size
    }

    /// Cuts an open file back to `size` bytes.
    static func truncate(_ fd: Int32, to size: off_t, path: String) throws(RolloutError) {
        while ftruncate(fd, size) != 0 {
            if errno != EINTR { throw .io(operation: "truncate", path: path, errno: errno) }
        }
    }

    /// The last byte of a file, nil when it is empty.
    static func lastByte(_ path: String) throws(RolloutError) -> UInt8? {
        let fd = try openFile(path, flags: O_RDONLY)
        defer { closeFile(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        guard info.st_size > 0 else { return nil }
        var byte: UInt8 = 0
        let count = pread(fd, &byte, 1, info.st_size - 1)
        guard count == 1 else { throw .io(operation: "read", path: path, errno: count < 0 ? errno : EIO) }
        return byte
    }

    /// Modification time in milliseconds since 1970, nil when the file is gone.
    static func modificationMilliseconds(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Names in a folder (no `.`/`..`); an absent folder is empty.
    static func entries(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates a folder and its parents (mode 0777 less the umask, as the reference's folders are).
    static func makeDirectories(_ path: String) throws(RolloutError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o777) != 0 && errno != EEXIST {
                throw .io(operation: "create folder", path: current, errno: errno)
            }
        }
    }

    /// Moves a file, refusing to replace an existing one.
    static func move(_ source: String, to destination: String) throws(RolloutError) {
        if exists(destination) { throw .io(operation: "move \(source) to", path: destination, errno: EEXIST) }
        if rename(source, destination) != 0 {
            throw .io(operation: "move \(source) to", path: destination, errno: errno)
        }
    }

    /// Sets a file's access and modification times to now.
    static func touch(_ path: String) throws(RolloutError) {
        if utimensat(AT_FDCWD, path, nil, 0) != 0 { throw .io(operation: "touch", path: path, errno: errno) }
    }
}
