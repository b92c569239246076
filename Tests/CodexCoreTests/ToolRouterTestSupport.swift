import CodexConfig
import CodexCore
import CodexProtocol
import Foundation
import Testing

/// A fake thread side of `ToolCallContext`: records events and approval requests, answers
/// approvals from a script, keeps session approvals.
actor ToolContextRecorder {
    private(set) var events: [AgentEvent] = []
    private(set) var approvalRequests: [ApprovalRequest] = []
    private(set) var sessionApprovals: Set<[String]> = []
    private var decisions: [ReviewDecision]

    /// `decisions` answer the approval requests in order; once used up, requests are denied.
    init(decisions: [ReviewDecision] = []) {
        self.decisions = decisions
    }

    func record(_ event: AgentEvent) {
        events.append(event)
    }

    func answer(_ request: ApprovalRequest) -> ReviewDecision {
        approvalRequests.append(request)
        return decisions.isEmpty ? .denied : decisions.removeFirst()
    }

    func isApproved(_ key: [String]) -> Bool { sessionApprovals.contains(key) }

    func approve(_ key: [String]) { sessionApprovals.insert(key) }

    nonisolated func context(settings: ThreadSettings, turnID: String = "turn-1") -> ToolCallContext {
        ToolCallContext(
            threadID: "thread-1", turnID: turnID, settings: settings, emit: { await self.record($0) },
            requestApproval: { await self.answer($0) }, isApprovedForSession: { await self.isApproved($0) },
            approveForSession: { await self.approve($0) })
    }

    /// The command items of started/completed events, in order.
    var commandItems: [(phase: String, item: CommandExecutionItem)] {
        events.compactMap { event in
            switch event {
            case .itemStarted(_, .commandExecution(let item)): ("started", item)
            case .itemCompleted(_, .commandExecution(let item)): ("completed", item)
            default: nil
            }
        }
    }

    /// The file-change items of started/completed events, in order.
    var fileChangeItems: [(phase: String, item: FileChangeItem)] {
        events.compactMap { event in
            switch event {
            case .itemStarted(_, .fileChange(let item)): ("started", item)
            case .itemCompleted(_, .fileChange(let item)): ("completed", item)
            default: nil
            }
        }
    }

    /// The streamed output text, deltas joined.
    var outputDeltas: [String] {
        events.compactMap { if case .commandOutputDelta(_, _, let delta) = $0 { delta } else { nil } }
    }

    /// The diffs of `turnDiffUpdated` events.
    var turnDiffs: [String] {
        events.compactMap { if case .turnDiffUpdated(_, let diff) = $0 { diff } else { nil } }
    }
}

/// Builders shared by the tool tests.
enum ToolTestSupport {
    /// `codex-sandbox-test-helper`, built next to the test bundle by `swift build --build-tests`.
    static let helperPath: String = {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: bundle).deletingLastPathComponent()
            .appendingPathComponent("codex-sandbox-test-helper").path
    }()

    static func router() -> ToolRouter { ToolRouter(sandboxHelperExecutable: helperPath) }

    /// Settings for a test folder: bash, a minimal environment, roots limited to `cwd` (no /tmp, no $TMPDIR,
    /// where the tests' "outside" folders live).
    static func settings(
        cwd: String, approval: AskForApproval, mode: SandboxMode, networkAccess: Bool = false
    ) -> ThreadSettings {
        ThreadSettings(
            model: "mock-model", modelProvider: "mock", cwd: cwd, approvalPolicy: approval,
            sandbox: SandboxSettings(
                mode: mode, networkAccess: networkAccess, excludeTmpdirEnvVar: true, excludeSlashTmp: true),
            commandEnvironment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": cwd, "LANG": "C"], shell: "/bin/bash")
    }

    /// A `shell_command` function call.
    static func shell(
        _ command: String, callID: String = "call-1", workdir: String? = nil, timeoutMs: Int? = nil,
        escalate: Bool = false, justification: String? = nil
    ) -> ToolCall {
        var arguments: JSONObject = ["command": .string(command)]
        if let workdir { arguments["workdir"] = .string(workdir) }
        if let timeoutMs { arguments["timeout_ms"] = .int(Int64(timeoutMs)) }
        if escalate { arguments["sandbox_permissions"] = "require_escalated" }
        if let justification { arguments["justification"] = .string(justification) }
        return ToolCall(
            callID: callID, name: "shell_command",
            payload: .function(arguments: JSONValue.object(arguments).serialized()))
    }

    /// A freeform `apply_patch` call.
    static func patch(_ body: String, callID: String = "patch-1") -> ToolCall {
        ToolCall(
            callID: callID, name: "apply_patch", payload: .custom(input: "*** Begin Patch\n" + body + "*** End Patch\n")
        )
    }

    /// True when the sandbox helper can confine a command here; otherwise the calling test is
    /// skipped with a printed reason (a missing helper binary is a failure: the build makes it).
    static func sandboxAvailable(sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        guard FileManager.default.isExecutableFile(atPath: helperPath) else {
            Issue.record("sandbox helper missing at \(helperPath)", sourceLocation: sourceLocation)
            return false
        }
        let probe = CommandInvocation(
            executable: helperPath,
            arguments: ["--sandbox-policy-cwd", "/", "--sandbox-policy", #"{"type":"read-only"}"#, "--", "/bin/true"],
            argv0: "codex-linux-sandbox", cwd: "/", environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(30))
        guard let outcome = try? await CommandRunner.run(probe), outcome.exitCode == 0 else {
            print("SKIPPED: the sandbox helper cannot confine commands here")
            return false
        }
        return true
    }
}

/// A fresh folder for one test (symlinks resolved), removed when the value goes away.
final class ToolScratchFolder {
    let path: String

    init() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tool-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.resolvingSymlinksInPath().path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func directory(_ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
        return file(name)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }
}
