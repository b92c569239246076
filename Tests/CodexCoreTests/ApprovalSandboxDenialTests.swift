import CodexConfig
import CodexCore
import Testing

@Suite("Sandbox denial heuristic and retry")
struct ApprovalSandboxDenialTests {
    @Test(arguments: [
        (SandboxedRunResult(exitCode: 1, stderr: "touch: cannot touch 'x': Permission denied"), true),
        (SandboxedRunResult(exitCode: 1, stderr: "mkdir: cannot create directory: Read-only file system"), true),
        (SandboxedRunResult(exitCode: 1, stdout: "PermissionError(1, 'Operation not permitted')"), true),
        (SandboxedRunResult(exitCode: 1, aggregatedOutput: "error: failed to write file"), true),
        (SandboxedRunResult(exitCode: 101, stderr: "Landlock restrict_self failed"), true),
        (SandboxedRunResult(exitCode: 2, stderr: "ls: cannot access 'x': No such file or directory"), false),
        (SandboxedRunResult(exitCode: 127, stderr: "bash: foo: command not found"), false),
        (SandboxedRunResult(exitCode: 126, stderr: "cannot execute"), false),
        (SandboxedRunResult(exitCode: 159), true),
        (SandboxedRunResult(exitCode: 1, stderr: "assertion failed"), false),
        (SandboxedRunResult(exitCode: 0, stderr: "Permission denied"), false),
        (SandboxedRunResult(exitCode: 124, stderr: "Permission denied", timedOut: true), false),
        (SandboxedRunResult(exitCode: 1, stderr: "Permission denied", sandboxApplied: false), false),
    ])
    func detectsLikelyDenials(_ run: SandboxedRunResult, _ denied: Bool) {
        #expect(SandboxDenial.isLikelyDenied(run) == denied)
    }

    static let denial = SandboxedRunResult(exitCode: 1, stderr: "Read-only file system")
    static let ordinaryFailure = SandboxedRunResult(exitCode: 1, stderr: "test failed")

    @Test(arguments: AskForApproval.allCases)
    func followUpAfterADenial(_ policy: AskForApproval) {
        let asked = SandboxDenial.followUp(after: Self.denial, policy: policy, alreadyApproved: false)
        let approved = SandboxDenial.followUp(after: Self.denial, policy: policy, alreadyApproved: true)
        if policy == .never {
            #expect(asked == .reportDenial)
            #expect(approved == .reportDenial)
        } else {
            #expect(asked == .askToRetryUnsandboxed(reason: "command failed; retry without sandbox?"))
            #expect(approved == .retryUnsandboxed)
        }
        #expect(SandboxDenial.followUp(after: Self.ordinaryFailure, policy: policy, alreadyApproved: false) == .reportResult)
    }
}
