import CodexBasics
import CSandbox
import Glibc

/// The filesystem one sandboxed run sees, built in its private mount namespace: everything
/// read-only, the writable roots writable again, and the protected folders (`.git`, `.codex`,
/// `.agents`) under each root read-only on top, including those that do not exist yet.
struct FilesystemView {
    /// Writable roots, parents before children (a nested root is attached on top of its parent).
    var writableRoots: [String]
    /// Paths covered read-only: existing protected folders, their gitdirs, symlinked names, and the
    /// placeholders made for missing names.
    var protectedPaths: [String]
    /// Protected names that do not exist yet: each gets a placeholder before the view is built.
    var missingPaths: [String]

    /// The view for `roots`: their read-only subpaths, plus every protected name that is a symlink
    /// (which `readOnlySubpaths` leaves out when it points nowhere) or, under `placeholderRoots`, missing.
    /// The shared temporary roots (/tmp, $TMPDIR) get no placeholders: a `/tmp/.git` appearing during
    /// every run would change project discovery for every other program working under /tmp.
    static func plan(roots: [WritableRoot], placeholderRoots: Set<String>) -> FilesystemView {
        var protected = Set(roots.flatMap(\.readOnlySubpaths))
        var missing: [String] = []
        for root in roots.map(\.root) where FileKind.of(root) == .directory {
            for name in protectedFolderNames {
                let path = AbsolutePath(normalizing: root).appending(name).string
                var info = stat()
                if lstat(path, &info) != 0 {
                    if errno == ENOENT, placeholderRoots.contains(root) { missing.append(path) }
                } else if (info.st_mode & S_IFMT) == S_IFLNK {
                    protected.insert(path)
                }
            }
        }
        let ordered = roots.map(\.root).sorted { ($0.count, $0) < ($1.count, $1) }
        return FilesystemView(writableRoots: ordered, protectedPaths: protected.sorted(), missingPaths: missing)
    }

    /// Creates the placeholders for missing protected names and returns the held ones (path and
    /// locked descriptor). A name the caller may not create is one the command cannot create
    /// either, so only other failures become warnings.
    mutating func acquirePlaceholders(warnings: inout [String]) -> [(path: String, fd: Int32)] {
        var held: [(path: String, fd: Int32)] = []
        for path in missingPaths {
            let result = csb_placeholder_acquire(path)
            if result >= 0 {
                held.append((path, result))
                protectedPaths.append(path)
            } else if -result == EEXIST || FileKind.of(path) != nil {
                protectedPaths.append(path)  // there now (made meanwhile, or not ours): protect it as it is
            } else if ![EACCES, EPERM, EROFS].contains(-result) {
                warnings.append(
                    "codex-linux-sandbox: warning: \(path) stays creatable: cannot make its placeholder: \(errorText(-result))")
            }
        }
        return held
    }

    /// Enters the private mount namespace and builds the view; returns a reason when impossible.
    func build() -> String? {
        var stage: UnsafePointer<CChar>?
        let result = withCStringArray(writableRoots) { roots, rootCount in
            withCStringArray(protectedPaths) { paths, pathCount in
                csb_build_filesystem_view(roots, rootCount, paths, pathCount, &stage)
            }
        }
        guard result != 0 else { return nil }
        let step = stage.map { String(cString: $0) } ?? "mount namespace"
        return "\(step): \(errorText(result))"
    }

    /// The warning every run prints when the view cannot be built (never a silent downgrade).
    static func unprotectedWarning(_ reason: String) -> String {
        "codex-linux-sandbox: warning: no read-only filesystem view (\(reason)); file metadata (mode, owner, "
            + "times, extended attributes) outside the writable roots and the folders "
            + protectedFolderNames.joined(separator: ", ") + " inside them are NOT protected"
    }
}
