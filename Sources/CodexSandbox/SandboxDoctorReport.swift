/// The result of `codex sandbox doctor`: one verdict per capability probe or self-test.
public struct SandboxDoctorReport: Sendable, Equatable, Codable {
    /// Outcome of one check.
    public enum Verdict: String, Sendable, Equatable, Codable {
        case pass
        case fail
        case unsupported
    }

    /// One probe or self-test with a human-readable detail.
    public struct Check: Sendable, Equatable, Codable {
        public var name: String
        public var verdict: Verdict
        public var detail: String

        public init(name: String, verdict: Verdict, detail: String) {
            self.name = name
            self.verdict = verdict
            self.detail = detail
        }
    }

    public var checks: [Check]

    public init(checks: [Check]) {
        self.checks = checks
    }

    /// True when no check failed (unsupported optional features do not count as failures).
    public var isHealthy: Bool {
        !checks.contains { $0.verdict == .fail }
    }

    /// The verdict of the named check, if it ran.
    public func verdict(of name: String) -> Verdict? {
        checks.first { $0.name == name }?.verdict
    }

    /// Aligned text for terminals: `pass  landlock  ABI 7`, then a summary line.
    public func renderText() -> String {
        let width = checks.map(\.name.count).max() ?? 0
        var lines = ["Sandbox doctor (Linux: Landlock + seccomp + mount namespace)"]
        for check in checks {
            let verdict = check.verdict.rawValue.padding(to: 11)
            lines.append("  \(verdict) \(check.name.padding(to: width))  \(check.detail)")
        }
        let failed = checks.filter { $0.verdict == .fail }.count
        let unsupported = checks.filter { $0.verdict == .unsupported }.count
        lines.append(
            failed == 0
                ? "Result: sandbox working (\(unsupported) optional feature(s) unsupported)"
                : "Result: \(failed) check(s) failed")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
