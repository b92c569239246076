import CodexConfig
import CodexCore
import Testing

@Suite("apply_patch approval")
struct ApprovalPatchTests {
    static let roots = [WritableRoot(root: "/repo", readOnlySubpaths: ["/repo/.git", "/repo/.codex"]), WritableRoot(root: "/tmp")]

    static func request(
        _ paths: [String],
        _ policy: AskForApproval,
        _ sandbox: SandboxMode,
        approved: Set<String> = []
    ) -> PatchApprovalRequest {
        PatchApprovalRequest(
            touchedPaths: paths,
            cwd: "/repo",
            approvalPolicy: policy,
            sandbox: sandbox,
            writableRoots: roots,
            approvedForSession: approved
        )
    }

    /// Where the patch writes: inside the writable roots, or not.
    enum Target: String, Sendable, CaseIterable {
        case inside
        case outside
        case protected

        var paths: [String] {
            switch self {
            case .inside: ["src/main.swift", "/tmp/scratch.txt", "./docs/../README.md"]
            case .outside: ["src/main.swift", "../other/file.txt"]
            case .protected: [".git/config"]
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let policy: AskForApproval
        let sandbox: SandboxMode
        let target: Target
        let expected: PatchApprovalRequirement
        var testDescription: String { "\(policy.rawValue) \(sandbox.rawValue) \(target.rawValue)" }
    }

    static let outside = PatchApprovalRequirement.reject(
        message: "writing outside of the project; rejected by user approval settings"
    )

    static let table: [Row] = {
        var rows: [Row] = []
        for sandbox in SandboxMode.allCases {
            for target in Target.allCases {
                let fitsSandbox: Bool
                switch sandbox {
                case .dangerFullAccess: fitsSandbox = true
                case .readOnly: fitsSandbox = false
                case .workspaceWrite: fitsSandbox = target == .inside
                }
                let auto = PatchApprovalRequirement.autoApprove(sandboxed: sandbox.isRestricted)
                rows.append(Row(policy: .untrusted, sandbox: sandbox, target: target, expected: .askUser))
                rows.append(Row(policy: .onFailure, sandbox: sandbox, target: target, expected: auto))
                rows.append(Row(policy: .onRequest, sandbox: sandbox, target: target, expected: fitsSandbox ? auto : .askUser))
                rows.append(Row(policy: .never, sandbox: sandbox, target: target, expected: fitsSandbox ? auto : outside))
            }
        }
        return rows
    }()

    @Test(arguments: table)
    func decision(_ row: Row) {
        #expect(PatchApproval.requirement(for: Self.request(row.target.paths, row.policy, row.sandbox)) == row.expected)
    }

    @Test func emptyPatchIsRejected() {
        #expect(PatchApproval.requirement(for: Self.request([], .onRequest, .workspaceWrite)) == .reject(message: "empty patch"))
    }

    @Test func sessionApprovedFilesAreNotAskedAgain() {
        let approved: Set<String> = ["/other/file.txt"]
        #expect(PatchApproval.requirement(for: Self.request(["/other/file.txt"], .onRequest, .readOnly, approved: approved))
            == .autoApprove(sandboxed: true))
        #expect(PatchApproval.requirement(for: Self.request(["/other/file.txt"], .untrusted, .workspaceWrite, approved: approved))
            == .autoApprove(sandboxed: true))
        #expect(PatchApproval.requirement(for: Self.request(["/other/file.txt", "/other/new.txt"], .onRequest, .readOnly, approved: approved))
            == .askUser)
    }

    @Test func resolvesUserDecisions() {
        let request = Self.request(["a.txt", "sub/../b.txt"], .onRequest, .readOnly)
        #expect(PatchApproval.resolve(.approved, for: request) == .apply(rememberForSession: []))
        #expect(PatchApproval.resolve(.approvedForSession, for: request) == .apply(rememberForSession: ["/repo/a.txt", "/repo/b.txt"]))
        #expect(PatchApproval.resolve(.denied, for: request) == .declined(message: "patch rejected by user"))
        #expect(PatchApproval.resolve(.abort, for: request) == .abortTurn)
    }

    @Test(arguments: [
        ("/repo/src/a", true),
        ("/repo", true),
        ("/repository/a", false),
        ("/repo/.git/config", false),
        ("/repo/.gitignore", true),
        ("/repo/.codex", false),
    ])
    func writableRootBoundaries(_ path: String, _ writable: Bool) {
        #expect(Self.roots[0].permitsWrite(to: path) == writable)
    }
}
