import CodexBasics
import Testing

@Suite("AbsolutePath")
struct AbsolutePathTests {
    @Test(arguments: [
        ("/", "/"),
        ("/a/b", "/a/b"),
        ("/a/b/", "/a/b"),
        ("//a///b//", "/a/b"),
        ("/a/./b/.", "/a/b"),
        ("/a/b/../c", "/a/c"),
        ("/a/b/../../..", "/"),
        ("/../../x", "/x"),
        ("/..", "/"),
        ("/a/.../b", "/a/.../b"),
    ])
    func normalizesLexically(_ input: String, _ expected: String) throws {
        let path = try #require(AbsolutePath(input))
        #expect(path.string == expected)
        #expect(AbsolutePath.normalize(input) == expected)
    }

    @Test func refusesRelativeText() {
        #expect(AbsolutePath("a/b") == nil)
        #expect(AbsolutePath("") == nil)
        #expect(AbsolutePath("./x") == nil)
        #expect(AbsolutePath("~/x") == nil)
    }

    @Test func normalizingReadsRelativeTextFromTheRoot() {
        #expect(AbsolutePath(normalizing: "a/../b").string == "/b")
        #expect(AbsolutePath(normalizing: "").string == "/")
    }

    @Test func resolvesAgainstABase() throws {
        let base = try #require(AbsolutePath("/repo/src"))
        #expect(AbsolutePath("main.swift", relativeTo: base).string == "/repo/src/main.swift")
        #expect(AbsolutePath("../docs/./a.md", relativeTo: base).string == "/repo/docs/a.md")
        #expect(AbsolutePath("/etc/hosts", relativeTo: base).string == "/etc/hosts")
        #expect(AbsolutePath("../../../..", relativeTo: base) == .root)
        #expect(AbsolutePath("", relativeTo: base) == base)
    }

    @Test func appendingAndParent() throws {
        let path = try #require(AbsolutePath("/a/b"))
        #expect(path.appending("c").string == "/a/b/c")
        #expect(path.appending("c/../d/").string == "/a/b/d")
        #expect(path.appending("/c").string == "/a/b/c")
        #expect(AbsolutePath.root.appending(".git").string == "/.git")
        #expect(path.parent.string == "/a")
        #expect(path.parent.parent == .root)
        #expect(AbsolutePath.root.parent == .root)
    }

    @Test func componentsAndAncestors() throws {
        let path = try #require(AbsolutePath("/a/b/c"))
        #expect(path.components == ["a", "b", "c"])
        #expect(path.lastComponent == "c")
        #expect(AbsolutePath.root.components.isEmpty)
        #expect(AbsolutePath.root.lastComponent == nil)
        #expect(AbsolutePath.root.isRoot)
        #expect(path.selfAndAncestors.map(\.string) == ["/a/b/c", "/a/b", "/a", "/"])
        #expect(AbsolutePath.root.selfAndAncestors == [.root])
    }

    @Test(arguments: [
        ("/repo", "/repo", true, false),
        ("/repo/src/a", "/repo", true, true),
        ("/repository/a", "/repo", false, false),
        ("/repo", "/repo/src", false, false),
        ("/anything", "/", true, true),
        ("/", "/", true, false),
    ])
    func withinChecks(_ path: String, _ ancestor: String, _ within: Bool, _ descendant: Bool) throws {
        let path = try #require(AbsolutePath(path))
        let ancestor = try #require(AbsolutePath(ancestor))
        #expect(path.isWithin(ancestor) == within)
        #expect(path.isDescendant(of: ancestor) == descendant)
    }

    @Test func resolvesAgainstTheCurrentDirectory() throws {
        let cwd = try #require(AbsolutePath.currentDirectory())
        #expect(AbsolutePath(resolvingAgainstCurrentDirectory: "x/../y") == cwd.appending("y"))
        #expect(AbsolutePath(resolvingAgainstCurrentDirectory: "/tmp/./z").string == "/tmp/z")
    }
}
