import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A uniquely named directory under the system temp dir (`TMPDIR`, else `/tmp`), removed recursively by
/// `remove()` or at the end of `withTemporaryDirectory`.
public struct TemporaryDirectory: Sendable, Hashable {
    /// Absolute path of the directory.
    public let path: String

    /// Creates a fresh directory named `<prefix>.XXXXXX` (mode 0700).
    /// - Throws: `TemporaryDirectoryError` when `mkdtemp` fails.
    public static func create(prefix: String = "codex-test", in parent: String? = nil) throws -> TemporaryDirectory {
        let base = parent ?? systemTemporaryDirectory()
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let address = buffer.baseAddress else { return false }
            return mkdtemp(address) != nil
        }
        guard created else {
            throw TemporaryDirectoryError(path: base, reason: "mkdtemp failed (errno \(errno))")
        }
        let path = template.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return TemporaryDirectory(path: path)
    }

    /// Runs `body` with a fresh directory and removes it afterwards, also when `body` throws.
    public static func withTemporaryDirectory<Result>(
        prefix: String = "codex-test", _ body: (TemporaryDirectory) async throws -> Result
    ) async throws -> Result {
        let directory = try create(prefix: prefix)
        defer { directory.remove() }
        return try await body(directory)
    }

    /// `path/component/...`.
    public func appending(_ components: String...) -> String {
        ([path] + components).joined(separator: "/")
    }

    /// Creates `relativePath` (and missing parents) inside this directory and returns its absolute path.
    @discardableResult
    public func makeDirectory(_ relativePath: String) throws -> String {
        let full = appending(relativePath)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    /// Writes `text` to `relativePath` atomically (temp file + rename) and returns its absolute path.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> String {
        let full = appending(relativePath)
        try Data(text.utf8).write(to: URL(filePath: full), options: .atomic)
        return full
    }

    /// Reads a file inside this directory as UTF-8.
    public func read(_ relativePath: String) throws -> String {
        let data = try Data(contentsOf: URL(filePath: appending(relativePath)))
        return String(decoding: data, as: UTF8.self)
    }

    /// Removes the directory and everything in it; a missing directory is fine.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `TMPDIR` without a trailing slash, or `/tmp`.
    public static func systemTemporaryDirectory() -> String {
        var base = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base.isEmpty ? "/tmp" : base
    }
}

/// A temporary directory could not be created.
public struct TemporaryDirectoryError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "temporary directory in \(path): \(reason)" }
}
