import CodexBasics
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an atomic file write failed, naming the path.
public struct AtomicFileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let message: String

    public var description: String { "cannot write \(path): \(message)" }
}

/// Replaces a file's contents all at once: the bytes go to a temporary file in the same folder,
/// which is then renamed over the target, so readers see the old or the new file, never a mix.
public enum AtomicFileWriter {
    /// Writes `bytes` to `path`. A symlink is followed and its target replaced; an existing file
    /// keeps its permission bits; a new file gets `newFileMode`; missing parent folders are created.
    public static func write(_ bytes: [UInt8], to path: String, newFileMode: Int = 0o644) throws(AtomicFileWriteError) {
        let target = try resolveSymlinks(path)
        let folder = parentFolder(of: target)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw AtomicFileWriteError(path: folder, message: "cannot create folder (\(error))")
        }
        var status = stat()
        let mode = stat(target, &status) == 0 ? mode_t(status.st_mode) & 0o7777 : mode_t(newFileMode)

        let name = target.split(separator: "/").last.map(String.init) ?? "file"
        let temporary = folder + "/." + name + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(temporary, "cannot create temporary file") }
        var failed: AtomicFileWriteError?
        do {
            try FileDescriptorIO.writeAll(bytes, to: descriptor)
        } catch {
            failed = AtomicFileWriteError(path: temporary, message: "write failed: \(error.reason)")
        }
        // open() applies the umask; set the mode explicitly so it matches the file being replaced.
        if failed == nil, fchmod(descriptor, mode) != 0 { failed = failure(temporary, "cannot set permissions") }
        if failed == nil, fsync(descriptor) != 0 { failed = failure(temporary, "cannot flush to disk") }
        close(descriptor)
        if failed == nil, rename(temporary, target) != 0 { failed = failure(target, "cannot move temporary file into place") }
        if let failed {
            unlink(temporary)
            throw failed
        }
    }

    /// Writes text as UTF-8; see `write(_:to:newFileMode:)`.
    public static func write(_ text: String, to path: String, newFileMode: Int = 0o644) throws(AtomicFileWriteError) {
        try write(Array(text.utf8), to: path, newFileMode: newFileMode)
    }

    /// Follows symlinks (also dangling ones) to the path that should be replaced.
    static func resolveSymlinks(_ path: String) throws(AtomicFileWriteError) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw failure(current, "cannot read symlink") }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : parentFolder(of: current) + "/" + destination
        }
        throw AtomicFileWriteError(path: path, message: "too many levels of symbolic links")
    }

    private static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ path: String, _ what: String) -> AtomicFileWriteError {
        AtomicFileWriteError(path: path, message: "\(what): \(String(cString: strerror(errno)))")
    }
}
