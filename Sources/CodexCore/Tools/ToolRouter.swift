public import CodexProtocol
public import CodexSandbox

/// The agent's tools: `shell_command`, `exec_command` and `write_stdin` (exec sessions kept per
/// thread), `apply_patch` (freeform or function form), `update_plan`, `view_image` and
/// `request_user_input`. (`web_search` is the provider's own tool: its calls arrive as items, not here.)
///
/// Keeps the per-turn record of patched files so every applied patch can report the turn's
/// aggregated diff.
public actor ToolRouter: ToolExecuting {
    /// The program spawned as `codex-linux-sandbox` for sandboxed commands.
    public let sandboxHelperExecutable: String
    private var turnDiffs: [String: TurnDiffTracker] = [:]
    private var turnOrder: [String] = []
    /// The exec sessions of every thread this router serves.
    private let execSessions = UnifiedExecSessions()
    /// Turns whose diff state is kept; older ones are forgotten.
    private static let rememberedTurns = 8

    /// Tools from outside the core (MCP servers), offered after the built-in ones.
    public let externalTools: (any ExternalToolProvider)?

    /// - Parameters:
    ///   - sandboxHelperExecutable: the codex binary (`/proc/self/exe`, the running one, by default); tests
    ///     pass a helper-only binary.
    ///   - externalTools: the front end's external tools (MCP servers), if any.
    public init(
        sandboxHelperExecutable: String = SandboxCommandBuilder.currentExecutable,
        externalTools: (any ExternalToolProvider)? = nil
    ) {
        self.sandboxHelperExecutable = sandboxHelperExecutable
        self.externalTools = externalTools
    }

    public nonisolated func toolSpecs(for settings: ThreadSettings) -> [JSONValue] {
        let tools = ToolSpecs.tools(for: settings)
        guard !settings.withheldTools.isEmpty else { return tools }
        return tools.filter { tool in
            let name = tool["name"]?.stringValue ?? tool["type"]?.stringValue ?? ""
            return !settings.withheldTools.contains(name)
        }
    }

    public nonisolated func modelToolSpecs(threadID: String, settings: ThreadSettings) async -> [JSONValue] {
        let builtIn = toolSpecs(for: settings)
        guard let externalTools else { return builtIn }
        return builtIn + (await externalTools.toolSpecs(threadID: threadID))
    }

    public func execute(_ call: ToolCall, context: ToolCallContext) async -> ToolResult {
        if let namespace = call.namespace {
            return await ExternalToolCall.run(call, namespace: namespace, provider: externalTools, context: context)
        }
        if context.settings.withheldTools.contains(call.name) { return ToolResult(output: "unsupported call: \(call.name)") }
        switch call.name {
        case "shell_command":
            return await shellCommand(call, context: context)
        case "exec_command":
            return await execCommand(call, context: context)
        case "write_stdin":
            let arguments: WriteStdinArguments
            do {
                arguments = try WriteStdinArguments.parse(Self.rawArguments(call.payload))
            } catch {
                return ToolResult(output: error.modelOutput)
            }
            return await unifiedExec.writeStdin(arguments, context: context)
        case "apply_patch":
            let text: String
            switch call.payload {
            case .custom(let input):
                text = input
            case .function(let arguments):
                do {
                    text = try ApplyPatchTool.patchText(fromArguments: arguments)
                } catch {
                    return ToolResult(output: error.modelOutput)
                }
            }
            return await applyPatch(text, cwd: context.settings.cwd, callID: call.callID, context: context)
        case "update_plan":
            return await UpdatePlanTool.run(arguments: Self.rawArguments(call.payload), context: context)
        case "view_image":
            return await ViewImageTool.run(arguments: Self.rawArguments(call.payload), callID: call.callID, context: context)
        case "request_user_input":
            return RequestUserInputTool.run()
        default:
            return ToolResult(output: "unsupported call: \(call.name)")
        }
    }

    private func shellCommand(_ call: ToolCall, context: ToolCallContext) async -> ToolResult {
        let arguments: ShellCommandArguments
        do {
            arguments = try ShellCommandArguments.parse(Self.rawArguments(call.payload))
        } catch {
            return ToolResult(output: error.modelOutput)
        }
        let settings = context.settings
        let argv = ShellCommandTool.argv(arguments.command, settings: settings)
        // A script that is really an apply_patch call goes through the patch flow.
        switch ApplyPatchInvocation.recognize(argv) {
        case .patch(let patch, let workdir):
            let base = ShellCommandTool.commandDirectory(arguments.workdir, settings: settings)
            let cwd = ApplyPatchInvocation.effectiveDirectory(cwd: base, workdir: workdir)
            return await applyPatch(patch.text, cwd: cwd, callID: call.callID, context: context)
        case .invalidPatch(let error):
            return ToolResult(output: ApplyPatchTool.verificationFailure(.parse(error)))
        case .implicitInvocation:
            return ToolResult(output: ApplyPatchInvocation.implicitInvocationMessage)
        case .notApplyPatch:
            let tool = ShellCommandTool(sandboxHelperExecutable: sandboxHelperExecutable)
            return await tool.run(arguments, callID: call.callID, context: context)
        }
    }

    private var unifiedExec: UnifiedExecTool {
        UnifiedExecTool(sandboxHelperExecutable: sandboxHelperExecutable, sessions: execSessions)
    }

    private func execCommand(_ call: ToolCall, context: ToolCallContext) async -> ToolResult {
        let arguments: ExecCommandArguments
        do {
            arguments = try ExecCommandArguments.parse(Self.rawArguments(call.payload))
        } catch {
            return ToolResult(output: error.modelOutput)
        }
        // A script that is really an apply_patch call goes through the patch flow, as for shell_command.
        switch ApplyPatchInvocation.recognize(UnifiedExecTool.argv(arguments, settings: context.settings)) {
        case .patch(let patch, let workdir):
            let base = ShellCommandTool.commandDirectory(arguments.workdir, settings: context.settings)
            let cwd = ApplyPatchInvocation.effectiveDirectory(cwd: base, workdir: workdir)
            return await applyPatch(patch.text, cwd: cwd, callID: call.callID, context: context)
        case .invalidPatch(let error):
            return ToolResult(output: ApplyPatchTool.verificationFailure(.parse(error)))
        case .implicitInvocation:
            return ToolResult(output: ApplyPatchInvocation.implicitInvocationMessage)
        case .notApplyPatch:
            return await unifiedExec.execCommand(arguments, callID: call.callID, context: context)
        }
    }

    /// Kills the thread's exec sessions (their process groups).
    public func endBackgroundWork(threadID: String) async {
        await unifiedExec.endSessions(threadID: threadID)
    }

    private func applyPatch(_ text: String, cwd: String, callID: String, context: ToolCallContext) async -> ToolResult {
        let outcome = await ApplyPatchTool.run(text, cwd: cwd, callID: callID, context: context)
        if let applied = outcome.applied {
            let diff = recordTurnDiff(
                turnID: context.turnID, displayRoot: context.settings.cwd, changes: applied.changes,
                before: applied.before)
            await context.emit(.turnDiffUpdated(turnID: context.turnID, diff: diff))
        }
        return outcome.result
    }

    /// Adds an applied patch to the turn's record and returns the turn's aggregated diff.
    private func recordTurnDiff(
        turnID: String, displayRoot: String, changes: [PatchFileChange], before: [TurnDiffTracker.FileSnapshot]
    ) -> String {
        var tracker = turnDiffs[turnID] ?? TurnDiffTracker(displayRoot: displayRoot)
        if turnDiffs[turnID] == nil {
            turnOrder.append(turnID)
            if turnOrder.count > Self.rememberedTurns { turnDiffs[turnOrder.removeFirst()] = nil }
        }
        tracker.record(changes: changes, before: before)
        turnDiffs[turnID] = tracker
        return tracker.unifiedDiff
    }

    private static func rawArguments(_ payload: ToolCall.Payload) -> String {
        switch payload {
        case .function(let arguments): arguments
        case .custom(let input): input
        }
    }
}
