import CodexConfig
import CodexCore
import Testing

@Suite("Exec approval decisions")
struct ApprovalExecDecisionTests {
    /// What the table expects, independent of the sandbox's exact kind.
    enum Expected: Sendable {
        case sandboxedIfRestricted
        case ask
        case rejectEscalation
        case rejectByPolicy
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let policy: AskForApproval
        let restricted: Bool
        let escalated: Bool
        let expected: Expected
        var testDescription: String { "\(policy.rawValue) restricted=\(restricted) escalated=\(escalated)" }
    }

    static func sandboxes(restricted: Bool) -> [SandboxMode] {
        SandboxMode.allCases.filter { $0.isRestricted == restricted }
    }

    static func request(
        _ argv: [String],
        _ policy: AskForApproval,
        _ sandbox: SandboxMode,
        escalated: Bool,
        approved: Set<ExecApprovalKey> = []
    ) -> ExecApprovalRequest {
        ExecApprovalRequest(
            argv: argv,
            cwd: "/repo",
            approvalPolicy: policy,
            sandbox: sandbox,
            sandboxPermissions: escalated ? .requireEscalated : .useDefault,
            justification: escalated ? "needs network" : nil,
            approvedForSession: approved
        )
    }

    static func check(_ argv: [String], _ row: Row) {
        for sandbox in sandboxes(restricted: row.restricted) {
            let outcome = ExecApproval.requirement(for: request(argv, row.policy, sandbox, escalated: row.escalated))
            let expected: ExecApprovalRequirement
            switch row.expected {
            case .sandboxedIfRestricted:
                expected = row.restricted ? .runSandboxed : .runUnsandboxed
            case .ask:
                expected = .askUser(reason: row.escalated ? "needs network" : nil, proposedExecpolicyAmendment: argv)
            case .rejectEscalation:
                let name = row.policy.referenceDebugName
                expected = .reject(
                    message: "approval policy is \(name); reject command — you should not ask for escalated permissions if the approval policy is \(name)"
                )
            case .rejectByPolicy:
                expected = .reject(message: "`\(argv.joined(separator: " "))` rejected: blocked by policy")
            }
            #expect(outcome == expected, "\(row.testDescription) sandbox=\(sandbox.rawValue)")
        }
    }

    static let ordinaryCommandTable: [Row] = [
        Row(policy: .untrusted, restricted: true, escalated: false, expected: .ask),
        Row(policy: .untrusted, restricted: false, escalated: false, expected: .ask),
        Row(policy: .untrusted, restricted: true, escalated: true, expected: .rejectEscalation),
        Row(policy: .untrusted, restricted: false, escalated: true, expected: .rejectEscalation),
        Row(policy: .onFailure, restricted: true, escalated: false, expected: .sandboxedIfRestricted),
        Row(policy: .onFailure, restricted: false, escalated: false, expected: .sandboxedIfRestricted),
        Row(policy: .onFailure, restricted: true, escalated: true, expected: .rejectEscalation),
        Row(policy: .onFailure, restricted: false, escalated: true, expected: .rejectEscalation),
        Row(policy: .onRequest, restricted: true, escalated: false, expected: .sandboxedIfRestricted),
        Row(policy: .onRequest, restricted: false, escalated: false, expected: .sandboxedIfRestricted),
        Row(policy: .onRequest, restricted: true, escalated: true, expected: .ask),
        Row(policy: .onRequest, restricted: false, escalated: true, expected: .sandboxedIfRestricted),
        Row(policy: .never, restricted: true, escalated: false, expected: .sandboxedIfRestricted),
        Row(policy: .never, restricted: false, escalated: false, expected: .sandboxedIfRestricted),
        Row(policy: .never, restricted: true, escalated: true, expected: .rejectEscalation),
        Row(policy: .never, restricted: false, escalated: true, expected: .rejectEscalation),
    ]

    @Test(arguments: ordinaryCommandTable)
    func ordinaryCommand(_ row: Row) {
        Self.check(["cargo", "build"], row)
        Self.check(["bash", "-lc", "cargo build > log.txt"], row)
    }

    /// Known-safe commands skip the prompt only under `untrusted`; elsewhere they follow the ordinary rows.
    static let safeCommandTable: [Row] = ordinaryCommandTable.map { row in
        guard row.policy == .untrusted, !row.escalated else { return row }
        return Row(policy: row.policy, restricted: row.restricted, escalated: false, expected: .sandboxedIfRestricted)
    }

    @Test(arguments: safeCommandTable)
    func knownSafeCommand(_ row: Row) {
        Self.check(["ls", "-la"], row)
    }

    /// Forced `rm` prompts under every asking policy and is refused under `never` when sandboxed.
    static let dangerousCommandTable: [Row] = ordinaryCommandTable.map { row in
        switch (row.policy, row.escalated) {
        case (_, true) where row.policy != .onRequest:
            return row
        case (.never, false):
            return Row(policy: .never, restricted: row.restricted, escalated: false,
                       expected: row.restricted ? .rejectByPolicy : .sandboxedIfRestricted)
        default:
            return Row(policy: row.policy, restricted: row.restricted, escalated: row.escalated, expected: .ask)
        }
    }

    @Test(arguments: dangerousCommandTable)
    func dangerousCommand(_ row: Row) {
        Self.check(["rm", "-rf", "build"], row)
    }

    @Test func scriptsAreJudgedPerSubCommand() {
        let safe = Self.request(["bash", "-lc", "ls && pwd | wc -l"], .untrusted, .workspaceWrite, escalated: false)
        #expect(ExecApproval.requirement(for: safe) == .runSandboxed)

        let mixed = Self.request(["bash", "-lc", "ls && cargo build"], .untrusted, .workspaceWrite, escalated: false)
        #expect(ExecApproval.requirement(for: mixed) == .askUser(reason: nil, proposedExecpolicyAmendment: ["cargo", "build"]))

        let hiddenRm = Self.request(["bash", "-lc", "ls && rm -rf /"], .never, .readOnly, escalated: false)
        #expect(ExecApproval.requirement(for: hiddenRm) == .reject(message: "`bash -lc 'ls && rm -rf /'` rejected: blocked by policy"))
    }

    @Test func sessionApprovalSkipsThePrompt() {
        let argv = ["cargo", "build"]
        let key = ExecApprovalKey(argv: argv, cwd: "/repo")
        #expect(ExecApproval.requirement(for: Self.request(argv, .untrusted, .readOnly, escalated: false, approved: [key])) == .runSandboxed)
        #expect(ExecApproval.requirement(for: Self.request(argv, .onRequest, .readOnly, escalated: true, approved: [key])) == .runUnsandboxed)

        var otherDirectory = Self.request(argv, .untrusted, .readOnly, escalated: false, approved: [key])
        otherDirectory.cwd = "/elsewhere"
        #expect(ExecApproval.requirement(for: otherDirectory) == .askUser(reason: nil, proposedExecpolicyAmendment: argv))
    }

    @Test(arguments: [
        (ReviewDecision.approved, false, ExecApprovalResolution.run(sandboxed: true, rememberForSession: nil)),
        (.approved, true, .run(sandboxed: false, rememberForSession: nil)),
        (.approvedForSession, false, .run(sandboxed: true, rememberForSession: ExecApprovalKey(argv: ["cargo", "build"], cwd: "/repo"))),
        (.approvedExecpolicyAmendment(["cargo"]), false, .run(sandboxed: true, rememberForSession: nil)),
        (.denied, false, .declined(message: "rejected by user")),
        (.timedOut, true, .declined(message: "rejected by user")),
        (.abort, false, .abortTurn),
    ])
    func resolvesUserDecisions(_ decision: ReviewDecision, _ escalated: Bool, _ expected: ExecApprovalResolution) {
        let request = Self.request(["cargo", "build"], escalated ? .onRequest : .untrusted, .workspaceWrite, escalated: escalated)
        #expect(ExecApproval.resolve(decision, for: request) == expected)
    }

    @Test func approvedCommandsRunWithoutSandboxUnderFullAccess() {
        let request = Self.request(["cargo", "build"], .untrusted, .dangerFullAccess, escalated: false)
        #expect(ExecApproval.resolve(.approved, for: request) == .run(sandboxed: false, rememberForSession: nil))
    }
}
