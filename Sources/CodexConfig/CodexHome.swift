import CodexBasics
import FoundationEssentials

/// Where Codex keeps its state: `$CODEX_HOME`, else `~/.codex`.
public struct CodexHome: Sendable, Hashable {
    /// The absolute path of the folder (it may not exist yet when it came from the default).
    public let path: String

    public init(path: String) { self.path = path }

    /// Resolves the folder from an environment.
    ///
    /// A non-empty `CODEX_HOME` must name an existing folder (symlinks are resolved); otherwise
    /// `$HOME/.codex` is used and need not exist yet.
    /// - Throws: `CodexHomeError` naming the path when `CODEX_HOME` is missing or not a folder.
    public static func resolve(environment: [String: String]) throws(CodexHomeError) -> CodexHome {
        if let configured = environment["CODEX_HOME"], !configured.isEmpty {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: configured, isDirectory: &isDirectory) else {
                throw CodexHomeError(message: "CODEX_HOME points to \"\(configured)\", but that path does not exist")
            }
            guard isDirectory else {
                throw CodexHomeError(message: "CODEX_HOME points to \"\(configured)\", but that path is not a directory")
            }
            let resolved = AbsolutePath.resolvingSymlinks(configured)
                ?? AbsolutePath(resolvingAgainstCurrentDirectory: configured)
            return CodexHome(path: resolved.string)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        return CodexHome(path: (home.hasSuffix("/") ? home : home + "/") + ".codex")
    }

    /// A path inside the folder.
    public func appending(_ component: String) -> String {
        path.hasSuffix("/") ? path + component : path + "/" + component
    }

    /// Creates the folder (mode 0700) if it does not exist yet.
    public func createIfNeeded() throws {
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }
}

/// CODEX_HOME could not be used.
public struct CodexHomeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "Error finding codex home: \(message)" }
}
