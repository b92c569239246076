import CodexBasics

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls apply_patch needs, with errors worded like Rust's `io::Error`
/// (`No such file or directory (os error 2)`), so messages match the reference.
enum PatchFileSystem {
    /// An OS error: the failing step's errno.
    struct OSError: Error, Equatable {
        var code: Int32

        static var notFound: OSError { OSError(code: ENOENT) }
        static var isDirectory: OSError { OSError(code: EISDIR) }
        static var notDirectory: OSError { OSError(code: ENOTDIR) }

        /// `strerror` text plus the number, as Rust prints it.
        var reason: String {
            guard let text = strerror(code) else { return "os error \(code)" }
            return "\(String(cString: text)) (os error \(code))"
        }
    }

    /// What is at a path (symlinks followed).
    enum Kind: Equatable {
        case missing
        case file(mode: UInt32)
        case directory
        case other
    }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(mode: UInt32(info.st_mode & 0o7777))
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func readFile(_ path: String) throws(OSError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OSError(code: errno) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { throw OSError(code: EISDIR) }
        do {
            return try FileDescriptorIO.readAll(from: descriptor)
        } catch {
            throw OSError(code: error.errno)
        }
    }

    /// Creates `path` and missing ancestors (like `mkdir -p`).
    static func createDirectories(_ path: String) throws(OSError) {
        if case .directory = kind(of: path) { return }
        let parent = parentDirectory(of: path)
        if !parent.isEmpty, parent != path { try createDirectories(parent) }
        if mkdir(path, 0o777) != 0, errno != EEXIST { throw OSError(code: errno) }
        if case .directory = kind(of: path) { return }
        throw OSError(code: ENOTDIR)
    }

    /// Writes through a temporary file in the same folder and renames it over `path`, so readers
    /// see the old or the new content, never a mix.
    ///
    /// - Parameter mode: permission bits for the result; nil keeps an existing file's bits (new
    ///   files get the umask default). A symlink is written through to its target.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: UInt32?) throws(OSError) {
        let destination = resolvedSymlink(path)
        var keptMode = mode
        switch kind(of: destination) {
        case .directory: throw OSError(code: EISDIR)
        case .file(let existing): keptMode = keptMode ?? existing
        case .missing, .other: break
        }
        let folder = parentDirectory(of: destination)
        let base = destination.split(separator: "/").last.map(String.init) ?? "file"
        var descriptor: Int32 = -1
        var temporary = ""
        for attempt in 0..<100 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = (folder.isEmpty ? "" : folder + "/") + ".\(base).\(getpid()).\(attempt).\(suffix).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw OSError(code: errno) }

        var failure: OSError?
        if let keptMode, fchmod(descriptor, mode_t(keptMode)) != 0 { failure = OSError(code: errno) }
        if failure == nil { failure = writeAll(bytes, to: descriptor) }
        if close(descriptor) != 0, failure == nil { failure = OSError(code: errno) }
        if failure == nil, rename(temporary, destination) != 0 { failure = OSError(code: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    static func removeFile(_ path: String) throws(OSError) {
        if unlink(path) != 0 { throw OSError(code: errno) }
    }

    /// The folder part of a path ("" for a bare name, "/" for a file at the root).
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        if slash == path.utf8.startIndex { return "/" }
        return String(decoding: path.utf8[..<slash], as: UTF8.self)
    }

    /// The process's current directory, if it can be read.
    static func currentDirectory() -> String? {
        guard let pointer = getcwd(nil, 0) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> OSError? {
        do {
            try FileDescriptorIO.writeAll(bytes, to: descriptor)
            return nil
        } catch {
            return OSError(code: error.errno)
        }
    }

    /// Follows a symlink at `path` (only the last component) so writes replace the target.
    private static func resolvedSymlink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
              let resolved = realpath(path, nil)
        else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
