import CodexBasics
public import CodexConfig

/// A directory the sandbox lets commands write to, minus its protected subpaths (`.git`, `.codex`, ...).
public struct WritableRoot: Sendable, Hashable, Codable {
    public var root: String
    public var readOnlySubpaths: [String]

    public init(root: String, readOnlySubpaths: [String] = []) {
        self.root = root
        self.readOnlySubpaths = readOnlySubpaths
    }

    /// Whether an absolute, normalized path lies under the root and outside every read-only subpath.
    public func permitsWrite(to path: String) -> Bool {
        let path = AbsolutePath(normalizing: path)
        guard path.isWithin(AbsolutePath(normalizing: root)) else { return false }
        return !readOnlySubpaths.contains { path.isWithin(AbsolutePath(normalizing: $0)) }
    }
}

/// Everything the apply_patch approval decision depends on.
public struct PatchApprovalRequest: Sendable, Hashable {
    /// Every path the patch touches: added, deleted and updated files and move destinations.
    /// Relative paths are resolved against `cwd`.
    public var touchedPaths: [String]
    public var cwd: String
    public var approvalPolicy: AskForApproval
    public var sandbox: SandboxMode
    /// Writable roots of a workspace-write sandbox (ignored for the other kinds).
    public var writableRoots: [WritableRoot]
    /// Files the user approved for the session (`acceptForSession` on an earlier patch).
    public var approvedForSession: Set<String>

    public init(
        touchedPaths: [String],
        cwd: String,
        approvalPolicy: AskForApproval,
        sandbox: SandboxMode,
        writableRoots: [WritableRoot] = [],
        approvedForSession: Set<String> = []
    ) {
        self.touchedPaths = touchedPaths
        self.cwd = cwd
        self.approvalPolicy = approvalPolicy
        self.sandbox = sandbox
        self.writableRoots = writableRoots
        self.approvedForSession = approvedForSession
    }

    /// The touched paths made absolute and normalized (`.` and `..` resolved lexically).
    public var absoluteTouchedPaths: [String] {
        touchedPaths.map { AbsolutePath($0, relativeTo: AbsolutePath(normalizing: cwd)).string }
    }
}

/// What the rules require before a patch is applied, decided before anyone is asked;
/// `PatchApprovalResolution` is what the user's answer then leads to.
public enum PatchApprovalRequirement: Sendable, Hashable {
    /// Apply without asking, under the platform sandbox when `sandboxed`.
    case autoApprove(sandboxed: Bool)
    /// Ask the user (`item/fileChange/requestApproval` / `apply_patch_approval_request`).
    case askUser
    /// Refuse; `message` goes back to the model.
    case reject(message: String)
}

/// The apply_patch approval rules (`assess_patch_safety`, spec core.md §11).
public enum PatchApproval {
    /// The text the model sees when the user declines a patch.
    public static let rejectedByUserMessage = "patch rejected by user"
    /// The refusal under `never` for writes outside the writable roots.
    public static let outsideProjectMessage = "writing outside of the project; rejected by user approval settings"

    /// Whether a patch is applied without asking, needs the user, or is refused.
    public static func requirement(for request: PatchApprovalRequest) -> PatchApprovalRequirement {
        if request.touchedPaths.isEmpty { return .reject(message: "empty patch") }
        let paths = request.absoluteTouchedPaths
        let sessionApproved = paths.allSatisfy(request.approvedForSession.contains)
        if request.approvalPolicy == .untrusted {
            return sessionApproved ? .autoApprove(sandboxed: request.sandbox.isRestricted) : .askUser
        }
        if request.approvalPolicy == .onFailure || isConstrainedToWritableRoots(paths, request: request) {
            return .autoApprove(sandboxed: request.sandbox.isRestricted)
        }
        if request.approvalPolicy == .never { return .reject(message: outsideProjectMessage) }
        return sessionApproved ? .autoApprove(sandboxed: request.sandbox.isRestricted) : .askUser
    }

    /// Applies the user's answer; `rememberForSession` lists the files to auto-approve later.
    public static func resolve(_ decision: ReviewDecision, for request: PatchApprovalRequest) -> PatchApprovalResolution {
        switch decision {
        case .approved, .approvedExecpolicyAmendment:
            return .apply(rememberForSession: [])
        case .approvedForSession:
            return .apply(rememberForSession: request.absoluteTouchedPaths)
        case .denied, .timedOut:
            return .declined(message: rejectedByUserMessage)
        case .abort:
            return .abortTurn
        }
    }

    /// Whether every path may be written by the sandbox policy as it stands.
    static func isConstrainedToWritableRoots(_ paths: [String], request: PatchApprovalRequest) -> Bool {
        switch request.sandbox {
        case .dangerFullAccess:
            return true
        case .readOnly:
            return false
        case .workspaceWrite:
            return paths.allSatisfy { path in request.writableRoots.contains { $0.permitsWrite(to: path) } }
        }
    }
}

/// What the user's answer to an `askUser` patch requirement leads to.
public enum PatchApprovalResolution: Sendable, Hashable {
    case apply(rememberForSession: [String])
    case declined(message: String)
    case abortTurn
}
