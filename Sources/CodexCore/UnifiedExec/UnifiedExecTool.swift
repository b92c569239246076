import CodexBasics
import CodexProtocol
import CodexSandbox

/// `exec_command` and `write_stdin`: commands that may outlive the call, kept as sessions of the
/// thread, polled and fed input by later calls (the reference's "unified exec").
///
/// A new command goes through the same approval step as `shell_command` and runs through the same
/// sandbox launch. The call waits up to `yield_time_ms` for output; a command still running then
/// is kept as a session the model continues with `write_stdin`. Its item ends when a call sees
/// the process exit.
struct UnifiedExecTool: Sendable {
    static let minimumYieldMilliseconds = 250
    static let maximumYieldMilliseconds = 30_000
    /// The floor of an empty `write_stdin` (a poll).
    static let minimumPollMilliseconds = 5_000
    static let maximumPollMilliseconds = 300_000
    /// After a write, how long the process gets to react before output is collected.
    static let afterWriteDelay = Duration.milliseconds(100)
    /// After the main process exits, how long to wait for the rest of its output.
    static let outputCloseWait = Duration.milliseconds(50)
    /// How often a waiting call looks for new output.
    static let pollInterval = Duration.milliseconds(10)
    /// The reference's extra environment of every exec session.
    static let environment: [String: String] = [
        "NO_COLOR": "1", "TERM": "dumb", "LANG": "C.UTF-8", "LC_CTYPE": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "COLORTERM": "", "PAGER": "cat", "GIT_PAGER": "cat", "GH_PAGER": "cat", "CODEX_CI": "1",
    ]
    /// The text for a command the user declined, as the reference words it.
    static let declinedMessage = #"exec_command failed: CreateProcess { message: "Rejected(\"rejected by user\")" }"#

    let sandboxHelperExecutable: String
    let sessions: UnifiedExecSessions

    /// The argv of `cmd`: `[shell, "-lc" | "-c", cmd]`.
    static func argv(_ arguments: ExecCommandArguments, settings: ThreadSettings) -> [String] {
        [arguments.shell ?? settings.shell, arguments.login ? "-lc" : "-c", arguments.cmd]
    }

    func execCommand(_ arguments: ExecCommandArguments, callID: String, context: ToolCallContext) async -> ToolResult {
        let settings = context.settings
        let cwd = ShellCommandTool.commandDirectory(arguments.workdir, settings: settings)
        let argv = Self.argv(arguments, settings: settings)
        var item = CommandExecutionItem(
            id: callID, command: argv, displayCommand: ShellQuoting.join(argv), cwd: cwd, status: .inProgress,
            parsedCommands: CommandParser.parse(argv))
        let sessionKey = SessionApprovalKey.command(argv, cwd: cwd)
        var sandboxed: Bool
        var userApproved: Bool
        let retryAmendment: [String]?
        switch await CommandApprovalFlow.decide(
            &item, sandboxPermissions: arguments.sandboxPermissions, justification: arguments.justification,
            sessionKey: sessionKey, context: context)
        {
        case .rejected(let message):
            return ToolResult(output: message)
        case .declined:
            return ToolResult(output: Self.declinedMessage)
        case .aborted:
            return ToolResult(output: ShellCommandTool.abortedMessage, abortTurn: true)
        case .run(let runSandboxed, let approved, let amendment):
            sandboxed = runSandboxed
            userApproved = approved
            retryAmendment = amendment
        }

        let yield = min(max(arguments.yieldMilliseconds, Self.minimumYieldMilliseconds), Self.maximumYieldMilliseconds)
        while true {
            let process: UnifiedExecProcess
            let start = ContinuousClock.now
            do {
                process = try UnifiedExecProcess(
                    launch(argv, cwd: cwd, tty: arguments.tty, sandboxed: sandboxed, settings: settings))
            } catch {
                let message = "exec_command failed: CreateProcess { message: \"\(error.description)\" }"
                item.aggregatedOutput = message
                await CommandApprovalFlow.finish(&item, status: .failed, context: context)
                return ToolResult(output: message)
            }
            let session = UnifiedExecSession(process: process, item: item, startedAt: start)
            let sessionID = await sessions.insert(session, threadID: context.threadID)
            let (output, interrupted) = await collect(session, until: start + .milliseconds(yield), context: context)
            if interrupted { return await interruptedResult(context: context) }
            // A sandboxed command that ended looking denied may run again without the sandbox, as for shell_command.
            if sandboxed, let exitCode = process.exitCode {
                let text = String(decoding: output, as: UTF8.self)
                let result = SandboxedRunResult(
                    exitCode: exitCode, stdout: text, stderr: "", aggregatedOutput: text, timedOut: false,
                    sandboxApplied: true)
                switch SandboxDenial.followUp(after: result, policy: settings.approvalPolicy, alreadyApproved: userApproved) {
                case .reportResult, .reportDenial:
                    break
                case .retryUnsandboxed:
                    await sessions.remove(sessionID, threadID: context.threadID)
                    sandboxed = false
                    continue
                case .askToRetryUnsandboxed(let reason):
                    await sessions.remove(sessionID, threadID: context.threadID)
                    switch await CommandApprovalFlow.askToRetry(
                        item, reason: reason, amendment: retryAmendment, sessionKey: sessionKey, context: context)
                    {
                    case .rerun:
                        break
                    case .declined:
                        await CommandApprovalFlow.finish(&item, status: .declined, context: context)
                        return ToolResult(output: Self.declinedMessage)
                    case .aborted:
                        await CommandApprovalFlow.finish(&item, status: .declined, context: context)
                        return ToolResult(output: ShellCommandTool.abortedMessage, abortTurn: true)
                    }
                    sandboxed = false
                    userApproved = true
                    continue
                }
            }
            return await conclude(
                session, sessionID: sessionID, output: output, wallTime: ContinuousClock.now - start,
                maxTokens: arguments.maxOutputTokens, context: context)
        }
    }

    func writeStdin(_ arguments: WriteStdinArguments, context: ToolCallContext) async -> ToolResult {
        guard let session = await sessions.use(arguments.sessionID, threadID: context.threadID) else {
            return ToolResult(output: "write_stdin failed: Unknown process id \(arguments.sessionID)")
        }
        var yield: Int
        if arguments.chars.isEmpty {
            yield = min(max(arguments.yieldMilliseconds, Self.minimumPollMilliseconds), Self.maximumPollMilliseconds)
        } else {
            guard session.process.tty else {
                return ToolResult(
                    output:
                        "write_stdin failed: stdin is closed for this session; rerun exec_command with tty=true to keep stdin open"
                )
            }
            yield = min(max(arguments.yieldMilliseconds, Self.minimumYieldMilliseconds), Self.maximumYieldMilliseconds)
            do {
                try await session.process.write(Array(arguments.chars.utf8))
            } catch {
                return ToolResult(output: "write_stdin failed: \(error.description)")
            }
            await context.emit(
                .terminalInteraction(
                    turnID: context.turnID, itemID: session.item.id, processID: String(arguments.sessionID),
                    stdin: arguments.chars))
            do {
                try await Task.sleep(for: Self.afterWriteDelay)
            } catch {
                yield = 0
            }
        }
        return await respond(
            session, sessionID: arguments.sessionID, yield: .milliseconds(yield), maxTokens: arguments.maxOutputTokens,
            context: context)
    }

    /// Collects output for up to `yield`, then answers with the session still running or ended.
    private func respond(
        _ session: UnifiedExecSession, sessionID: Int, yield: Duration, maxTokens: Int, context: ToolCallContext
    ) async -> ToolResult {
        let start = ContinuousClock.now
        let (output, interrupted) = await collect(session, until: start + yield, context: context)
        if interrupted { return await interruptedResult(context: context) }
        return await conclude(
            session, sessionID: sessionID, output: output, wallTime: ContinuousClock.now - start, maxTokens: maxTokens,
            context: context)
    }

    /// An interrupt while waiting kills every session of the thread (the thread then forgets them
    /// and waits for them to be reaped, see `endSessions`), ends their items as failed, and ends the turn.
    private func interruptedResult(context: ToolCallContext) async -> ToolResult {
        for session in await sessions.killAll(threadID: context.threadID) {
            await finish(session, exitCode: session.process.exitCode ?? 128 + Self.sigkill, context: context)
        }
        return ToolResult(output: ShellCommandTool.abortedMessage, abortTurn: true)
    }

    /// The model's text for collected output; a process that ended leaves the store and ends its item.
    private func conclude(
        _ session: UnifiedExecSession, sessionID: Int, output: [UInt8], wallTime: Duration, maxTokens: Int,
        context: ToolCallContext
    ) async -> ToolResult {
        let text = String(decoding: output, as: UTF8.self)
        let state: UnifiedExecOutput.ProcessState
        if let exitCode = session.process.exitCode {
            await sessions.remove(sessionID, threadID: context.threadID)
            await finish(session, exitCode: exitCode, context: context)
            state = .exited(code: exitCode)
        } else {
            state = .running(sessionID: sessionID)
        }
        return ToolResult(
            output: UnifiedExecOutput.modelText(
                chunkID: UnifiedExecOutput.chunkID(), wallTime: wallTime, state: state, rawOutput: text,
                maxTokens: maxTokens))
    }

    /// How long `endSessions` waits for the killed processes to be reaped.
    static let reapWait = Duration.seconds(2)

    /// Kills every session of the thread, forgets them and waits (bounded) until their processes
    /// are reaped. The thread calls it (uncancelled) when a turn was interrupted and at shutdown.
    func endSessions(threadID: String) async {
        let ended = await sessions.terminateAll(threadID: threadID)
        let deadline = ContinuousClock.now + Self.reapWait
        for session in ended {
            while session.process.exitCode == nil, ContinuousClock.now < deadline {
                do {
                    try await Task.sleep(for: Self.pollInterval)
                } catch {
                    return
                }
            }
        }
    }

    /// SIGKILL's number: a killed session's exit code is 128 + 9 until its real status is known.
    private static let sigkill: Int32 = 9

    /// Output until the deadline, the process's end, or cancellation (the second value); each
    /// piece is also reported as an output delta of the session's item.
    private func collect(_ session: UnifiedExecSession, until deadline: ContinuousClock.Instant, context: ToolCallContext)
        async -> ([UInt8], Bool)
    {
        let decoder = OutputDeltaDecoder()
        var collected: [UInt8] = []
        var exitSeen: ContinuousClock.Instant?
        var interrupted = false
        while true {
            let finished = session.process.isFinished
            let chunk = session.process.drainPending()
            if !chunk.isEmpty {
                collected += chunk
                await emitDelta(await decoder.decode(chunk, from: .stdout), session: session, context: context)
            }
            if finished { break }
            let now = ContinuousClock.now
            if now >= deadline { break }
            if session.process.exitCode != nil {
                let seen = exitSeen ?? now
                exitSeen = seen
                if now - seen >= Self.outputCloseWait { break }
            }
            do {
                try await Task.sleep(for: min(Self.pollInterval, deadline - now))
            } catch {
                interrupted = true
                break
            }
        }
        await emitDelta(await decoder.flush(), session: session, context: context)
        return (collected, interrupted)
    }

    private func emitDelta(_ text: String, session: UnifiedExecSession, context: ToolCallContext) async {
        guard !text.isEmpty else { return }
        await context.emit(.commandOutputDelta(turnID: context.turnID, itemID: session.item.id, delta: text))
    }

    /// Ends the session's item with the process's exit code and whole output.
    private func finish(_ session: UnifiedExecSession, exitCode: Int32, context: ToolCallContext) async {
        var item = session.item
        item.exitCode = exitCode
        item.aggregatedOutput = String(decoding: session.process.transcript, as: UTF8.self)
        item.durationMs = ShellCommandTool.milliseconds(ContinuousClock.now - session.startedAt)
        await CommandApprovalFlow.finish(&item, status: exitCode == 0 ? .completed : .failed, context: context)
    }

    /// The process to start: the command itself, or the sandbox helper running it.
    private func launch(_ argv: [String], cwd: String, tty: Bool, sandboxed: Bool, settings: ThreadSettings)
        -> UnifiedExecLaunch
    {
        let policy = settings.sandbox.policy
        let launch = SandboxCommandBuilder.build(
            command: argv, policy: sandboxed ? policy : .dangerFullAccess, policyCwd: settings.cwd,
            helperExecutable: sandboxHelperExecutable)
        var environment = settings.commandEnvironment
        if !policy.hasFullNetworkAccess { environment[SandboxCommandBuilder.networkDisabledVariable] = "1" }
        environment.merge(Self.environment) { _, session in session }
        environment.merge(launch.environmentOverrides) { _, override in override }
        return UnifiedExecLaunch(
            executable: launch.executablePath, argv: launch.arguments, cwd: cwd, environment: environment, tty: tty)
    }
}
