import CodexBasics
import FoundationEssentials

/// Finds and reads the AGENTS.md files that apply to a working directory.
///
/// Search order: from the git root (the nearest ancestor holding `.git`) down to the cwd; in each
/// folder the first existing of `AGENTS.override.md`, `AGENTS.md`, then the configured fallback
/// names. Files share one byte budget; whitespace-only files are skipped.
public struct ProjectInstructions: Sendable {
    public var maxBytes: Int
    public var fallbackFilenames: [String]

    public init(maxBytes: Int = 32 * 1024, fallbackFilenames: [String] = []) {
        self.maxBytes = maxBytes
        self.fallbackFilenames = fallbackFilenames
    }

    /// The folders searched for a cwd: git root down to cwd (just cwd outside a repository).
    public static func searchDirectories(cwd: String) -> [String] {
        let start = AbsolutePath(resolvingAgainstCurrentDirectory: cwd)
        guard let root = ProjectRoot.find(from: start, markers: [".git"]) else { return [start.string] }
        var chain: [String] = []
        for directory in start.selfAndAncestors {
            chain.append(directory.string)
            if directory == root { break }
        }
        return chain.reversed()
    }

    /// The concatenated project documents for `cwd`, or nil when there are none (or the budget is 0).
    public func load(cwd: String) -> String? {
        guard maxBytes > 0 else { return nil }
        var remaining = maxBytes
        var parts: [String] = []
        for directory in Self.searchDirectories(cwd: cwd) {
            guard remaining > 0 else { break }
            let candidates = ["AGENTS.override.md", "AGENTS.md"] + fallbackFilenames
            guard let path = candidates.map({ directory + (directory == "/" ? "" : "/") + $0 })
                .first(where: { FileManager.default.fileExists(atPath: $0) }),
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            let bytes = Array(data.prefix(remaining))
            let text = String(decoding: bytes, as: UTF8.self)
            guard !text.allSatisfy(\.isWhitespace) else { continue }
            remaining -= bytes.count
            parts.append(text)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }
}
