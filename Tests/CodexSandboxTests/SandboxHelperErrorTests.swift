@testable import CodexSandbox
import Foundation
import Testing

/// Bad input to the helper: one line on stderr, exit code 1, and the command never runs.
@Suite struct SandboxHelperErrorTests {
    private func expectOneLineFailure(
        _ arguments: [String], cwd: String, containing fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try SandboxTestSupport.runHelper(arguments: ["codex-linux-sandbox"] + arguments, cwd: cwd)
        #expect(run.exitCode == 1, sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, sourceLocation: sourceLocation)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.hasPrefix("codex-linux-sandbox: "), sourceLocation: sourceLocation)
        #expect(run.standardError.contains(fragment), "stderr: \(run.standardError)", sourceLocation: sourceLocation)
    }

    @Test func nonexistentWritableRoot() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let missing = temp.path + "/missing-root"
        let policy = SandboxPolicy.workspaceWrite(.init(writableRoots: [missing])).jsonString()
        try expectOneLineFailure(
            ["--sandbox-policy-cwd", temp.path, "--sandbox-policy", policy, "--", "touch", temp.path + "/ran"],
            cwd: temp.path, containing: "Sandbox expected writable root \(missing), but it does not exist.")
        #expect(!temp.exists("ran"))
    }

    @Test func unparsablePolicyJSON() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try expectOneLineFailure(
            ["--sandbox-policy-cwd", temp.path, "--sandbox-policy", "{\"type\":", "--", "touch", temp.path + "/ran"],
            cwd: temp.path, containing: "invalid --sandbox-policy: invalid JSON")
        #expect(!temp.exists("ran"))
    }

    @Test func missingCommand() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try expectOneLineFailure(
            ["--sandbox-policy-cwd", temp.path, "--sandbox-policy", #"{"type":"read-only"}"#, "--"],
            cwd: temp.path, containing: "No command specified to execute.")
    }

    @Test func unknownOptionAndMissingFlags() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try expectOneLineFailure(["--frobnicate", "--", "true"], cwd: temp.path, containing: "unknown option --frobnicate")
        try expectOneLineFailure(["--", "true"], cwd: temp.path, containing: "missing --sandbox-policy-cwd")
    }

    @Test func commandThatCannotBeExecuted() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try expectOneLineFailure(
            ["--sandbox-policy-cwd", temp.path, "--sandbox-policy", #"{"type":"read-only"}"#, "--", "no-such-cmd-xyz"],
            cwd: temp.path, containing: "Failed to execvp no-such-cmd-xyz")
    }
}
