public import CodexConfig

/// The parts of a finished command run that the sandbox-denial heuristic looks at.
public struct SandboxedRunResult: Sendable, Hashable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    public var aggregatedOutput: String
    public var timedOut: Bool
    /// Whether a platform sandbox was actually applied to this run.
    public var sandboxApplied: Bool

    public init(
        exitCode: Int32,
        stdout: String = "",
        stderr: String = "",
        aggregatedOutput: String = "",
        timedOut: Bool = false,
        sandboxApplied: Bool = true
    ) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.aggregatedOutput = aggregatedOutput
        self.timedOut = timedOut
        self.sandboxApplied = sandboxApplied
    }
}

/// What to do after a sandboxed run finished.
public enum SandboxFailureFollowUp: Sendable, Hashable {
    /// Not a sandbox denial (or a success): report the result as is.
    case reportResult
    /// A sandbox denial the policy does not let us escalate: report it to the model.
    case reportDenial
    /// Ask the user whether to rerun without the sandbox, with this reason.
    case askToRetryUnsandboxed(reason: String)
    /// The user already approved this command: rerun without the sandbox without asking again.
    case retryUnsandboxed
}

/// Recognises runs that failed because the sandbox blocked them, and decides the escalation step.
public enum SandboxDenial {
    /// Lower-cased markers that point at the sandbox in a failed run's output.
    public static let markers = [
        "operation not permitted", "permission denied", "read-only file system", "seccomp", "sandbox",
        "landlock", "failed to write file",
    ]

    /// The reason shown when asking to rerun a failed command without the sandbox.
    public static let retryReason = "command failed; retry without sandbox?"

    /// Whether the run probably failed because of the sandbox (spec sandbox.md §7).
    public static func isLikelyDenied(_ run: SandboxedRunResult) -> Bool {
        guard run.sandboxApplied, run.exitCode != 0, !run.timedOut else { return false }
        for section in [run.stderr, run.stdout, run.aggregatedOutput] {
            let lowered = section.lowercased()
            if markers.contains(where: lowered.contains) { return true }
        }
        if [2, 126, 127].contains(run.exitCode) { return false }
        // 128 + SIGSYS: the seccomp filter killed the process.
        return run.exitCode == 128 + 31
    }

    /// The follow-up for a finished sandboxed run: every policy except `never` may ask to escalate;
    /// a command the user already approved is retried without asking again.
    public static func followUp(
        after run: SandboxedRunResult,
        policy: AskForApproval,
        alreadyApproved: Bool
    ) -> SandboxFailureFollowUp {
        guard isLikelyDenied(run) else { return .reportResult }
        if policy == .never { return .reportDenial }
        if alreadyApproved { return .retryUnsandboxed }
        return .askToRetryUnsandboxed(reason: retryReason)
    }
}
