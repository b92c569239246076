import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

@testable import CodexAppServer

/// Which files a walk lists, pinned to what the reference (0.163.0) listed for the same trees (its answer
/// to a whitespace query, which matches everything).
@Suite struct FileTreeWalkerTests {
    /// Every indexed path of `roots`: folders end in `/`, a root's own folder is `/`.
    static func listing(_ roots: [String], global: IgnoreRules? = nil) async throws -> Set<String> {
        let index = try #require(await FileTreeWalker(roots: roots, globalRules: global).walk { false })
        let paths = (0..<index.count).map { index.path($0) + (index.entries[$0].isFolder ? "/" : "") }
        #expect(Set(paths).count == paths.count, "listed twice: \(paths)")
        return Set(paths)
    }

    static func makeTree(_ root: TemporaryDirectory) throws {
        let manager = FileManager.default
        for folder in ["parent/child/sub", "repo/.git/info", "repo/a/b", "repo/a/b2", "repo/c/deep", "loop", "wt"] {
            _ = try root.makeDirectory(folder)
        }
        let files: [(String, String)] = [
            ("parent/.gitignore", "child/\n"), ("parent/child/needle-visible.txt", ""),
            ("parent/child/sub/needle2.txt", ""), ("parent/child/.ignore", "needleB.txt\n"),
            ("parent/child/needleB.txt", ""), ("parent/child/needleG2", ""),
            ("repo/.git/info/exclude", "needleX*\n"), ("repo/needleX1", ""), ("repo/needleY1", ""),
            ("repo/needleG1", ""), ("repo/.gitignore", "*.log\n!keep.log\n/top.txt\nb/\n**/deep/*.tmp\n"),
            ("repo/x.log", ""), ("repo/keep.log", ""), ("repo/top.txt", ""), ("repo/a/top.txt", ""),
            ("repo/a/b/inner.txt", ""), ("repo/c/deep/z.tmp", ""), ("repo/c/deep/z.txt", ""),
            ("repo/c/.gitignore", "z.txt\n"), ("loop/f.txt", ""), ("wt/.git", "gitdir: /nowhere\n"),
            ("wt/.gitignore", "wtfile\n"), ("wt/wtfile", ""), ("wt/other", ""),
        ]
        for (path, text) in files { _ = try root.write(text, to: path) }
        try manager.createSymbolicLink(atPath: root.appending("loop/up"), withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: root.appending("loop/dangling"), withDestinationPath: "nowhere")
    }

    @Test func ignoreFilesApplyAsInTheReference() async throws {
        let root = try TemporaryDirectory.create(prefix: "walker")
        defer { root.remove() }
        try Self.makeTree(root)
        // No git repository: `.gitignore` is not read, `.ignore` is.
        #expect(
            try await Self.listing([root.appending("parent")]) == [
                "/", ".gitignore", "child/", "child/.ignore", "child/needle-visible.txt", "child/needleG2", "child/sub/",
                "child/sub/needle2.txt",
            ])
        #expect(
            try await Self.listing([root.appending("parent/child")]) == [
                "/", ".ignore", "needle-visible.txt", "needleG2", "sub/", "sub/needle2.txt",
            ])
        // In a repository: `.gitignore` (negation, anchoring, folder-only, `**`), `.git/info/exclude`;
        // `.git` itself is listed.
        #expect(
            try await Self.listing([root.appending("repo")]) == [
                "/", ".git/", ".git/info/", ".git/info/exclude", ".gitignore", "a/", "a/b2/", "a/top.txt", "c/",
                "c/.gitignore", "c/deep/", "keep.log", "needleG1", "needleY1",
            ])
        // A root inside a repository still gets the rules of the folders above it.
        #expect(try await Self.listing([root.appending("repo/a")]) == ["/", "b2/", "top.txt"])
        #expect(try await Self.listing([root.appending("repo/c")]) == ["/", ".gitignore", "deep/"])
        // A `.git` file (a worktree) makes a repository too.
        #expect(try await Self.listing([root.appending("wt")]) == ["/", ".git", ".gitignore", "other"])
    }

    @Test func globalExcludesApplyOnlyInsideRepositories() async throws {
        let root = try TemporaryDirectory.create(prefix: "walker")
        defer { root.remove() }
        try Self.makeTree(root)
        let global = IgnoreRules(parsing: Array("needleG*\n".utf8))
        #expect(!(try await Self.listing([root.appending("repo")], global: global)).contains("needleG1"))
        #expect(try await Self.listing([root.appending("parent/child")], global: global).contains("needleG2"))
    }

    @Test func symlinksAreFollowedButNotInCircles() async throws {
        let root = try TemporaryDirectory.create(prefix: "walker")
        defer { root.remove() }
        try Self.makeTree(root)
        let listing = try await Self.listing([root.appending("loop")])
        #expect(listing.contains("up/loop/f.txt"))
        #expect(listing.contains("up/repo/keep.log"))
        #expect(!listing.contains("up/repo/x.log"))
        #expect(!listing.contains { $0.hasPrefix("up/loop/up/") })
        #expect(!listing.contains("dangling"))
    }

    @Test func nestedRootsOwnTheirEntriesAndMissingRootsAreSkipped() async throws {
        let root = try TemporaryDirectory.create(prefix: "walker")
        defer { root.remove() }
        try Self.makeTree(root)
        let parent = root.appending("parent")
        let child = root.appending("parent/child")
        let index = try #require(
            await FileTreeWalker(roots: [parent, child, root.appending("missing")], globalRules: nil).walk { false })
        let needles = (0..<index.count).filter { index.path($0).hasSuffix("needle2.txt") }
        #expect(needles.map { index.path($0) } == ["sub/needle2.txt", "sub/needle2.txt"])
        #expect(needles.map { index.roots[Int(index.entries[$0].root)] } == [child, child])
    }

    @Test func aCancelledWalkAnswersNothing() async throws {
        let root = try TemporaryDirectory.create(prefix: "walker")
        defer { root.remove() }
        try Self.makeTree(root)
        #expect(await FileTreeWalker(roots: [root.path], globalRules: nil).walk { true } == nil)
    }

    /// A difference kept on purpose: at the result cap, among equal scores the reference keeps the shorter
    /// paths and then the ones its parallel walk found first (run to run); we keep the shorter, then the
    /// smaller path, and list the kept ones by score, then path.
    @Test func tiesAtTheCapGoToShorterThenSmallerPaths() async throws {
        let root = try TemporaryDirectory.create(prefix: "walker")
        defer { root.remove() }
        for name in ["b_x", "a_x", "cc_x", "c_x"] { _ = try root.write("", to: name) }
        let index = try #require(await FileTreeWalker(roots: [root.path], globalRules: nil).walk { false })
        let ranked = try #require(await index.rank(FuzzyPattern("x"), limit: 3) { false })
        #expect(ranked.map(\.path) == ["a_x", "b_x", "c_x"])
        #expect(Set(ranked.map(\.score)).count == 1)
    }
}
