import CodexBasics

/// The ignore files of one folder on the way from `/` to a walked folder, linked to the level above.
/// Only folders with an ignore file or a `.git` get a level.
///
/// The reference's rules (the `ignore` crate's defaults): `.ignore` files always apply; `.gitignore`,
/// `.git/info/exclude` and the global excludes file apply only inside a git repository (a folder
/// with `.git`, file or folder, at or above), and `.gitignore` files above the repository's top are
/// not read. The nearest folder's verdict wins; `.ignore` beats `.gitignore`, which beats `exclude`,
/// which beats the global file. Hidden files are not skipped.
final class IgnoreLevel: Sendable {
    let parent: IgnoreLevel?
    /// Bytes of an absolute path that precede the path relative to this folder.
    let prefixLength: Int
    let ignoreFile: IgnoreRules?
    let gitignoreFile: IgnoreRules?
    let excludeFile: IgnoreRules?
    let hasGit: Bool
    /// This folder or one above it has `.git`.
    let anyGit: Bool

    init(
        parent: IgnoreLevel?, folderLength: Int, ignoreFile: IgnoreRules?, gitignoreFile: IgnoreRules?,
        excludeFile: IgnoreRules?, hasGit: Bool
    ) {
        self.parent = parent
        self.prefixLength = folderLength + 1
        self.ignoreFile = ignoreFile
        self.gitignoreFile = gitignoreFile
        self.excludeFile = excludeFile
        self.hasGit = hasGit
        self.anyGit = hasGit || (parent?.anyGit ?? false)
    }

    /// Reads the ignore files of `folder` (absolute, "" for `/`) given which of them its listing has; nil when
    /// there is nothing to add to `parent`.
    static func reading(
        folder: String, parent: IgnoreLevel?, hasIgnore: Bool, hasGitignore: Bool, git: FileKind?
    ) -> IgnoreLevel? {
        let ignoreFile = hasIgnore ? rules(at: folder + "/.ignore") : nil
        let gitignoreFile = hasGitignore ? rules(at: folder + "/.gitignore") : nil
        let excludeFile = git == .directory ? rules(at: folder + "/.git/info/exclude") : nil
        guard ignoreFile != nil || gitignoreFile != nil || excludeFile != nil || git != nil else { return nil }
        return IgnoreLevel(
            parent: parent, folderLength: folder.utf8.count, ignoreFile: ignoreFile, gitignoreFile: gitignoreFile,
            excludeFile: excludeFile, hasGit: git != nil)
    }

    /// The levels of `folder`'s ancestors (not of `folder` itself, whose listing adds its own), from `/`
    /// down; `folder` is absolute and normalized.
    static func chain(above folder: String) -> IgnoreLevel? {
        var level: IgnoreLevel?
        let components = folder.split(separator: "/")
        // "" stands for `/` (its files are "/.git", "/.ignore"...).
        var path = ""
        for depth in 0..<components.count {
            if depth > 0 { path += "/" + components[depth - 1] }
            if let next = reading(
                folder: path, parent: level, hasIgnore: FileKind.of(path + "/.ignore") == .regularFile,
                hasGitignore: FileKind.of(path + "/.gitignore") == .regularFile, git: FileKind.of(path + "/.git"))
            {
                level = next
            }
        }
        return level
    }

    /// The rules in the file at `path`; nil when it is unreadable or has none. (An unreadable ignore
    /// file is skipped, as the reference's walk skips it: the search still answers.)
    private static func rules(at path: String) -> IgnoreRules? {
        let text: [UInt8]
        do {
            text = try FileDescriptorIO.readFile(atPath: path, limit: 1 << 24)
        } catch {
            return nil
        }
        let rules = IgnoreRules(parsing: text)
        return rules.isEmpty ? nil : rules
    }

    /// True when an entry of this level's folder (or below it) is ignored. `path` is the entry's
    /// absolute path and `nameStart` where its last component starts.
    func isIgnored(path: UnsafeBufferPointer<UInt8>, nameStart: Int, isFolder: Bool, global: IgnoreRules?) -> Bool {
        var fromIgnore = IgnoreRules.Verdict.none
        var fromGitignore = IgnoreRules.Verdict.none
        var fromExclude = IgnoreRules.Verdict.none
        var sawGit = false
        var level: IgnoreLevel? = self
        while let current = level {
            let prefix = current.prefixLength
            if prefix <= nameStart {
                let relative = UnsafeBufferPointer(rebasing: path[prefix...])
                let name = nameStart - prefix
                if fromIgnore == .none, let rules = current.ignoreFile {
                    fromIgnore = rules.verdict(path: relative, nameStart: name, isFolder: isFolder)
                }
                if anyGit && !sawGit {
                    if fromGitignore == .none, let rules = current.gitignoreFile {
                        fromGitignore = rules.verdict(path: relative, nameStart: name, isFolder: isFolder)
                    }
                    if fromExclude == .none, let rules = current.excludeFile {
                        fromExclude = rules.verdict(path: relative, nameStart: name, isFolder: isFolder)
                    }
                }
            }
            sawGit = sawGit || current.hasGit
            level = current.parent
        }
        for verdict in [fromIgnore, fromGitignore, fromExclude] where verdict != .none {
            return verdict == .ignore
        }
        if anyGit, let global {
            let relative = UnsafeBufferPointer(rebasing: path[1...])
            return global.verdict(path: relative, nameStart: nameStart - 1, isFolder: isFolder) == .ignore
        }
        return false
    }
}
