/// The parsed command line of `codex-linux-sandbox` (reference flags: `--sandbox-policy-cwd DIR
/// --sandbox-policy JSON [--use-bwrap-sandbox] [--apply-seccomp-then-exec] [--no-proc] -- CMD...`).
struct HelperInvocation: Equatable {
    var policyCwd: String
    var policy: SandboxPolicy
    /// Inner stage of the reference's bubblewrap pipeline: no_new_privs + seccomp only, then exec.
    var applySeccompThenExec = false
    /// A doctor probe to run in-process after confinement instead of exec'ing a command.
    var selfTest: String?
    /// The command (or the self-test's arguments).
    var command: [String]

    /// Flags the reference passes that this port accepts without a separate code path: the
    /// bubblewrap stage is replaced by the mount-namespace step, and /proc is never remounted.
    static let acceptedNoOpFlags: Set<String> = ["--use-bwrap-sandbox", "--no-proc"]

    /// Parses the arguments after argv[0]. Options may be written `--flag VALUE` or `--flag=VALUE`;
    /// the command starts after `--` or at the first argument that is not an option.
    static func parse(_ arguments: [String]) throws(SandboxHelperError) -> HelperInvocation {
        var policyCwd: String?
        var policyJSON: String?
        var applySeccompThenExec = false
        var selfTest: String?
        var command: [String] = []
        var index = 0

        func value(for flag: String, inline: String?) throws(SandboxHelperError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else {
                throw SandboxHelperError("\(flag) requires a value")
            }
            return arguments[index]
        }

        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                command = Array(arguments[(index + 1)...])
                break
            }
            guard argument.hasPrefix("--") else {
                command = Array(arguments[index...])
                break
            }
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let flag = String(parts[0])
            let inline = parts.count == 2 ? String(parts[1]) : nil
            switch flag {
            case "--sandbox-policy-cwd":
                policyCwd = try value(for: flag, inline: inline)
            case "--sandbox-policy":
                policyJSON = try value(for: flag, inline: inline)
            case "--apply-seccomp-then-exec":
                applySeccompThenExec = true
            case "--codex-self-test":
                selfTest = try value(for: flag, inline: inline)
            case _ where acceptedNoOpFlags.contains(flag):
                break
            case "--allow-network-for-proxy", "--proxy-route-spec":
                throw SandboxHelperError("\(flag) is not supported by this build (no network proxy)")
            default:
                throw SandboxHelperError("unknown option \(flag)")
            }
            index += 1
        }

        guard let policyCwd else { throw SandboxHelperError("missing --sandbox-policy-cwd") }
        guard let policyJSON else { throw SandboxHelperError("missing --sandbox-policy") }
        let policy: SandboxPolicy
        do {
            policy = try SandboxPolicy.parse(json: policyJSON)
        } catch {
            throw SandboxHelperError("invalid --sandbox-policy: \(error.description)")
        }
        if command.isEmpty, selfTest == nil {
            throw SandboxHelperError("No command specified to execute.")
        }
        return HelperInvocation(
            policyCwd: policyCwd, policy: policy, applySeccompThenExec: applySeccompThenExec,
            selfTest: selfTest, command: command)
    }
}

/// A helper failure; `description` is the one line printed on stderr before exiting 1.
struct SandboxHelperError: Error, Equatable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
