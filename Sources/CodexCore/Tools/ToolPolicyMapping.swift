import CodexConfig
import CodexSandbox

/// Translations from a thread's configured settings to the types the approval rules and the
/// sandbox builder work with.
enum ToolPolicyMapping {
    /// The approval policy the command-analysis rules use for a configured `approval_policy`.
    static func approvalPolicy(_ policy: AskForApproval) -> ApprovalPolicy {
        switch policy {
        case .untrusted: .untrusted
        case .onFailure: .onFailure
        case .onRequest: .onRequest
        case .never: .never
        }
    }

    /// The sandbox shape the approval rules look at.
    static func sandboxKind(_ mode: SandboxMode) -> SandboxPolicyKind {
        switch mode {
        case .readOnly: .readOnly
        case .workspaceWrite: .workspaceWrite
        case .dangerFullAccess: .dangerFullAccess
        }
    }

    /// The policy the sandbox helper enforces for these settings.
    static func sandboxPolicy(_ settings: SandboxSettings) -> SandboxPolicy { settings.policy }

    /// The user's answer in the terms of the approval rules.
    static func reviewDecision(_ decision: ApprovalDecision) -> ReviewDecision {
        switch decision {
        case .approved: .approved
        case .approvedForSession: .approvedForSession
        case .denied: .denied
        case .abort: .abort
        }
    }

    /// The writable roots of a workspace-write policy with their protected subpaths (`.git`,
    /// `.codex`, `.agents`), for the patch approval rules; empty when the roots cannot be worked
    /// out (a configured root is missing), which makes every patch outside them need approval.
    static func writableRoots(_ settings: ThreadSettings) -> [WritableRoot] {
        let policy = sandboxPolicy(settings.sandbox)
        let roots = (try? policy.writableRoots(cwd: settings.cwd, environment: settings.commandEnvironment)) ?? []
        return roots.map { WritableRoot(root: $0.root, readOnlySubpaths: $0.readOnlySubpaths) }
    }
}
