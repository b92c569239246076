@testable import CodexSandbox
import Foundation
import Testing

/// Issue 11's rows as an unprivileged user (uid 65534, through setpriv): the helper then builds
/// its view in a user namespace. Skipped when the machine does not allow it (no root to switch
/// users, no setpriv, a helper that uid 65534 cannot execute, or no unprivileged user namespaces).
@Suite(.serialized) struct SandboxUnprivilegedTests {
    static let nobody: UInt32 = 65534

    /// Runs the helper as uid/gid 65534 with `command` under `policy`; nil (after printing why)
    /// when this machine cannot.
    static func runAsNobody(_ command: [String], policy: SandboxPolicy, cwd: String) throws -> CapturedRun? {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("SKIPPED: needs root and setpriv to run the helper as an unprivileged user")
            return nil
        }
        let launch = SandboxCommandBuilder.build(
            command: command, policy: policy, policyCwd: cwd, helperExecutable: SandboxTestSupport.helperPath)
        // setpriv cannot set argv[0]; bash's `exec -a` gives the helper its `codex-linux-sandbox` name.
        let helperCommand = ["exec", "-a", "codex-linux-sandbox", SandboxTestSupport.helperPath] + launch.arguments.dropFirst()
        let quoted = helperCommand.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let request = LaunchRequest(
            executable: "/usr/bin/setpriv",
            arguments: [
                "setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "bash", "-c",
                quoted.joined(separator: " "),
            ],
            environment: ["PATH": "/usr/bin:/bin"], workingDirectory: cwd)
        let run = try ProcessLauncher.runCapturing(request, timeoutSeconds: 60)
        if run.exitCode == 126 || run.standardError.contains("Permission denied: '\(SandboxTestSupport.helperPath)'") {
            print("SKIPPED: the helper binary is not executable by uid \(nobody) (\(run.standardError))")
            return nil
        }
        if run.standardError.contains("warning: no read-only filesystem view") {
            print("SKIPPED: no unprivileged user namespace here; the helper warned: \(run.standardError)")
            #expect(run.standardError.contains("are NOT protected"))
            return nil
        }
        return run
    }

    /// A directory (and its parents up to the temporary one) that uid 65534 can use.
    static func handOver(_ paths: [String]) {
        for path in paths {
            chown(path, nobody, nobody)
        }
    }

    @Test func nothingOutsideTheRootsChangesForAnUnprivilegedUser() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory("sandbox-nobody")
        defer { temp.remove() }
        let workspace = try temp.directory("ws")
        let victims = try temp.directory("victims")
        try temp.write("victims/victim.txt", "original\n")
        let victim = victims + "/victim.txt"
        chmod(temp.path, 0o755)
        Self.handOver([workspace, victims, victim])
        let before = try FileFingerprint(victim)
        guard
            let run = try Self.runAsNobody(
                [SandboxTestSupport.python, "-c", SandboxMetadataTests.metadataProbe, victim, victims, String(getpid())],
                policy: SandboxTestSupport.workspace(), cwd: workspace)
        else { return }
        let results = SandboxMetadataTests.results(run.standardOutput)
        for name in SandboxMetadataTests.probeNames + ["proc-root"] {
            let result = results[name] ?? "missing"
            #expect(result.hasPrefix("errno"), "\(name): \(result) \(run.standardError)")
        }
        #expect(try FileFingerprint(victim) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: victims) == ["victim.txt"])
    }

    @Test func protectedFoldersAndChmodInsideForAnUnprivilegedUser() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory("sandbox-nobody")
        defer { temp.remove() }
        let workspace = try temp.directory("ws")
        try temp.write("ws/build.sh", "#!/bin/sh\necho built\n")
        chmod(temp.path, 0o755)
        Self.handOver([workspace, workspace + "/build.sh"])
        let script = """
            chmod +x build.sh && test -x build.sh && sh build.sh
            mkdir .codex; echo "mkdir=$?"; touch .codex/x 2>/dev/null; echo "touch=$?"; touch .agents/y 2>/dev/null; echo "agents=$?"
            \(SandboxTestSupport.python) -c "$0" "$1"
            """
        guard
            let run = try Self.runAsNobody(
                ["sh", "-c", script, SandboxMetadataTests.escapeProbe, workspace], policy: SandboxTestSupport.workspace(),
                cwd: workspace)
        else { return }
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "built", "\(run.standardError)")
        #expect(lines.contains("mkdir=1") && lines.contains("touch=1") && lines.contains("agents=1"), "\(lines)")
        let results = SandboxMetadataTests.results(run.standardOutput)
        for name in ["unshare-user", "unshare-user-only", "remount-rw", "bind-over-root", "umount", "pivot-root"] {
            #expect(results[name] == "errno 1", "\(name): \(results[name] ?? "missing")")
        }
        let cleaned = try SandboxTestSupport.eventually {
            try FileManager.default.contentsOfDirectory(atPath: workspace) == ["build.sh"]
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: workspace)
        #expect(cleaned, "\(entries)")
    }
}
