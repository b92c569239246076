#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AbsolutePath {
    /// The process's current directory; nil when it cannot be read (removed, or no permission).
    public static func currentDirectory() -> AbsolutePath? {
        guard let pointer = getcwd(nil, 0) else { return nil }
        defer { free(pointer) }
        return AbsolutePath(String(cString: pointer))
    }

    /// The canonical path of an existing file or folder: every symlink, `.` and `..` resolved (realpath(3));
    /// nil when it does not exist or a component cannot be searched.
    public static func resolvingSymlinks(_ string: String) -> AbsolutePath? {
        guard let resolved = realpath(string, nil) else { return nil }
        defer { free(resolved) }
        return AbsolutePath(String(cString: resolved))
    }

    /// `string` taken from the process's current directory when it is relative (from `/` when that
    /// cannot be read), then normalized.
    public init(resolvingAgainstCurrentDirectory string: String) {
        if let absolute = AbsolutePath(string) {
            self = absolute
        } else {
            self.init(string, relativeTo: Self.currentDirectory() ?? .root)
        }
    }
}
