import CodexBasics

/// The git queries a review needs, run read-only in the review's working directory (no optional
/// locks, so a query never writes the index).
struct ReviewGit: Sendable {
    let cwd: String
    let environment: [String: String]

    /// The merge base of `HEAD` and `branch` (or the branch's upstream when that is ahead of it), as
    /// 0.163.0 finds it; nil when there is no `HEAD` yet, the branch does not resolve, or git fails.
    func mergeBaseWithHead(branch: String) async -> String? {
        guard let head = await run(["rev-parse", "--verify", "HEAD"]),
            let branchRef = await run(["rev-parse", "--verify", branch])
        else { return nil }
        var preferred = branchRef
        if let upstream = await upstreamIfAhead(branch: branch), let upstreamRef = await run(["rev-parse", "--verify", upstream]) {
            preferred = upstreamRef
        }
        return await run(["merge-base", head, preferred])
    }

    /// The branch's upstream when it has commits the local branch lacks.
    private func upstreamIfAhead(branch: String) async -> String? {
        guard let upstream = await run(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "\(branch)@{upstream}"]),
            let counts = await run(["rev-list", "--left-right", "--count", "\(branch)...\(upstream)"])
        else { return nil }
        let parts = counts.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, let ahead = Int(parts[1]), ahead > 0 else { return nil }
        return upstream
    }

    /// Runs `git ARGS`; its trimmed stdout when it exits 0 with some output, else nil.
    private func run(_ arguments: [String]) async -> String? {
        var environment = environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        let invocation = CommandInvocation(
            executable: "git", arguments: arguments, cwd: cwd, environment: environment, timeout: .seconds(10),
            outputLimitBytes: 1 << 16)
        guard let outcome = try? await CommandRunner.run(invocation), outcome.exitCode == 0 else { return nil }
        let output = outcome.stdout.trimmingWhitespace()
        return output.isEmpty ? nil : output
    }
}
