import CodexProtocol
import FoundationEssentials

/// Where the cwd's project starts and which `.codex/config.toml` files apply to it.
struct ProjectContext: Sendable {
    /// The nearest ancestor of the cwd holding one of the root markers (the cwd when none does).
    let root: String
    /// The main repository root when the cwd is inside a git checkout (a worktree maps to its main repo).
    let gitRoot: String?

    /// Finds the project root and git root of `cwd`.
    static func discover(cwd: String, markers: [String]) -> ProjectContext {
        var root = cwd
        if !markers.isEmpty {
            searching: for directory in ancestors(of: cwd) {
                for marker in markers where FileSystem.exists(ConfigPaths.join(directory, marker)) {
                    root = directory
                    break searching
                }
            }
        }
        return ProjectContext(root: root, gitRoot: findGitRoot(from: cwd))
    }

    /// `path`, its parent, ..., `/`.
    static func ancestors(of path: String) -> [String] {
        var result = [ConfigPaths.normalize(path)]
        while let last = result.last, last != "/" { result.append(ConfigPaths.parent(of: last)) }
        return result
    }

    private static func findGitRoot(from cwd: String) -> String? {
        for directory in ancestors(of: cwd) {
            let dotGit = ConfigPaths.join(directory, ".git")
            if FileSystem.isDirectory(dotGit) { return directory }
            if let contents = FileSystem.readText(dotGit) {
                // A worktree: "gitdir: /main/.git/worktrees/name" -> "/main".
                let line = contents.trimmingWhitespace()
                guard line.hasPrefix("gitdir:") else { return directory }
                let gitDir = ConfigPaths.absolute(
                    line.dropFirst("gitdir:".count).trimmingWhitespace(), base: directory, home: nil)
                let parts = gitDir.split(separator: "/").map(String.init)
                if let marker = parts.indices.last(where: { parts[$0] == ".git" && $0 + 1 < parts.count && parts[$0 + 1] == "worktrees" }) {
                    return "/" + parts[..<marker].joined(separator: "/")
                }
                return directory
            }
        }
        return nil
    }

    /// The folders between the root and the cwd, root first.
    func foldersFromRoot(to cwd: String) -> [String] {
        var folders: [String] = []
        for directory in Self.ancestors(of: cwd) {
            folders.append(directory)
            if directory == root { break }
        }
        return folders.reversed()
    }

    /// The trust recorded in `projects` for `folder`, then the project root, then the git root.
    /// Returns the key that matched (or the key a user should add) and the level found.
    func trust(for folder: String, projects: JSONObject?) -> (key: String, level: TrustLevel?) {
        let candidates = [folder, root] + (gitRoot.map { [$0] } ?? [])
        for candidate in candidates {
            for key in Self.lookupKeys(candidate) {
                if let raw = projects?[key]?["trust_level"]?.stringValue, let level = TrustLevel(rawValue: raw) {
                    return (key, level)
                }
            }
        }
        return (Self.lookupKeys(gitRoot ?? root).first ?? root, nil)
    }

    /// The canonical (symlinks resolved) spelling first, then the spelling as given.
    static func lookupKeys(_ path: String) -> [String] {
        let canonical = FileSystem.canonical(path)
        return canonical == path ? [path] : [canonical, path]
    }
}

/// Loads the `.codex/config.toml` layers of a project, trusted ones enabled, others disabled with a reason.
enum ProjectLayers {
    static let gatedFeatures = "project-local config, hooks, and exec policies"

    static func load(
        cwd: String, context: ProjectContext, projects: JSONObject?, userConfigFile: String, codexHome: String,
        home: String?
    ) throws(ConfigError) -> [ConfigLayer] {
        var layers: [ConfigLayer] = []
        let homeCanonical = FileSystem.canonical(codexHome)
        for folder in context.foldersFromRoot(to: cwd) {
            let dotCodex = ConfigPaths.join(folder, ".codex")
            guard FileSystem.isDirectory(dotCodex), FileSystem.canonical(dotCodex) != homeCanonical else { continue }
            let file = ConfigPaths.join(dotCodex, "config.toml")
            let table = try ConfigFileReader.readLayer(file: file, home: home) ?? JSONObject()
            let decision = context.trust(for: folder, projects: projects)
            let reason: String?
            switch decision.level {
            case .trusted:
                reason = nil
            case .untrusted:
                reason = "\(decision.key) is marked as untrusted in \(userConfigFile). To load \(gatedFeatures), mark it trusted."
            case nil:
                reason = "To load \(gatedFeatures), add \(decision.key) as a trusted project in \(userConfigFile)."
            }
            layers.append(ConfigLayer(source: .project(dotCodexFolder: dotCodex), config: table, disabledReason: reason))
        }
        return layers
    }
}
