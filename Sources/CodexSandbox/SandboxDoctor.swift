import CSandbox
import CodexBasics
import FoundationEssentials
import Glibc

/// `codex sandbox doctor`: probes the kernel features the sandbox needs, then proves each denial
/// fires by running the helper on operations it must refuse (and a few it must allow).
public enum SandboxDoctor {
    /// Runs every probe and self-test. `executablePath` is the binary with the helper personality
    /// (normally the running codex binary).
    public static func run(executablePath: String = SandboxCommandBuilder.currentExecutable) -> SandboxDoctorReport {
        var checks = capabilityChecks()
        checks += selfTests(executablePath: executablePath)
        return SandboxDoctorReport(checks: checks)
    }

    // MARK: Kernel capabilities

    static func capabilityChecks() -> [SandboxDoctorReport.Check] {
        var checks: [SandboxDoctorReport.Check] = []
        let abi = csb_landlock_abi()
        checks.append(
            abi > 0
                ? .init(name: "landlock", verdict: .pass, detail: "ABI \(abi)")
                : .init(name: "landlock", verdict: .unsupported, detail: "not available: \(errorText(-abi))"))

        let seccomp = csb_probe_seccomp()
        checks.append(
            seccomp == 0
                ? .init(name: "seccomp", verdict: .pass, detail: "filters with SECCOMP_RET_ERRNO available")
                : .init(name: "seccomp", verdict: .unsupported, detail: errorText(seccomp)))

        let noNewPrivs = csb_probe_no_new_privs()
        checks.append(
            noNewPrivs == 0
                ? .init(name: "no_new_privs", verdict: .pass, detail: "PR_SET_NO_NEW_PRIVS works")
                : .init(name: "no_new_privs", verdict: .fail, detail: errorText(noNewPrivs)))

        let userNamespace = csb_probe_unshare(csb_clone_newuser() | csb_clone_newns())
        checks.append(
            userNamespace == 0
                ? .init(name: "user_namespace", verdict: .pass, detail: "unprivileged user namespaces allowed")
                : .init(
                    name: "user_namespace", verdict: .unsupported,
                    detail: "\(errorText(userNamespace)); read-only .git/.codex then needs root"))

        let privileged = geteuid() == 0
        let mountFlags = privileged ? csb_clone_newns() : csb_clone_newuser() | csb_clone_newns()
        let mountNamespace = csb_probe_unshare(mountFlags)
        checks.append(
            mountNamespace == 0
                ? .init(
                    name: "mount_namespace", verdict: .pass,
                    detail: privileged ? "private mount namespace (privileged)" : "via a user namespace")
                : .init(
                    name: "mount_namespace", verdict: .unsupported,
                    detail: "\(errorText(mountNamespace)); no read-only view: metadata outside the writable roots "
                        + "and .git/.codex/.agents are NOT protected"))
        return checks
    }

    // MARK: Self-tests through the helper

    enum ProbeOutcome {
        case allowed
        case denied(String)
        case error(String)
    }

    /// Runs `--codex-self-test NAME ARGS...` through the helper under `policy`, with `inside` as the
    /// policy cwd and working directory; returns the outcome and any warning lines the helper printed.
    static func probe(
        _ name: String, _ arguments: [String], _ policy: SandboxPolicy, inside: String, executablePath: String
    ) -> (ProbeOutcome, String) {
        let launch = SandboxCommandBuilder.build(
            command: arguments, policy: policy, policyCwd: inside, helperExecutable: executablePath)
        var argv = launch.arguments
        // Insert the probe flag before "--": the helper runs it in-process after confinement.
        if let separator = argv.firstIndex(of: "--") {
            argv.insert(contentsOf: ["--codex-self-test", name], at: separator)
        }
        let request = LaunchRequest(
            executable: launch.executablePath, arguments: argv, environment: currentEnvironment(),
            workingDirectory: inside)
        let run: CapturedRun
        do {
            run = try ProcessLauncher.runCapturing(request, timeoutSeconds: 20)
        } catch {
            return (.error(error.description), "")
        }
        let stderr = run.standardError.split(separator: "\n").map(String.init)
        let summary = stderr.last ?? "exit \(run.exitCode)"
        let warnings = stderr.filter { $0.contains("warning:") }.joined(separator: " ")
        switch run.exitCode {
        case LinuxSandboxHelper.SelfTestExit.allowed: return (.allowed, warnings)
        case LinuxSandboxHelper.SelfTestExit.denied: return (.denied(summary), warnings)
        default: return (.error(run.timedOut ? "timed out" : summary), warnings)
        }
    }

    /// A passing check when the probe was denied, a failing one otherwise.
    static func denial(_ check: String, _ outcome: ProbeOutcome) -> SandboxDoctorReport.Check {
        switch outcome {
        case .denied(let detail): .init(name: check, verdict: .pass, detail: "denied: \(detail)")
        case .allowed: .init(name: check, verdict: .fail, detail: "the operation was allowed")
        case .error(let detail): .init(name: check, verdict: .fail, detail: detail)
        }
    }

    static func selfTests(executablePath: String) -> [SandboxDoctorReport.Check] {
        guard let scratch = makeScratchDirectory() else {
            return [.init(name: "self_tests", verdict: .fail, detail: "cannot create a scratch directory")]
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let inside = scratch + "/workspace"
        let outside = scratch + "/outside"
        mkdir(inside, 0o755)
        mkdir(outside, 0o755)
        mkdir(inside + "/.git", 0o755)

        let closed = SandboxPolicy.workspaceWrite(.init(excludeTmpdirEnvVar: true, excludeSlashTmp: true))
        let open = SandboxPolicy.workspaceWrite(
            .init(networkAccess: true, excludeTmpdirEnvVar: true, excludeSlashTmp: true))
        func probe(_ name: String, _ arguments: [String], _ policy: SandboxPolicy) -> (ProbeOutcome, String) {
            Self.probe(name, arguments, policy, inside: inside, executablePath: executablePath)
        }

        var checks: [SandboxDoctorReport.Check] = []
        let outsideFile = outside + "/probe"
        let (outsideOutcome, _) = probe("create-file", [outsideFile], closed)
        var outsideCheck = denial("write_outside_roots_denied", outsideOutcome)
        if FileKind.of(outsideFile) != nil {
            outsideCheck = .init(name: outsideCheck.name, verdict: .fail, detail: "the file was created")
        }
        checks.append(outsideCheck)

        switch probe("create-file", [inside + "/probe"], closed).0 {
        case .allowed: checks.append(.init(name: "write_inside_root_allowed", verdict: .pass, detail: "created"))
        case .denied(let detail), .error(let detail):
            checks.append(.init(name: "write_inside_root_allowed", verdict: .fail, detail: detail))
        }

        let (gitOutcome, gitWarnings) = probe("create-file", [inside + "/.git/probe"], closed)
        switch gitOutcome {
        case .denied(let detail):
            checks.append(.init(name: "git_folder_read_only", verdict: .pass, detail: "denied: \(detail)"))
        case .allowed where !gitWarnings.isEmpty:
            checks.append(.init(name: "git_folder_read_only", verdict: .unsupported, detail: gitWarnings))
        case .allowed:
            checks.append(
                .init(name: "git_folder_read_only", verdict: .fail, detail: "written without any warning"))
        case .error(let detail):
            checks.append(.init(name: "git_folder_read_only", verdict: .fail, detail: detail))
        }

        do {
            let listener = try LoopbackListener()
            let port = String(listener.port)
            checks.append(denial("network_connect_denied", probe("tcp-connect", [port], closed).0))
            switch probe("tcp-connect", [port], open).0 {
            case .allowed:
                checks.append(.init(name: "network_connect_allowed_when_enabled", verdict: .pass, detail: "connected"))
            case .denied(let detail), .error(let detail):
                checks.append(.init(name: "network_connect_allowed_when_enabled", verdict: .fail, detail: detail))
            }
        } catch {
            checks.append(.init(name: "network_connect_denied", verdict: .fail, detail: error.description))
        }

        for policy in [closed, open] {
            let suffix = policy.hasFullNetworkAccess ? "_network_on" : "_network_off"
            for (probeName, check) in [
                ("ptrace-parent", "ptrace_denied"), ("io-uring-setup", "io_uring_denied"),
                ("netlink-socket", "netlink_socket_denied"),
            ] {
                var result = denial(check, probe(probeName, [], policy).0)
                result.name += suffix
                checks.append(result)
            }
        }
        checks += metadataSelfTests(inside: inside, outside: outside, policy: closed, executablePath: executablePath)
        return checks
    }

    /// A fresh 0700 directory under $TMPDIR (or /tmp).
    private static func makeScratchDirectory() -> String? {
        let base = currentEnvironment()["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        var template = Array(AbsolutePath(normalizing: base).appending("codex-sandbox-doctor-XXXXXX").string.utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
    }
}
