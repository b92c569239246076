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
