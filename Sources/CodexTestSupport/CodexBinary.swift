import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the built `codex` executable for end-to-end tests.
///
/// Order: `CODEX_BIN` when set (must be executable); else `<package>/.build/debug/codex`, where
/// `<package>` is the first folder at or above `filePath` holding `Package.swift`. It does not run
/// `swift build --show-bin-path`: under `swift test` that would wait on the build lock the test run holds.
/// Build first (`swift build --product codex`) or set `CODEX_BIN`.
public enum CodexBinary {
    /// The path of the `codex` binary.
    /// - Throws: `CodexBinaryNotFound` listing every place that was tried.
    public static func locate(filePath: String = #filePath) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CODEX_BIN"], !explicit.isEmpty {
            guard isExecutable(explicit) else {
                throw CodexBinaryNotFound(tried: [explicit], hint: "CODEX_BIN is set but is not an executable file")
            }
            return explicit
        }
        guard let root = packageRoot(startingAt: filePath) else {
            throw CodexBinaryNotFound(tried: [], hint: "no Package.swift above \(filePath); set CODEX_BIN")
        }
        let candidate = "\(root)/.build/debug/codex"
        guard isExecutable(candidate) else {
            throw CodexBinaryNotFound(
                tried: [candidate], hint: "run `swift build --product codex` first, or set CODEX_BIN")
        }
        return candidate
    }

    /// The nearest folder at or above `filePath` (a file or folder) that contains `Package.swift`.
    public static func packageRoot(startingAt filePath: String) -> String? {
        var components = filePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while true {
            let directory = "/" + components.joined(separator: "/")
            let manifest = components.isEmpty ? "/Package.swift" : "\(directory)/Package.swift"
            if isRegularFile(manifest) { return directory }
            guard !components.isEmpty else { return nil }
            components.removeLast()
        }
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    private static func isExecutable(_ path: String) -> Bool {
        isRegularFile(path) && access(path, X_OK) == 0
    }
}

/// The `codex` binary was not found; names the paths tried and what to do.
public struct CodexBinaryNotFound: Error, Sendable, CustomStringConvertible {
    public var tried: [String]
    public var hint: String

    public init(tried: [String], hint: String) {
        self.tried = tried
        self.hint = hint
    }

    public var description: String {
        "codex binary not found" + (tried.isEmpty ? "" : " (tried: \(tried.joined(separator: ", ")))") + ": \(hint)"
    }
}
