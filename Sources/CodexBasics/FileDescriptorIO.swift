import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole writes and reads on a raw file descriptor: EINTR is retried, a short transfer continues where
/// it stopped, and every failure is one `IOError`. The calls go through swift-system's `FileDescriptor`.
public enum FileDescriptorIO {
    /// Writes all of `bytes` to `descriptor`: one write(2) in the common case, more only after a short
    /// write. On failure some prefix of `bytes` may have been written; a write(2) that accepts nothing
    /// fails with `EIO` rather than spinning.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(IOError) {
        if let failure = bytes.withUnsafeBytes({ writeFully($0, to: descriptor) }) { throw failure }
    }

    /// Writes all of `buffer` to `descriptor`; see `writeAll(_:to:)`.
    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) throws(IOError) {
        if let failure = writeFully(buffer, to: descriptor) { throw failure }
    }

    private static func writeFully(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> IOError? {
        let file = FileDescriptor(rawValue: descriptor)
        var offset = 0
        while offset < buffer.count {
            let written: Int
            do {
                written = try file.write(UnsafeRawBufferPointer(rebasing: buffer[offset...]), retryOnInterrupt: true)
            } catch {
                return IOError(operation: "write", errno: (error as? Errno)?.rawValue ?? EIO)
            }
            guard written > 0 else { return IOError(operation: "write", errno: EIO) }
            offset += written
        }
        return nil
    }

    /// Reads from `descriptor` until end of file or until `limit` bytes arrived, appending to `bytes`.
    /// On failure `bytes` keeps what arrived before it. A regular file is read with a first read(2) the
    /// size of the file (so a small file costs one small buffer, not a 64 KiB one).
    public static func readAll(from descriptor: Int32, limit: Int = .max, into bytes: inout [UInt8]) throws(IOError) {
        var remaining = max(limit, 0)
        var chunkSize = 64 * 1024
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            // +1 notices at once a file that grew since fstat.
            chunkSize = max(Int(info.st_size), 0) + 1
        }
        let file = FileDescriptor(rawValue: descriptor)
        while remaining > 0 {
            var failure: IOError?
            let chunk = [UInt8](unsafeUninitializedCapacity: min(chunkSize, remaining)) { buffer, count in
                do {
                    count = try file.read(into: UnsafeMutableRawBufferPointer(buffer), retryOnInterrupt: true)
                } catch {
                    count = 0
                    failure = IOError(operation: "read", errno: (error as? Errno)?.rawValue ?? EIO)
                }
            }
            if let failure { throw failure }
            if chunk.isEmpty { return }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            remaining -= chunk.count
            chunkSize = max(chunkSize, 64 * 1024)
        }
    }

    /// Reads from `descriptor` until end of file or until `limit` bytes arrived.
    public static func readAll(from descriptor: Int32, limit: Int = .max) throws(IOError) -> [UInt8] {
        var bytes: [UInt8] = []
        try readAll(from: descriptor, limit: limit, into: &bytes)
        return bytes
    }

    /// Opens the file at `path` read-only and reads up to `limit` bytes of it. A folder is refused
    /// with `EISDIR` (`read` fails that way too, but only on some systems).
    public static func readFile(atPath path: String, limit: Int = .max) throws(IOError) -> [UInt8] {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw IOError(operation: "open", errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw IOError(operation: "read", errno: EISDIR)
        }
        return try readAll(from: descriptor, limit: limit)
    }
}
