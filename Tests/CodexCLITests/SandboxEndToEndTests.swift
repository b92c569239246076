import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex sandbox` through the real binary: it re-executes itself as `codex-linux-sandbox`.
@Suite struct SandboxEndToEndTests {
    private func sandbox(_ arguments: [String], in home: CodexTestHome) async throws -> ProcessResult {
        let spec = home.codexSpec(["sandbox"] + arguments, binary: try CodexBinary.locate())
        return try await ChildProcess.run(spec, timeout: .seconds(60))
    }

    @Test func workspaceWriteConfinesWrites() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let outside = home.root.appending("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let result = try await sandbox(
            ["-c", "sandbox_mode=\"workspace-write\"", "-c", "sandbox_workspace_write.exclude_slash_tmp=true",
             "-c", "sandbox_workspace_write.exclude_tmpdir_env_var=true", "--", "/bin/sh", "-c",
             "touch inside.txt && echo made; touch \(outside)/x.txt; echo status=$?"],
            in: home)
        #expect(result.exit == .exited(0), "\(result.stderr)")
        #expect(result.stdout.contains("made"))
        #expect(result.stdout.contains("status=1"))
        #expect(FileManager.default.fileExists(atPath: home.workDirectory + "/inside.txt"))
        #expect(!FileManager.default.fileExists(atPath: outside + "/x.txt"))
    }

    @Test func readOnlyByDefaultAndExitCodesPassThrough() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let denied = try await sandbox(["--", "/bin/sh", "-c", "touch file.txt"], in: home)
        #expect(denied.exit == .exited(1))
        #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/file.txt"))
        let code = try await sandbox(["-c", "sandbox_mode=\"danger-full-access\"", "--", "/bin/sh", "-c", "exit 7"], in: home)
        #expect(code.exit == .exited(7))
        let legacy = try await sandbox(["linux", "--full-auto", "/bin/sh", "-c", "touch legacy.txt"], in: home)
        #expect(legacy.exit == .exited(0), "\(legacy.stderr)")
        #expect(FileManager.default.fileExists(atPath: home.workDirectory + "/legacy.txt"))
    }

    @Test func networkIsOffUnlessEnabled() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let script = "import socket,sys\ntry:\n s=socket.socket()\n s.connect(('127.0.0.1',1))\nexcept ConnectionRefusedError:\n print('refused')\nexcept PermissionError:\n print('denied')\n"
        let off = try await sandbox(["-c", "sandbox_mode=\"workspace-write\"", "--", "/usr/bin/python3", "-c", script], in: home)
        #expect(off.stdout == "denied\n", "\(off.stderr)")
        let on = try await sandbox(
            ["-c", "sandbox_mode=\"workspace-write\"", "-c", "sandbox_workspace_write.network_access=true", "--", "/usr/bin/python3",
             "-c", script], in: home)
        #expect(on.stdout == "refused\n", "\(on.stderr)")
    }

    @Test func helpShowsTheRunFormAndItsOptions() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let result = try await sandbox(["--help"], in: home)
        #expect(result.exit == .exited(0), "\(result.stderr)")
        #expect(result.stdout.contains("codex sandbox [OPTIONS] [--] COMMAND..."), "\(result.stdout)")
        for option in ["-c, --config <key=value>", "-p, --profile", "-C, --cd <cd>", "<command>", "COMMAND...", "doctor", "linux"] {
            #expect(result.stdout.contains(option), "\(option) missing from:\n\(result.stdout)")
        }
    }

    @Test func metadataOutsideTheRootsIsUnchangedInEveryMode() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let outside = home.root.appending("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let victim = outside + "/victim.txt"
        try "original\n".write(toFile: victim, atomically: false, encoding: .utf8)
        chmod(victim, 0o644)
        let before = try FileManager.default.attributesOfItem(atPath: victim)
        let script = "chmod 600 \(victim); echo chmod=$?; touch -d 2001-01-01 \(victim); echo touch=$?; chmod +x made.sh 2>/dev/null; echo inside=$?"
        for mode in ["read-only", "workspace-write"] {
            try "".write(toFile: home.workDirectory + "/made.sh", atomically: false, encoding: .utf8)
            let result = try await sandbox(
                ["-c", "sandbox_mode=\"\(mode)\"", "-c", "sandbox_workspace_write.exclude_slash_tmp=true",
                 "-c", "sandbox_workspace_write.exclude_tmpdir_env_var=true", "--", "/bin/sh", "-c", script],
                in: home)
            #expect(result.stdout.contains("chmod=1") && result.stdout.contains("touch=1"), "\(mode): \(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains(mode == "read-only" ? "inside=1" : "inside=0"), "\(mode): \(result.stdout)")
            let after = try FileManager.default.attributesOfItem(atPath: victim)
            #expect(after[.posixPermissions] as? Int == before[.posixPermissions] as? Int)
            #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
        }
    }

    @Test func withoutAMountNamespaceTheDoctorReportsMetadataUnprotectedAndRunsWarn() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        // Inside a sandbox the seccomp filter denies mount(2), so a nested sandbox cannot build its view.
        let codex = try CodexBinary.locate()
        let doctor = try await sandbox(
            ["-c", "sandbox_mode=\"workspace-write\"", "--", codex, "sandbox", "doctor", "--json"], in: home)
        #expect(doctor.exit == .exited(1), "\(doctor.stderr)")
        let report = try JSONParser.parse(doctor.stdout)
        let checks = try #require(report["checks"]?.arrayValue)
        for name in ["chmod_outside_roots_denied", "chown_outside_roots_denied", "utime_outside_roots_denied"] {
            let check = checks.first { $0["name"] == .string(name) }
            #expect(check?["verdict"] == "fail", "\(name): \(String(describing: check))")
        }
        let run = try await sandbox(["--", codex, "sandbox", "--", "true"], in: home)
        #expect(run.exit == .exited(0), "\(run.stderr)")
        #expect(run.stderr.contains("warning: no read-only filesystem view"), "\(run.stderr)")
        #expect(run.stderr.contains("are NOT protected"))
    }

    @Test func doctorReportsEveryCheck() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let result = try await sandbox(["doctor", "--json"], in: home)
        let report = try JSONParser.parse(result.stdout)
        let checks = try #require(report["checks"]?.arrayValue)
        #expect(checks.count > 5)
        if ProcessInfo.processInfo.environment["CI"] == "true" || result.exit == .exited(0) {
            #expect(result.exit == .exited(0), "\(result.stdout)")
            #expect(checks.allSatisfy { $0["verdict"] != "fail" })
        }
    }
}
