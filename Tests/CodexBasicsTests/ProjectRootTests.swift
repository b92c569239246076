import CodexBasics
import Testing

@Suite("ProjectRoot")
struct ProjectRootTests {
    @Test func findsTheNearestFolderWithAMarker() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.makeFolder("repo/.git")
        let deep = try scratch.makeFolder("repo/src/module")
        #expect(ProjectRoot.find(from: deep) == scratch.path.appending("repo"))
        #expect(ProjectRoot.find(from: scratch.path.appending("repo")) == scratch.path.appending("repo"))
        #expect(ProjectRoot.mainRepositoryRoot(from: deep) == scratch.path.appending("repo"))
    }

    @Test func honoursCustomMarkersInOrderOfNearness() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.makeFolder("outer/.git")
        try scratch.makeFolder("outer/inner/deep")
        try scratch.writeFile("outer/inner/.hg", "")
        let deep = scratch.path.appending("outer/inner/deep")
        #expect(ProjectRoot.find(from: deep, markers: [".git", ".hg"]) == scratch.path.appending("outer/inner"))
        #expect(ProjectRoot.find(from: deep, markers: [".git"]) == scratch.path.appending("outer"))
        #expect(ProjectRoot.find(from: deep, markers: []) == nil)
    }

    @Test func returnsNilOutsideAnyProject() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = try scratch.makeFolder("plain/folder")
        #expect(ProjectRoot.find(from: folder, markers: ["codex-no-such-marker-\(UInt64.random(in: 0...UInt64.max))"]) == nil)
    }

    @Test func aWorktreeGitFileCountsAndMapsToTheMainCheckout() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.makeFolder("main/.git/worktrees/feature")
        try scratch.makeFolder("feature/src")
        let mainGitDir = scratch.path.appending("main/.git/worktrees/feature").string
        try scratch.writeFile("feature/.git", "gitdir: \(mainGitDir)\n")
        let start = scratch.path.appending("feature/src")
        #expect(ProjectRoot.find(from: start) == scratch.path.appending("feature"))
        #expect(ProjectRoot.mainRepositoryRoot(from: start) == scratch.path.appending("main"))
    }

    @Test func aRelativeWorktreeGitdirIsReadFromTheGitFilesFolder() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.makeFolder("main/.git/worktrees/wt")
        try scratch.makeFolder("main/wt")
        try scratch.writeFile("main/wt/.git", "gitdir: ../.git/worktrees/wt")
        #expect(ProjectRoot.mainRepositoryRoot(from: scratch.path.appending("main/wt")) == scratch.path.appending("main"))
    }

    @Test func aGitFileThatIsNotAWorktreeNamesItsOwnFolder() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.makeFolder("sub")
        try scratch.writeFile("sub/.git", "gitdir: /somewhere/modules/sub")
        #expect(ProjectRoot.mainRepositoryRoot(from: scratch.path.appending("sub")) == scratch.path.appending("sub"))
        try scratch.writeFile("sub/.git", "not a git file")
        #expect(ProjectRoot.mainRepositoryRoot(from: scratch.path.appending("sub")) == scratch.path.appending("sub"))
    }
}
