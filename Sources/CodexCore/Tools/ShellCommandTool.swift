import CodexBasics
import CodexProtocol
import CodexSandbox

/// `shell_command`: runs a script with the user's shell (`<shell> -lc <script>`), deciding first
/// whether to ask, to refuse, or to run inside or outside the sandbox, and offering to rerun
/// without the sandbox when a sandboxed run looks denied.
struct ShellCommandTool: Sendable {
    /// The program run as `codex-linux-sandbox` for sandboxed commands (normally the codex binary).
    let sandboxHelperExecutable: String

    /// Runs one call to completion; failures become output text for the model.
    func run(_ arguments: ShellCommandArguments, callID: String, context: ToolCallContext) async -> ToolResult {
        let settings = context.settings
        let cwd = Self.commandDirectory(arguments.workdir, settings: settings)
        let argv = Self.argv(arguments.command, settings: settings)
        var item = CommandExecutionItem(
            id: callID, command: argv, displayCommand: ShellQuoting.join(argv), cwd: cwd, status: .inProgress,
            parsedCommands: CommandParser.parse(argv))
        let sessionKey = SessionApprovalKey.command(argv, cwd: cwd)
        let sandboxed: Bool
        let userApproved: Bool
        let retryAmendment: [String]?
        switch await CommandApprovalFlow.decide(
            &item, sandboxPermissions: arguments.sandboxPermissions, justification: arguments.justification,
            prefixRule: arguments.prefixRule, sessionKey: sessionKey, context: context)
        {
        case .rejected(let message), .declined(let message):
            return ToolResult(output: message)
        case .aborted:
            return ToolResult(output: Self.abortedMessage, abortTurn: true)
        case .run(let runSandboxed, let approved, let amendment):
            sandboxed = runSandboxed
            userApproved = approved
            retryAmendment = amendment
        }

        let run = CommandRun(
            argv: argv, itemID: callID, cwd: cwd,
            timeout: .milliseconds(arguments.timeoutMilliseconds ?? ShellCommandArguments.defaultTimeoutMilliseconds))
        let ending: RunEnding
        do {
            ending = try await execute(
                run, sandboxed: sandboxed, userApproved: userApproved, item: item, sessionKey: sessionKey,
                retryAmendment: retryAmendment, context: context)
        } catch {
            let message = "execution error: \(error)"
            item.aggregatedOutput = message
            await Self.finish(&item, status: .failed, context: context)
            return ToolResult(output: message)
        }
        switch ending {
        case .declined:
            await Self.finish(&item, status: .declined, context: context)
            return ToolResult(output: ExecApproval.rejectedByUserMessage)
        case .aborted:
            await Self.finish(&item, status: .declined, context: context)
            return ToolResult(output: Self.abortedMessage, abortTurn: true)
        case .finished(let outcome):
            item.exitCode = outcome.exitCode
            item.aggregatedOutput = outcome.aggregatedOutput
            item.durationMs = Self.milliseconds(outcome.duration)
            await Self.finish(&item, status: outcome.exitCode == 0 ? .completed : .failed, context: context)
            return ToolResult(
                output: ToolOutputFormatting.commandResult(
                    exitCode: outcome.exitCode, duration: outcome.duration, output: Self.modelText(outcome)))
        }
    }

    /// What to spawn for one call.
    private struct CommandRun: Sendable {
        var argv: [String]
        var itemID: String
        var cwd: String
        var timeout: Duration
    }

    /// How an approved command ended.
    private enum RunEnding: Sendable {
        case finished(CommandOutcome)
        /// The user refused the rerun without the sandbox.
        case declined
        case aborted
    }

    /// Runs the command; after a sandboxed run that looks denied, reruns it without the sandbox
    /// when the policy allows, asking first unless the user already approved the command.
    private func execute(
        _ run: CommandRun, sandboxed: Bool, userApproved: Bool, item: CommandExecutionItem, sessionKey: [String],
        retryAmendment: [String]?, context: ToolCallContext
    ) async throws -> RunEnding {
        let outcome = try await spawn(run, sandboxed: sandboxed, context: context)
        guard sandboxed else { return .finished(outcome) }
        let result = SandboxedRunResult(
            exitCode: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr,
            aggregatedOutput: outcome.aggregatedOutput, timedOut: outcome.timedOut, sandboxApplied: true)
        let policy = context.settings.approvalPolicy
        switch SandboxDenial.followUp(after: result, policy: policy, alreadyApproved: userApproved) {
        case .reportResult, .reportDenial:
            return .finished(outcome)
        case .retryUnsandboxed:
            break
        case .askToRetryUnsandboxed(let reason):
            switch await CommandApprovalFlow.askToRetry(
                item, reason: reason, amendment: retryAmendment, sessionKey: sessionKey, context: context)
            {
            case .rerun: break
            case .declined: return .declined
            case .aborted: return .aborted
            }
        }
        return .finished(try await spawn(run, sandboxed: false, context: context))
    }

    /// The text the model gets when the user aborts the turn at an approval prompt.
    static let abortedMessage = "aborted by user"

    /// `[shell, "-lc", script]`.
    static func argv(_ script: String, settings: ThreadSettings) -> [String] {
        [settings.shell, "-lc", script]
    }

    /// The call's `workdir` resolved against the thread's cwd (the cwd itself when absent).
    static func commandDirectory(_ workdir: String?, settings: ThreadSettings) -> String {
        guard let workdir, !workdir.isEmpty else { return settings.cwd }
        return AbsolutePath(workdir, relativeTo: AbsolutePath(normalizing: settings.cwd)).string
    }

    /// Spawns the command (through the sandbox helper when `sandboxed`), streaming its output as
    /// `commandOutputDelta` events of the call's item.
    private func spawn(_ run: CommandRun, sandboxed: Bool, context: ToolCallContext) async throws -> CommandOutcome {
        let settings = context.settings
        let policy = settings.sandbox.policy
        let launch = SandboxCommandBuilder.build(
            command: run.argv, policy: sandboxed ? policy : .dangerFullAccess, policyCwd: settings.cwd,
            helperExecutable: sandboxHelperExecutable)
        var environment = settings.commandEnvironment
        // The variable follows the thread's policy, also for a run the user let out of the sandbox.
        if !policy.hasFullNetworkAccess { environment[SandboxCommandBuilder.networkDisabledVariable] = "1" }
        environment.merge(launch.environmentOverrides) { _, override in override }
        let invocation = CommandInvocation(
            executable: launch.executablePath, arguments: Array(launch.arguments.dropFirst()),
            argv0: sandboxed ? launch.arguments.first : nil, cwd: run.cwd, environment: environment,
            timeout: run.timeout)
        let turnID = context.turnID
        let itemID = run.itemID
        let emit = context.emit
        let decoder = OutputDeltaDecoder()
        let outcome = try await CommandRunner.run(invocation) { stream, bytes in
            let text = await decoder.decode(bytes, from: stream)
            if !text.isEmpty { await emit(.commandOutputDelta(turnID: turnID, itemID: itemID, delta: text)) }
        }
        let rest = await decoder.flush()
        if !rest.isEmpty { await emit(.commandOutputDelta(turnID: turnID, itemID: itemID, delta: rest)) }
        return outcome
    }


    private static func finish(_ item: inout CommandExecutionItem, status: ItemStatus, context: ToolCallContext) async {
        await CommandApprovalFlow.finish(&item, status: status, context: context)
    }

    /// The output part of the model's text: a timeout note comes first, as in the reference.
    static func modelText(_ outcome: CommandOutcome) -> String {
        guard outcome.timedOut else { return outcome.aggregatedOutput }
        let captured = outcome.stdout.isEmpty && outcome.stderr.isEmpty ? "" : outcome.aggregatedOutput
        return "command timed out after \(milliseconds(outcome.duration)) milliseconds\n" + captured
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let components = duration.components
        return components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
