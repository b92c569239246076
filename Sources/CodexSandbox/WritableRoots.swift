import CodexBasics

/// A folder the sandbox lets a command write beneath, and the subpaths inside it that stay read-only.
public struct WritableRoot: Sendable, Equatable, Codable {
    /// Absolute, lexically normalised path of the writable folder.
    public var root: String
    /// Absolute paths beneath `root` that stay read-only (`.git`, `.codex`, `.agents`, a gitdir).
    public var readOnlySubpaths: [String]

    public init(root: String, readOnlySubpaths: [String] = []) {
        self.root = root
        self.readOnlySubpaths = readOnlySubpaths
    }

    /// True when `path` (absolute, normalised) lies beneath the root and outside every read-only subpath.
    public func isWritable(_ path: String) -> Bool {
        let path = AbsolutePath(normalizing: path)
        guard path.isWithin(AbsolutePath(normalizing: root)) else { return false }
        return !readOnlySubpaths.contains { path.isWithin(AbsolutePath(normalizing: $0)) }
    }

    private enum CodingKeys: String, CodingKey {
        case root
        case readOnlySubpaths = "read_only_subpaths"
    }
}

/// Folder names kept read-only directly under every writable root.
let protectedFolderNames = [".git", ".codex", ".agents"]

extension SandboxPolicy {
    /// The effective writable roots, in the reference's order: configured `writable_roots`, the policy
    /// cwd, `/tmp` (unless excluded or missing), `$TMPDIR` (unless excluded, unset, relative or
    /// missing). Empty for read-only; full-disk policies have no roots (they need none).
    /// Explicit roots and the cwd must exist: a missing one is an error, never silently dropped.
    public func writableRoots(cwd: String, environment: [String: String]) throws(SandboxPolicyError) -> [WritableRoot] {
        guard case .workspaceWrite(let options) = self else { return [] }
        guard cwd.hasPrefix("/") else {
            throw SandboxPolicyError("sandbox policy cwd \"\(cwd)\" is not an absolute path")
        }
        var candidates: [String] = []
        for root in options.writableRoots {
            guard FileKind.of(root) != nil else {
                throw SandboxPolicyError("Sandbox expected writable root \(root), but it does not exist.")
            }
            candidates.append(root)
        }
        guard FileKind.of(cwd) == .directory else {
            throw SandboxPolicyError("Sandbox policy cwd \(cwd) is not an existing directory.")
        }
        candidates.append(cwd)
        if !options.excludeSlashTmp, FileKind.of("/tmp") == .directory {
            candidates.append("/tmp")
        }
        if !options.excludeTmpdirEnvVar, let tmpdir = environment["TMPDIR"], tmpdir.hasPrefix("/"),
            FileKind.of(tmpdir) == .directory
        {
            candidates.append(tmpdir)
        }

        var seen: Set<String> = []
        var roots: [WritableRoot] = []
        for candidate in candidates {
            let root = AbsolutePath.normalize(candidate)
            guard seen.insert(root).inserted else { continue }
            roots.append(WritableRoot(root: root, readOnlySubpaths: Self.readOnlySubpaths(of: root)))
        }
        return roots
    }

    /// Existing `.git` (folder or file), `.codex` and `.agents` folders directly under `root`, plus the
    /// folder a `.git` file points at when that folder is beneath `root` too.
    static func readOnlySubpaths(of root: String) -> [String] {
        guard FileKind.of(root) == .directory else { return [] }
        let rootPath = AbsolutePath(normalizing: root)
        var result: [String] = []
        for name in protectedFolderNames {
            let path = rootPath.appending(name).string
            let kind = FileKind.of(path)
            if name == ".git", kind == .regularFile {
                result.append(path)
                if let target = gitdirTarget(ofGitFile: path, root: rootPath), target.isWithin(rootPath) {
                    result.append(target.string)
                }
            } else if kind == .directory {
                result.append(path)
            }
        }
        return result
    }

    /// Reads `gitdir: PATH` from a worktree's `.git` file.
    private static func gitdirTarget(ofGitFile path: String, root: AbsolutePath) -> AbsolutePath? {
        // An unreadable file protects only itself, as before it was read.
        guard let bytes = try? FileDescriptorIO.readFile(atPath: path, limit: 65536) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("gitdir:") {
            let value = line.dropFirst("gitdir:".count).trimmingCharacters(in: " \t\r")
            guard !value.isEmpty else { return nil }
            let target = AbsolutePath(value, relativeTo: root)
            return FileKind.of(target) == .directory ? target : nil
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var view = self[...]
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
