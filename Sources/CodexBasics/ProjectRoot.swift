/// Walks up from a folder to the root of the project or git repository it belongs to.
public enum ProjectRoot {
    /// The nearest of `start`, its parent, ..., `/` holding an entry named by one of `markers`: a file or
    /// a folder, so a worktree's `.git` file counts like a repository's `.git` folder. Nil when none does.
    public static func find(from start: AbsolutePath, markers: [String] = [".git"]) -> AbsolutePath? {
        guard !markers.isEmpty else { return nil }
        for directory in start.selfAndAncestors {
            for marker in markers where FileKind.of(directory.appending(marker)) != nil {
                return directory
            }
        }
        return nil
    }

    /// The root of the main repository holding `start`: the nearest ancestor with a `.git` folder, or
    /// with a readable `.git` file. A worktree's file (`gitdir: /main/.git/worktrees/NAME`) maps to the
    /// main checkout (`/main`); any other `.git` file names its own folder. Nil outside a repository.
    public static func mainRepositoryRoot(from start: AbsolutePath) -> AbsolutePath? {
        for directory in start.selfAndAncestors {
            let dotGit = directory.appending(".git")
            switch FileKind.of(dotGit) {
            case .directory:
                return directory
            case .regularFile, .other:
                guard let bytes = try? FileDescriptorIO.readFile(atPath: dotGit.string) else { continue }
                return worktreeMainRoot(gitFile: String(decoding: bytes, as: UTF8.self), in: directory) ?? directory
            case nil:
                continue
            }
        }
        return nil
    }

    /// The main checkout named by a worktree's `.git` file, nil when the file is not one.
    static func worktreeMainRoot(gitFile text: String, in directory: AbsolutePath) -> AbsolutePath? {
        let line = trimmed(Substring(text))
        guard line.hasPrefix("gitdir:") else { return nil }
        let gitDir = AbsolutePath(String(trimmed(line.dropFirst("gitdir:".count))), relativeTo: directory)
        let parts = gitDir.components
        guard
            let marker = parts.indices.last(where: {
                parts[$0] == ".git" && $0 + 1 < parts.count && parts[$0 + 1] == "worktrees"
            })
        else { return nil }
        return AbsolutePath(normalizing: parts[..<marker].joined(separator: "/"))
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var view = text
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return view
    }
}
