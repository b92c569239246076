#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path names, symlinks followed (`stat(2)`).
public enum FileKind: Sendable, Hashable {
    case regularFile
    case directory
    /// A device, socket, FIFO or other special file.
    case other

    /// What `path` names; nil when nothing is there (or it cannot be examined, or a symlink dangles).
    public static func of(_ path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// What `path` names; nil when nothing is there.
    public static func of(_ path: AbsolutePath) -> FileKind? {
        of(path.string)
    }
}
