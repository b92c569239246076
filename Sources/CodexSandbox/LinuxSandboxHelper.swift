import CSandbox
import CodexBasics
import FoundationEssentials
import Glibc

/// The `codex-linux-sandbox` personality: confines itself according to the policy, then execs the
/// command so that every descendant stays confined. Call it before any thread or task exists.
public enum LinuxSandboxHelper {
    /// The argv[0] basename that selects this personality.
    public static let arg0Name = "codex-linux-sandbox"
    /// Exit code for every setup failure (bad arguments, policy, or a restriction that failed).
    public static let setupFailureExitCode: Int32 = 1

    /// Exit codes of `--codex-self-test` probes.
    enum SelfTestExit {
        static let allowed: Int32 = 0
        static let denied: Int32 = 3
        static let otherError: Int32 = 4
    }

    /// Runs the helper with the full argv (argv[0] included); never returns.
    public static func main(arguments: [String]) -> Never {
        let invocation: HelperInvocation
        do {
            invocation = try HelperInvocation.parse(Array(arguments.dropFirst()))
        } catch {
            fail(error.description)
        }

        do {
            if invocation.applySeccompThenExec {
                try SandboxConfinement.applySeccompOnly(policy: invocation.policy)
            } else {
                let warnings = try SandboxConfinement.apply(
                    policy: invocation.policy, policyCwd: invocation.policyCwd,
                    environment: currentEnvironment())
                warnings.forEach { writeStderr($0) }
            }
        } catch {
            fail(error.description)
        }

        if let probe = invocation.selfTest {
            exit(runSelfTest(probe, arguments: invocation.command))
        }
        execute(invocation.command)
    }

    /// Replaces the process image with `command` (PATH lookup like a shell).
    private static func execute(_ command: [String]) -> Never {
        guard let program = command.first else { fail("No command specified to execute.") }
        // Anything buffered by this process would otherwise be lost by exec.
        fflush(nil)
        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        _ = execvp(program, arguments)
        let code = errno
        fail("Failed to execvp \(program): \(errorText(code))")
    }

    /// Runs one doctor probe inside the confined process and reports it through the exit code.
    private static func runSelfTest(_ probe: String, arguments: [String]) -> Int32 {
        let result: Int32
        switch probe {
        case "create-file":
            guard let path = arguments.first else { fail("create-file needs a path") }
            result = csb_try_create_file(path)
        case "tcp-connect":
            guard let text = arguments.first, let port = Int32(text) else { fail("tcp-connect needs a port") }
            result = csb_try_tcp_connect_loopback(port)
        case "ptrace-parent":
            result = csb_try_ptrace_parent()
        case "io-uring-setup":
            result = csb_try_io_uring_setup()
        case "netlink-socket":
            result = csb_try_netlink_socket()
        default:
            guard let metadata = metadataSelfTest(probe, arguments: arguments) else { fail("unknown self-test \(probe)") }
            result = metadata
        }
        if result == 0 {
            writeStderr("self-test \(probe): allowed")
            return SelfTestExit.allowed
        }
        writeStderr("self-test \(probe): \(errorText(result))")
        return [EPERM, EACCES, EROFS, EXDEV].contains(result) ? SelfTestExit.denied : SelfTestExit.otherError
    }

    /// The filesystem-metadata and namespace probes (nil for an unknown name). PATH arguments are
    /// the victim and, for rename and link, the new name.
    private static func metadataSelfTest(_ probe: String, arguments: [String]) -> Int32? {
        let first = arguments.first ?? ""
        let second = arguments.count > 1 ? arguments[1] : first + ".new"
        switch probe {
        case "chmod": return csb_try_chmod(first, 0o600)
        case "chown": return csb_try_chown(first)
        case "utime": return csb_try_utime(first)
        case "setxattr": return csb_try_setxattr(first)
        case "truncate": return csb_try_truncate(first)
        case "rename": return csb_try_rename(first, second)
        case "hardlink": return csb_try_link(first, second)
        case "create-protected": return csb_try_create_protected(first)
        case "nested-remount": return csb_try_nested_remount()
        case "bind-mount": return csb_try_bind_mount(first, second)
        case "pivot-root": return csb_try_pivot_root()
        default: return nil
        }
    }

    private static func fail(_ message: String) -> Never {
        writeStderr("codex-linux-sandbox: \(message)")
        exit(setupFailureExitCode)
    }
}

/// Writes one line to stderr without going through stdio buffers.
func writeStderr(_ line: String) {
    var bytes = Array(line.utf8)
    if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    do {
        try FileDescriptorIO.writeAll(bytes, to: 2)
    } catch {
        // Nowhere left to report a broken stderr; the exit status still tells.
    }
}

/// The process environment as a dictionary.
func currentEnvironment() -> [String: String] {
    ProcessInfo.processInfo.environment
}
