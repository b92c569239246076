import Glibc

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
        let path = PathUtilities.normalize(path)
        guard PathUtilities.isWithin(path, root) else { return false }
        return !readOnlySubpaths.contains { PathUtilities.isWithin(path, $0) }
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
            guard PathUtilities.exists(root) else {
                throw SandboxPolicyError("Sandbox expected writable root \(root), but it does not exist.")
            }
            candidates.append(root)
        }
        guard PathUtilities.isDirectory(cwd) else {
            throw SandboxPolicyError("Sandbox policy cwd \(cwd) is not an existing directory.")
        }
        candidates.append(cwd)
        if !options.excludeSlashTmp, PathUtilities.isDirectory("/tmp") {
            candidates.append("/tmp")
        }
        if !options.excludeTmpdirEnvVar, let tmpdir = environment["TMPDIR"], tmpdir.hasPrefix("/"),
            PathUtilities.isDirectory(tmpdir)
        {
            candidates.append(tmpdir)
        }

        var seen: Set<String> = []
        var roots: [WritableRoot] = []
        for candidate in candidates {
            let root = PathUtilities.normalize(candidate)
            guard seen.insert(root).inserted else { continue }
            roots.append(WritableRoot(root: root, readOnlySubpaths: Self.readOnlySubpaths(of: root)))
        }
        return roots
    }

    /// Existing `.git` (folder or file), `.codex` and `.agents` folders directly under `root`, plus the
    /// folder a `.git` file points at when that folder is beneath `root` too.
    static func readOnlySubpaths(of root: String) -> [String] {
        guard PathUtilities.isDirectory(root) else { return [] }
        var result: [String] = []
        for name in protectedFolderNames {
            let path = PathUtilities.join(root, name)
            if name == ".git", PathUtilities.isRegularFile(path) {
                result.append(path)
                if let target = gitdirTarget(ofGitFile: path, root: root), PathUtilities.isWithin(target, root) {
                    result.append(target)
                }
            } else if PathUtilities.isDirectory(path) {
                result.append(path)
            }
        }
        return result
    }

    /// Reads `gitdir: PATH` from a worktree's `.git` file.
    private static func gitdirTarget(ofGitFile path: String, root: String) -> String? {
        guard let text = PathUtilities.readSmallFile(path) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("gitdir:") {
            let value = line.dropFirst("gitdir:".count).trimmingCharacters(in: " \t\r")
            guard !value.isEmpty else { return nil }
            let absolute = value.hasPrefix("/") ? value : PathUtilities.join(root, value)
            let normalized = PathUtilities.normalize(absolute)
            return PathUtilities.isDirectory(normalized) ? normalized : nil
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

/// Small lexical path helpers over POSIX calls (no Foundation needed in the helper's hot path).
enum PathUtilities {
    /// Collapses `//`, `.` and `..` components and drops a trailing slash; keeps "/" for the root.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    /// True when `path` equals `ancestor` or lies beneath it (both normalised).
    static func isWithin(_ path: String, _ ancestor: String) -> Bool {
        if ancestor == "/" || path == ancestor { return true }
        return path.hasPrefix(ancestor + "/")
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Reads up to 64 KiB of a text file, or nil when it cannot be read.
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65536 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
