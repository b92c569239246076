@testable import CodexSandbox
import Foundation
import Testing

/// Issue 11: outside the writable roots nothing changes (contents, names, metadata), protected
/// folders stay read-only even when they appear during the run, and there is no way back out.
/// Every victim lives in a temporary directory of the test's own that is not a writable root.
@Suite(.serialized) struct SandboxMetadataTests {
    /// Tries each change on argv[1] (a file) and argv[2] (its folder); prints "NAME ok" or "NAME errno N".
    static let metadataProbe = """
        import os, sys
        victim, folder = sys.argv[1], sys.argv[2]
        def attempt(name, action):
            try:
                action()
                print(name, "ok")
            except OSError as e:
                print(name, "errno", e.errno)
        acl = bytes([2,0,0,0, 1,0,6,0,255,255,255,255, 4,0,4,0,255,255,255,255, 32,0,4,0,255,255,255,255])
        attempt("chmod", lambda: os.chmod(victim, 0o600))
        if len(sys.argv) > 3:  # through an unconfined process's root (the test runner's pid)
            attempt("proc-root", lambda: os.chmod("/proc/" + sys.argv[3] + "/root" + victim, 0o600))
        attempt("chmod-folder", lambda: os.chmod(folder, 0o700))
        attempt("chown", lambda: os.chown(victim, os.getuid(), os.getgid()))
        attempt("utime", lambda: os.utime(victim, (0, 0)))
        attempt("utime-now", lambda: os.utime(victim))
        attempt("setxattr", lambda: os.setxattr(victim, "user.codex", b"1"))
        attempt("acl", lambda: os.setxattr(victim, "system.posix_acl_access", acl))
        attempt("truncate", lambda: os.truncate(victim, 0))
        attempt("append", lambda: open(victim, "a").write("x"))
        attempt("hardlink", lambda: os.link(victim, victim + ".link"))
        attempt("symlink", lambda: os.symlink(victim, folder + "/sym"))
        attempt("mkdir", lambda: os.mkdir(folder + "/dir"))
        attempt("create", lambda: open(folder + "/new", "x").close())
        attempt("rename", lambda: os.rename(victim, victim + ".moved"))
        attempt("unlink", lambda: os.unlink(victim if os.path.exists(victim) else victim + ".moved"))
        """

    static let probeNames = [
        "chmod", "chmod-folder", "chown", "utime", "utime-now", "setxattr", "acl", "truncate", "append", "rename",
        "hardlink", "symlink", "mkdir", "create", "unlink",
    ]

    static func results(_ output: String) -> [String: String] {
        var results: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { results[String(parts[0])] = String(parts[1]) }
        }
        return results
    }

    @Test(arguments: ["read-only", "workspace-write", "workspace-write+network"])
    func nothingOutsideTheRootsChanges(mode: String) throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        let victims = try TemporaryDirectory("sandbox-victims")
        defer { victims.remove() }
        try victims.write("victim.txt", "original\n")
        let victim = victims.path + "/victim.txt"
        let before = try FileFingerprint(victim)
        let folderBefore = try FileFingerprint(victims.path)

        let policy: SandboxPolicy =
            switch mode {
            case "read-only": .readOnly()
            case "workspace-write": SandboxTestSupport.workspace()
            default: SandboxTestSupport.workspace(network: true)
            }
        let run = try SandboxTestSupport.run(
            [SandboxTestSupport.python, "-c", Self.metadataProbe, victim, victims.path, String(getpid())],
            policy: policy, cwd: workspace.path)
        let results = Self.results(run.standardOutput)
        for name in Self.probeNames + ["proc-root"] {
            let result = results[name] ?? "missing"
            #expect(result.hasPrefix("errno"), "\(mode) \(name): \(result) \(run.standardError)")
        }
        #expect(!run.standardError.contains("warning:"), "\(run.standardError)")
        #expect(try FileFingerprint(victim) == before)
        #expect(try FileFingerprint(victims.path) == folderBefore)
        #expect(victims.read("victim.txt") == "original\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: victims.path) == ["victim.txt"])
    }

    @Test func insideAWritableRootMetadataChangesStillWork() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        try workspace.write("build.sh", "#!/bin/sh\necho built\n")
        let folder = try workspace.directory("sub")
        try workspace.write("sub/victim.txt", "mine\n")
        let run = try SandboxTestSupport.run(
            // `sh build.sh`, not `./build.sh`: a parallel test's fork may still hold the file open for
            // writing (ETXTBSY), which has nothing to do with the sandbox.
            ["sh", "-c", "chmod +x build.sh && test -x build.sh && sh build.sh && " + SandboxTestSupport.python + " -c \"$0\" sub/victim.txt sub",
             Self.metadataProbe],
            policy: SandboxTestSupport.workspace(), cwd: workspace.path)
        #expect(run.standardOutput.hasPrefix("built\n"), "\(run.standardError)")
        let results = Self.results(run.standardOutput)
        for name in Self.probeNames where !["setxattr", "acl"].contains(name) {
            #expect(results[name] == "ok", "\(name): \(results[name] ?? "missing") \(run.standardError)")
        }
        // Extended attributes depend on the filesystem: never EROFS/EACCES/EPERM inside a root.
        for name in ["setxattr", "acl"] {
            let result = results[name] ?? "missing"
            #expect(result == "ok" || result == "errno 95", "\(name): \(result)")
        }
        let mode = try FileFingerprint(workspace.path + "/build.sh").mode
        #expect(mode & 0o111 != 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/dir"))
    }

    @Test func protectedFoldersCreatedDuringTheRunStayReadOnly() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        let script = """
            for name in .git .codex .agents; do
              mkdir $name; echo "mkdir $name=$?"
              mkdir -p $name/hooks; echo "nested $name=$?"
              touch $name/x 2>/dev/null; echo "touch $name=$?"
              rmdir $name 2>/dev/null; echo "rmdir $name=$?"
              mv $name moved 2>/dev/null; echo "mv $name=$?"
            done
            mkdir src && touch src/ok && echo src=0
            """
        let run = try SandboxTestSupport.run(["sh", "-c", script], policy: SandboxTestSupport.workspace(), cwd: workspace.path)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        for line in lines where line != "src=0" {
            #expect(!line.hasSuffix("=0"), "\(line) \(run.standardError)")
        }
        #expect(lines.last == "src=0")
        // Nothing of the protection is left behind once the command is gone.
        let cleaned = try SandboxTestSupport.eventually {
            try FileManager.default.contentsOfDirectory(atPath: workspace.path) == ["src"]
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: workspace.path)
        #expect(cleaned, "\(entries)")
    }

    @Test func protectedFolderSymlinksAndExistingFoldersCannotBeSwapped() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        let decoy = try workspace.directory("decoy")
        _ = try workspace.directory(".git")
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/.codex", withDestinationPath: decoy)
        let script = """
            rm .codex; echo "rm-link=$?"; touch .codex/x; echo "via-link=$?"
            mv .git old; echo "mv-git=$?"; rm -rf .git; echo "rm-git=$?"; chmod 700 .git; echo "chmod-git=$?"
            """
        let run = try SandboxTestSupport.run(["sh", "-c", script], policy: SandboxTestSupport.workspace(), cwd: workspace.path)
        for line in run.standardOutput.split(separator: "\n") {
            #expect(!line.hasSuffix("=0"), "\(line) \(run.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: decoy + "/x"))
        #expect(FileManager.default.fileExists(atPath: workspace.path + "/.git"))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path + "/.codex")
        #expect(link == decoy)
    }

    /// Every way back out of the read-only view: new user or mount namespaces, remounts, binds,
    /// pivot_root, joining another mount namespace, and the new mount API.
    static let escapeProbe = """
        import ctypes, os, sys
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        CLONE_NEWNS, CLONE_NEWUSER = 0x20000, 0x10000000
        MS_BIND, MS_REMOUNT, MS_REC = 4096, 32, 16384
        root = sys.argv[1].encode()
        def report(name, rc):
            print(name, "ok" if rc >= 0 else "errno %d" % ctypes.get_errno(), flush=True)
        report("unshare-user", libc.unshare(CLONE_NEWUSER | CLONE_NEWNS))
        report("unshare-user-only", libc.unshare(CLONE_NEWUSER))
        report("remount-rw", libc.mount(None, b"/", None, MS_REMOUNT | MS_BIND, None))
        report("bind-over-root", libc.mount(b"/", root, None, MS_BIND | MS_REC, None))
        report("umount", libc.umount2(b"/", 2))
        report("pivot-root", libc.syscall(155, b".", b"."))
        report("setns", libc.setns(os.open("/proc/self/ns/mnt", os.O_RDONLY), 0))
        try:  # another process's namespace: Landlock already refuses to open it
            report("setns-init", libc.setns(os.open("/proc/1/ns/mnt", os.O_RDONLY), 0))
        except OSError as e:
            print("setns-init errno", e.errno)
        report("open-tree", libc.syscall(428, -100, b"/", 1))
        report("mount-setattr", libc.syscall(442, -100, b"/", 0x8000, ctypes.create_string_buffer(32), 32))
        report("fsopen", libc.syscall(430, b"tmpfs", 0))
        report("clone3", libc.syscall(435, None, 0))
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        print("fork ok", flush=True)
        """

    @Test(arguments: ["read-only", "workspace-write"])
    func thereIsNoWayBackOut(mode: String) throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        let policy: SandboxPolicy = mode == "read-only" ? .readOnly() : SandboxTestSupport.workspace()
        let run = try SandboxTestSupport.run(
            [SandboxTestSupport.python, "-c", Self.escapeProbe, workspace.path], policy: policy, cwd: workspace.path)
        let results = Self.results(run.standardOutput)
        for name in [
            "unshare-user", "unshare-user-only", "remount-rw", "bind-over-root", "umount", "pivot-root", "setns",
            "open-tree", "mount-setattr", "fsopen",
        ] {
            #expect(results[name] == "errno 1", "\(mode) \(name): \(results[name] ?? "missing") \(run.standardError)")
        }
        #expect(results["setns-init"]?.hasPrefix("errno") == true)
        #expect(results["clone3"] == "errno 38")
        #expect(results["fork"] == "ok")
    }

    @Test func exitCodesAndSignalsPassThroughWhenPlaceholdersAreMade() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        let helper = SandboxTestSupport.helperPath
        let policy = SandboxTestSupport.workspace()
        // A fresh workspace has no .git/.codex/.agents, so these runs make placeholders and a cleaner.
        #expect(SandboxCLIRunner.runCommand(["sh", "-c", "exit 7"], policy: policy, cwd: workspace.path, executablePath: helper) == 7)
        #expect(
            SandboxCLIRunner.runCommand(["sh", "-c", "kill -TERM $$"], policy: policy, cwd: workspace.path, executablePath: helper)
                == 143)
        #expect(try SandboxTestSupport.eventually { try FileManager.default.contentsOfDirectory(atPath: workspace.path).isEmpty })
    }

    @Test func aDaemonThatOutlivesTheCommandStillCannotCreateAProtectedFolder() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        let script = "(sleep 0.3; mkdir .codex; echo \"daemon mkdir=$?\"; touch .codex/x; echo \"daemon touch=$?\") & exit 0"
        let run = try SandboxTestSupport.run(["sh", "-c", script], policy: SandboxTestSupport.workspace(), cwd: workspace.path)
        #expect(run.standardOutput.contains("daemon mkdir=1"), "\(run.standardOutput) \(run.standardError)")
        #expect(run.standardOutput.contains("daemon touch=1"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/.codex/x"))
        // The daemon has ended (it held the output pipe), so the cleaner removes the placeholders now.
        #expect(try SandboxTestSupport.eventually { try FileManager.default.contentsOfDirectory(atPath: workspace.path).isEmpty })
    }

    @Test func aPlaceholderAnotherSandboxStillUsesIsKept() async throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        let policy = SandboxTestSupport.workspace()
        let helper = SandboxTestSupport.helperPath
        // A long run holds the placeholders; a short run in the same root adopts and releases them.
        let long = LaunchRequest(
            executable: helper,
            arguments: SandboxCommandBuilder.build(
                command: [
                    "sh", "-c",
                    "i=0; while [ ! -e go ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; "
                        + "mkdir .codex 2>/dev/null; echo $? > late.txt",
                ], policy: policy,
                policyCwd: workspace.path, helperExecutable: helper
            ).arguments,
            environment: ProcessInfo.processInfo.environment, workingDirectory: workspace.path)
        let pid = try ProcessLauncher.spawnInheriting(long)
        #expect(await SandboxTestSupport.eventually { FileManager.default.fileExists(atPath: workspace.path + "/.codex") })
        let short = try SandboxTestSupport.run(["true"], policy: policy, cwd: workspace.path)
        #expect(short.exitCode == 0)
        try await Task.sleep(for: .milliseconds(200))
        #expect(FileManager.default.fileExists(atPath: workspace.path + "/.codex"), "removed while in use")
        try workspace.write("go", "")  // the long run goes on only now, whatever the machine's load
        #expect(await SandboxTestSupport.eventually { workspace.exists("late.txt") })
        #expect(ProcessLauncher.waitForExit(pid) == 0)
        #expect(workspace.read("late.txt") == "1\n")
        #expect(
            try await SandboxTestSupport.eventually {
                try FileManager.default.contentsOfDirectory(atPath: workspace.path).sorted() == ["go", "late.txt"]
            })
    }

    @Test func withoutAMountNamespaceEveryRunWarns() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let workspace = try TemporaryDirectory("sandbox-ws")
        defer { workspace.remove() }
        // The outer sandbox's seccomp filter denies mount(2), so the inner helper cannot build its view.
        let inner = [
            "bash", "-c", "exec -a codex-linux-sandbox \"$0\" \"$@\"", SandboxTestSupport.helperPath,
            "--sandbox-policy-cwd", workspace.path, "--sandbox-policy", #"{"type":"read-only"}"#, "--", "true",
        ]
        let run = try SandboxTestSupport.run(inner, policy: .readOnly(), cwd: workspace.path)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardError.contains("warning: no read-only filesystem view"), "\(run.standardError)")
        #expect(run.standardError.contains("are NOT protected"))
    }
}

/// The parts of `lstat` a metadata change would alter.
struct FileFingerprint: Equatable {
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    var size: Int
    var links: UInt
    var modified: timespec
    var changed: timespec

    init(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        mode = info.st_mode
        uid = info.st_uid
        gid = info.st_gid
        size = Int(info.st_size)
        links = UInt(info.st_nlink)
        modified = info.st_mtim
        changed = info.st_ctim
    }

    static func == (lhs: FileFingerprint, rhs: FileFingerprint) -> Bool {
        lhs.mode == rhs.mode && lhs.uid == rhs.uid && lhs.gid == rhs.gid && lhs.size == rhs.size
            && lhs.links == rhs.links && lhs.modified.tv_sec == rhs.modified.tv_sec
            && lhs.modified.tv_nsec == rhs.modified.tv_nsec && lhs.changed.tv_sec == rhs.changed.tv_sec
            && lhs.changed.tv_nsec == rhs.changed.tv_nsec
    }
}
