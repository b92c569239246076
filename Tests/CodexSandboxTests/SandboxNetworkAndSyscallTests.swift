@testable import CodexSandbox
import Foundation
import Testing

/// Integration tests for the seccomp filter (and Landlock's TCP layer), using python3 probes.
@Suite struct SandboxNetworkAndSyscallTests {
    private static let connectProbe = """
        import socket, sys
        try:
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
            print("connect ok")
        except OSError as e:
            print("connect errno", e.errno)
        a, b = socket.socketpair()
        a.sendall(b"ping")
        print("socketpair", b.recv(4).decode())
        """

    @Test func networkOffDeniesTCPButKeepsUnixSocketpairs() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let listener = try LoopbackListener()
        let run = try SandboxTestSupport.run(
            [SandboxTestSupport.python, "-c", Self.connectProbe, String(listener.port)],
            policy: SandboxTestSupport.workspace(), cwd: temp.path)
        #expect(run.standardOutput.split(separator: "\n") == ["connect errno 1", "socketpair ping"])
    }

    @Test func networkOnAllowsTCP() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let listener = try LoopbackListener()
        let run = try SandboxTestSupport.run(
            [SandboxTestSupport.python, "-c", Self.connectProbe, String(listener.port)],
            policy: SandboxTestSupport.workspace(network: true), cwd: temp.path)
        #expect(run.standardOutput.split(separator: "\n") == ["connect ok", "socketpair ping"])
    }

    @Test func networkMarkerIsSetOnlyWhenTheNetworkIsOff() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let script = "echo \"marker=${CODEX_SANDBOX_NETWORK_DISABLED:-unset}\""
        let off = try SandboxTestSupport.run(["sh", "-c", script], policy: .readOnly(), cwd: temp.path)
        #expect(off.standardOutput == "marker=1\n")
        let on = try SandboxTestSupport.run(
            ["sh", "-c", script], policy: SandboxTestSupport.workspace(network: true), cwd: temp.path)
        #expect(on.standardOutput == "marker=unset\n")
    }

    @Test func seccompOnlyModesLeaveTheDiskWritableButCloseTheNetwork() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let outside = try TemporaryDirectory("sandbox-outside")
        defer { outside.remove() }
        let listener = try LoopbackListener()
        let probe = [SandboxTestSupport.python, "-c", Self.connectProbe, String(listener.port)]
        let external = #"{"type":"external-sandbox","network_access":"restricted"}"#
        let innerStage = ["--apply-seccomp-then-exec", "--use-bwrap-sandbox"]
        for extra in [[], innerStage] {
            let policy = extra.isEmpty ? external : #"{"type":"read-only"}"#
            let script = "touch '\(outside.path)/written' && exec \"$@\""
            let run = try SandboxTestSupport.runHelper(
                arguments: ["codex-linux-sandbox", "--sandbox-policy-cwd", temp.path, "--sandbox-policy", policy]
                    + extra + ["--", "sh", "-c", script, "sh"] + probe,
                cwd: temp.path)
            #expect(outside.exists("written"), "policy \(policy) \(extra)")
            #expect(run.standardOutput.split(separator: "\n") == ["connect errno 1", "socketpair ping"])
            try FileManager.default.removeItem(atPath: outside.path + "/written")
        }
    }

    private static let syscallProbe = """
        import ctypes, os, socket
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        libc.ptrace.restype = ctypes.c_long
        def report(name, rc):
            print(name, "ok" if rc >= 0 else "errno %d" % ctypes.get_errno())
        if os.environ.get("PROBE_PTRACE") == "1":
            report("ptrace", libc.ptrace(ctypes.c_long(0x4206), ctypes.c_long(os.getppid()), None, None))
        params = ctypes.create_string_buffer(120)
        report("io_uring", libc.syscall(ctypes.c_long(425), ctypes.c_long(1), params))
        try:
            socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0).close()
            print("netlink ok")
        except OSError as e:
            print("netlink errno", e.errno)
        """

    @Test(arguments: [false, true])
    func ptraceIoUringAndNetlinkAreDeniedInEveryNetworkMode(network: Bool) throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let run = try SandboxTestSupport.run(
            ["env", "PROBE_PTRACE=1", SandboxTestSupport.python, "-c", Self.syscallProbe],
            policy: SandboxTestSupport.workspace(network: network), cwd: temp.path)
        #expect(run.standardOutput.split(separator: "\n") == ["ptrace errno 1", "io_uring errno 1", "netlink errno 1"])
    }

    @Test func theSameProbesSucceedUnconfined() throws {
        guard SandboxTestSupport.sandboxAvailable() else { return }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let ioUringDisabled = (try? String(contentsOfFile: "/proc/sys/kernel/io_uring_disabled", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "0"
        let run = try SandboxTestSupport.run(
            [SandboxTestSupport.python, "-c", Self.syscallProbe], policy: .dangerFullAccess, cwd: temp.path)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.last == "netlink ok")
        if ioUringDisabled == "0" { #expect(lines.first == "io_uring ok") }
    }
}
