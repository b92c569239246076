import CodexBasics
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
        let start = AbsolutePath(normalizing: cwd)
        let root = ProjectRoot.find(from: start, markers: markers)?.string ?? cwd
        return ProjectContext(root: root, gitRoot: ProjectRoot.mainRepositoryRoot(from: start)?.string)
    }

    /// The folders between the root and the cwd, root first.
    func foldersFromRoot(to cwd: String) -> [String] {
        var folders: [String] = []
        for directory in AbsolutePath(normalizing: cwd).selfAndAncestors.map(\.string) {
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
            let dotCodex = AbsolutePath(normalizing: folder).appending(".codex").string
            guard FileSystem.isDirectory(dotCodex), FileSystem.canonical(dotCodex) != homeCanonical else { continue }
            let file = AbsolutePath(normalizing: dotCodex).appending("config.toml").string
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
