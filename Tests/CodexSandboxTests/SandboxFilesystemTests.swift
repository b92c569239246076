@testable import CodexSandbox
import Foundation
import Testing

/// Integration tests: the real helper binary confines real commands.
@Suite struct SandboxFilesystemTests {
    @Test func workspaceWriteAllowsCwdAndExtraRootButNotOutside() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let cwd = try temp.directory("cwd")
        let extra = try temp.directory("extra")
        let outside = temp.path + "/fresh-outside"
        let script = "echo a > in-cwd && echo b > \(extra)/in-extra && mkdir \(outside); echo \"mkdir=$?\""
        let run = try SandboxTestSupport.run(
            ["sh", "-c", script], policy: SandboxTestSupport.workspace(roots: [extra]), cwd: cwd)
        #expect(temp.read("cwd/in-cwd") == "a\n")
        #expect(temp.read("extra/in-extra") == "b\n")
        #expect(run.standardOutput.contains("mkdir=1"))
        // The read-only view answers first (EROFS); Landlock's EACCES stays as the second layer.
        #expect(run.standardError.contains("Read-only file system") || run.standardError.contains("Permission denied"))
        #expect(!temp.exists("fresh-outside"))
    }

    @Test func readOnlyRefusesEveryWriteButAllowsReads() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        try temp.write("existing.txt", "keep\n")
        let script = """
            cat existing.txt; echo x > new.txt; echo "new=$?"; echo x >> existing.txt; echo "append=$?"
            mkdir d; echo "mkdir=$?"; rm existing.txt; echo "rm=$?"; echo x > /tmp/codex-ro-$$; echo "tmp=$?"
            echo ok > /dev/null; echo "devnull=$?"
            """
        let run = try SandboxTestSupport.run(["sh", "-c", script], policy: .readOnly(), cwd: temp.path)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines == ["keep", "new=2", "append=2", "mkdir=1", "rm=1", "tmp=2", "devnull=0"])
        #expect(temp.read("existing.txt") == "keep\n")
        #expect(!temp.exists("new.txt") && !temp.exists("d"))
    }

    @Test func gitFolderStaysReadOnlyWhereAMountNamespaceIsAvailable() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        _ = try temp.directory(".git")
        _ = try temp.directory(".codex")
        try temp.write(".git/config", "[core]\n")
        let script = "echo x >> .git/config; echo \"git=$?\"; touch .codex/new; echo \"codex=$?\"; touch src; echo \"src=$?\""
        let run = try SandboxTestSupport.run(["sh", "-c", script], policy: SandboxTestSupport.workspace(), cwd: temp.path)
        if run.standardError.contains("warning:") {
            print("CASE: no mount namespace available; helper reported: \(run.standardError)")
            #expect(run.standardError.contains(".git"))
            #expect(run.standardOutput.contains("git=0"))
        } else {
            print("CASE: mount namespace available; .git and .codex remounted read-only")
            #expect(run.standardOutput.split(separator: "\n") == ["git=2", "codex=1", "src=0"])
            #expect(run.standardError.contains("Read-only file system"))
            #expect(temp.read(".git/config") == "[core]\n")
        }
    }

    @Test func unprivilegedUserGetsTheUserNamespaceRouteOrAWarning() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("SKIPPED: needs root and setpriv to run the helper as an unprivileged user")
            return
        }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let root = try temp.directory("ws")
        _ = try temp.directory("ws/.git")
        for path in [temp.path, root, root + "/.git"] { chmod(path, 0o777) }
        let launch = SandboxCommandBuilder.build(
            command: ["sh", "-c", "touch .git/x; echo \"git=$?\"; touch y; echo \"y=$?\""],
            policy: SandboxTestSupport.workspace(), policyCwd: root,
            helperExecutable: SandboxTestSupport.helperPath)
        // setpriv cannot set argv[0]; bash's `exec -a` gives the helper its `codex-linux-sandbox` name.
        let helperCommand = ["exec", "-a", "codex-linux-sandbox", SandboxTestSupport.helperPath]
            + launch.arguments.dropFirst()
        let quoted = helperCommand.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let request = LaunchRequest(
            executable: "/usr/bin/setpriv",
            arguments: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", quoted.joined(separator: " ")],
            environment: ["PATH": "/usr/bin:/bin"], workingDirectory: root)
        let run = try ProcessLauncher.runCapturing(request, timeoutSeconds: 60)
        guard !run.standardError.contains("Permission denied: '\(SandboxTestSupport.helperPath)'"),
            run.exitCode != 126
        else {
            print("SKIPPED: the helper binary is not executable by uid 65534 (\(run.standardError))")
            return
        }
        #expect(run.standardOutput.contains("y=0"))
        if run.standardError.contains("warning:") {
            print("CASE: unprivileged user namespaces unavailable; reported: \(run.standardError)")
            #expect(run.standardOutput.contains("git=0"))
        } else {
            print("CASE: unprivileged user namespace used for the read-only .git")
            #expect(run.standardOutput.contains("git=1"))
            #expect(!FileManager.default.fileExists(atPath: root + "/.git/x"))
        }
    }

    @Test func descendantsAndDaemonsStayConfined() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let cwd = try temp.directory("cwd")
        let outside = try temp.directory("outside")
        let grandchild = try SandboxTestSupport.run(
            ["sh", "-c", "sh -c 'touch \(outside)/grandchild'; echo \"rc=$?\""],
            policy: SandboxTestSupport.workspace(), cwd: cwd)
        #expect(grandchild.standardOutput.contains("rc=1"))
        #expect(!temp.exists("outside/grandchild"))

        // The daemon waits for its parent to exit (EOF on a pipe only the parent holds), then writes.
        let daemon = """
            import os, sys
            r, w = os.pipe()
            if os.fork() > 0:
                sys.exit(0)
            os.close(w)
            os.setsid()
            os.read(r, 1)
            try:
                open(sys.argv[1], "w").close()
                print("daemon: written", flush=True)
            except OSError as e:
                print("daemon: errno", e.errno, flush=True)
            """
        let run = try SandboxTestSupport.run(
            [SandboxTestSupport.python, "-c", daemon, outside + "/daemon"], policy: SandboxTestSupport.workspace(),
            cwd: cwd)
        #expect(run.standardOutput.contains("daemon: errno 30") || run.standardOutput.contains("daemon: errno 13"))
        #expect(!temp.exists("outside/daemon"))
    }

    @Test func symlinkHardlinkRenameAndProcRootEscapesFail() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let cwd = try temp.directory("cwd")
        let outside = try temp.directory("outside")
        try temp.write("outside/existing", "orig\n")
        try temp.write("cwd/mine", "mine\n")
        try FileManager.default.createSymbolicLink(atPath: cwd + "/link", withDestinationPath: outside + "/via-link")
        let script = """
            import os, sys
            outside = sys.argv[1]
            def attempt(name, action):
                try:
                    action()
                    print(name, "ok")
                except OSError as e:
                    print(name, "errno", e.errno)
            attempt("symlink", lambda: open("link", "w").close())
            attempt("hardlink", lambda: os.link(outside + "/existing", "hard"))
            attempt("rename-out", lambda: os.rename("mine", outside + "/moved"))
            attempt("rename-in", lambda: os.rename(outside + "/existing", "stolen"))
            attempt("proc-root", lambda: open("/proc/self/root" + outside + "/proc", "w").close())
            attempt("new-symlink", lambda: os.symlink("/etc", outside + "/sym"))
            """
        let run = try SandboxTestSupport.run(
            [SandboxTestSupport.python, "-c", script, outside], policy: SandboxTestSupport.workspace(), cwd: cwd)
        let results = Dictionary(
            uniqueKeysWithValues: run.standardOutput.split(separator: "\n").map { line -> (String, String) in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            })
        for name in ["symlink", "hardlink", "rename-out", "rename-in", "proc-root", "new-symlink"] {
            let result = results[name] ?? "missing"
            #expect(result.hasPrefix("errno"), "\(name): \(result)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == ["existing"])
        #expect(temp.read("outside/existing") == "orig\n")
        #expect(temp.read("cwd/mine") == "mine\n")
    }

    @Test func dangerFullAccessRunsUnconfinedEvenThroughTheHelper() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let cwd = try temp.directory("cwd")
        let script = "touch \(temp.path)/anywhere; grep -E 'NoNewPrivs|Seccomp:' /proc/self/status"
        let direct = try SandboxTestSupport.run(["sh", "-c", script], policy: .dangerFullAccess, cwd: cwd)
        #expect(direct.exitCode == 0)
        #expect(temp.exists("anywhere"))
        let viaHelper = try SandboxTestSupport.runHelper(
            arguments: [
                "codex-linux-sandbox", "--sandbox-policy-cwd", cwd, "--sandbox-policy",
                #"{"type":"danger-full-access"}"#, "--", "sh", "-c", script,
            ], cwd: cwd)
        #expect(viaHelper.exitCode == 0)
        #expect(viaHelper.standardOutput.contains("NoNewPrivs:\t0"))
        #expect(viaHelper.standardOutput.contains("Seccomp:\t0"))
    }
}
