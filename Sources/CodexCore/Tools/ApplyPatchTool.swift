import CodexProtocol
import CodexSandbox

/// `apply_patch`: verifies a patch, decides whether it needs the user, then applies it in-process
/// and reports a `fileChange` item.
enum ApplyPatchTool {
    /// What a call produced: the result for the model and, when files were written, what changed.
    struct Outcome: Sendable {
        var result: ToolResult
        /// The applied changes and each touched file's state before the patch (nil when nothing was written).
        var applied: (changes: [PatchFileChange], before: [TurnDiffTracker.FileSnapshot])?
    }

    /// Reads the function form's `{"input": PATCH}` arguments.
    static func patchText(fromArguments arguments: String) throws(ToolArgumentError) -> String {
        let json: JSONValue
        do {
            json = try JSONParser.parse(arguments)
        } catch {
            throw ToolArgumentError("\(error)")
        }
        guard let input = json["input"], input != .null else { throw ToolArgumentError("missing field `input`") }
        guard let text = input.stringValue else {
            throw ToolArgumentError("invalid type for `input`: expected a string")
        }
        return text
    }

    /// The text the model gets for a patch that does not parse or match the files.
    static func verificationFailure(_ error: ApplyPatchError) -> String {
        "apply_patch verification failed: \(error.verificationText)"
    }

    /// Runs one patch whose relative paths are resolved against `cwd`; the item id is `callID`.
    static func run(_ patchText: String, cwd: String, callID: String, context: ToolCallContext) async -> Outcome {
        let verified: VerifiedPatch
        do {
            verified = try ApplyPatch.verify(patchText, cwd: cwd)
        } catch {
            return Outcome(result: ToolResult(output: verificationFailure(error)))
        }
        let settings = context.settings
        let touched = touchedPaths(verified.changes)
        var sessionApproved: Set<String> = []
        for path in touched where await context.isApprovedForSession(SessionApprovalKey.patchedFile(path)) {
            sessionApproved.insert(path)
        }
        let request = PatchApprovalRequest(
            touchedPaths: touched, cwd: cwd, approvalPolicy: settings.approvalPolicy, sandbox: settings.sandbox.mode,
            writableRoots: writableRoots(settings), approvedForSession: sessionApproved)
        var item = FileChangeItem(id: callID, changes: verified.changes.map(FileChange.init), status: .inProgress)

        // Patches are written in-process, not under the platform sandbox, so a sandboxed
        // auto-approval whose writes the sandbox would refuse (on-failure, read-only) asks first, as
        // the reference does when its sandboxed apply is denied.
        let question: (ask: Bool, reason: String?)
        switch PatchApproval.requirement(for: request) {
        case .reject(let message):
            return Outcome(result: ToolResult(output: "patch rejected: \(message)"))
        case .autoApprove(let sandboxed):
            let sandboxWouldDeny =
                sandboxed && !PatchApproval.isConstrainedToWritableRoots(request.absoluteTouchedPaths, request: request)
                && sessionApproved.count < touched.count
            question = (sandboxWouldDeny, sandboxWouldDeny ? SandboxDenial.retryReason : nil)
        case .askUser:
            question = (true, nil)
        }
        await context.emit(.itemStarted(turnID: context.turnID, item: .fileChange(item)))
        if question.ask {
            let approval = ApprovalRequest(
                approvalID: callID, turnID: context.turnID,
                kind: .fileChange(item, reason: question.reason, grantRoot: nil))
            let decision = await context.requestApproval(approval)
            switch PatchApproval.resolve(decision, for: request) {
            case .declined(let message):
                await finish(&item, status: .declined, context: context)
                return Outcome(result: ToolResult(output: message))
            case .abortTurn:
                await finish(&item, status: .declined, context: context)
                return Outcome(result: ToolResult(output: ShellCommandTool.abortedMessage, abortTurn: true))
            case .apply(let remember):
                for path in remember { await context.approveForSession(SessionApprovalKey.patchedFile(path)) }
            }
        }

        let before = touched.map { TurnDiffTracker.FileSnapshot(path: $0, state: currentState($0)) }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let applied = try ApplyPatch.apply(verified.patch, cwd: cwd)
            let duration = clock.now - start
            await finish(&item, status: .completed, context: context)
            let output = ToolOutputFormatting.commandResult(exitCode: 0, duration: duration, output: applied.summary)
            return Outcome(result: ToolResult(output: output), applied: (applied.changes, before))
        } catch {
            let duration = clock.now - start
            await finish(&item, status: .failed, context: context)
            let output = ToolOutputFormatting.commandResult(
                exitCode: 1, duration: duration, output: error.description + "\n")
            return Outcome(result: ToolResult(output: output))
        }
    }

    /// Every absolute path the patch writes or removes: sources, and move destinations.
    static func touchedPaths(_ changes: [PatchFileChange]) -> [String] {
        var paths: [String] = []
        for change in changes {
            if !paths.contains(change.path) { paths.append(change.path) }
            if case .update(let movePath?) = change.kind, !paths.contains(movePath) { paths.append(movePath) }
        }
        return paths
    }

    /// The writable roots of a workspace-write policy with their protected subpaths (`.git`,
    /// `.codex`, `.agents`), for the patch approval rules; empty when the roots cannot be worked
    /// out (a configured root is missing), which makes every patch outside them need approval.
    static func writableRoots(_ settings: ThreadSettings) -> [WritableRoot] {
        let roots = (try? settings.sandbox.policy.writableRoots(cwd: settings.cwd, environment: settings.commandEnvironment)) ?? []
        return roots.map { WritableRoot(root: $0.root, readOnlySubpaths: $0.readOnlySubpaths) }
    }

    private static func currentState(_ path: String) -> TurnDiffTracker.FileState {
        guard case .file = PatchFileSystem.kind(of: path), let bytes = try? PatchFileSystem.readFile(path) else {
            return .missing
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    private static func finish(_ item: inout FileChangeItem, status: ItemStatus, context: ToolCallContext) async {
        item.status = status
        await context.emit(.itemCompleted(turnID: context.turnID, item: .fileChange(item)))
    }
}
