@testable import CodexSandbox
import Foundation
import Testing

@Suite struct WritableRootsTests {
    @Test func ordersConfiguredRootsThenCwdThenTmpThenTmpdir() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let extra = try temp.directory("extra")
        let cwd = try temp.directory("cwd")
        let tmpdir = try temp.directory("tmpdir")
        let policy = SandboxPolicy.workspaceWrite(.init(writableRoots: [extra]))
        let roots = try policy.writableRoots(cwd: cwd, environment: ["TMPDIR": tmpdir]).map(\.root)
        #expect(roots == [extra, cwd, "/tmp", tmpdir])
    }

    @Test func exclusionsAndUnusableTmpdirAreHonoured() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let cwd = try temp.directory("cwd")
        let excluded = SandboxPolicy.workspaceWrite(.init(excludeTmpdirEnvVar: true, excludeSlashTmp: true))
        #expect(try excluded.writableRoots(cwd: cwd, environment: ["TMPDIR": temp.path]).map(\.root) == [cwd])
        let relative = SandboxPolicy.workspaceWrite(.init(excludeSlashTmp: true))
        #expect(try relative.writableRoots(cwd: cwd, environment: ["TMPDIR": "relative"]).map(\.root) == [cwd])
        #expect(try relative.writableRoots(cwd: cwd, environment: ["TMPDIR": ""]).map(\.root) == [cwd])
        #expect(
            try relative.writableRoots(cwd: cwd, environment: ["TMPDIR": temp.path + "/missing"]).map(\.root)
                == [cwd])
    }

    @Test func duplicatesAndUnnormalisedPathsCollapse() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let cwd = try temp.directory("cwd")
        let policy = SandboxPolicy.workspaceWrite(
            .init(writableRoots: [cwd + "/", cwd + "//./"], excludeTmpdirEnvVar: true, excludeSlashTmp: true))
        #expect(try policy.writableRoots(cwd: cwd, environment: [:]).map(\.root) == [cwd])
    }

    @Test func missingExplicitRootIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let missing = temp.path + "/nope"
        let policy = SandboxPolicy.workspaceWrite(.init(writableRoots: [missing]))
        #expect(throws: SandboxPolicyError("Sandbox expected writable root \(missing), but it does not exist.")) {
            try policy.writableRoots(cwd: temp.path, environment: [:])
        }
        #expect(throws: SandboxPolicyError.self) {
            try SandboxPolicy.workspaceWrite(.init()).writableRoots(cwd: missing, environment: [:])
        }
    }

    @Test func nonWorkspacePoliciesHaveNoRoots() throws {
        #expect(try SandboxPolicy.readOnly().writableRoots(cwd: "/", environment: [:]).isEmpty)
        #expect(try SandboxPolicy.dangerFullAccess.writableRoots(cwd: "/", environment: [:]).isEmpty)
    }

    @Test func protectedFoldersBecomeReadOnlySubpaths() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        _ = try temp.directory(".git")
        _ = try temp.directory(".codex")
        _ = try temp.directory(".agents")
        _ = try temp.directory("src")
        let policy = SandboxPolicy.workspaceWrite(.init(excludeTmpdirEnvVar: true, excludeSlashTmp: true))
        let root = try #require(try policy.writableRoots(cwd: temp.path, environment: [:]).first)
        #expect(root.readOnlySubpaths == [".git", ".codex", ".agents"].map { temp.path + "/" + $0 })
        #expect(root.isWritable(temp.path + "/src/main.swift"))
        #expect(!root.isWritable(temp.path + "/.git/config"))
        #expect(!root.isWritable(temp.path + "/.codex"))
        #expect(root.isWritable(temp.path + "/.github/x"))
        #expect(!root.isWritable("/etc/passwd"))
    }

    @Test func gitFileProtectsItselfAndItsGitdirInsideTheRoot() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        _ = try temp.directory("meta/worktree")
        try temp.write(".git", "gitdir: meta/worktree\n")
        let subpaths = SandboxPolicy.readOnlySubpaths(of: temp.path)
        #expect(subpaths == [temp.path + "/.git", temp.path + "/meta/worktree"])
    }
}
