import CodexBasics
import CodexConfig
import CodexCore
import CodexProtocol
import CodexSandbox
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// `command/exec` and its follow-ups (`/write`, `/resize`, `/terminate`): runs one command outside any
/// thread, under the sandbox policy of the request (else the configured one), and answers with its
/// exit code and output once it has exited.
///
/// With a client `processId` the command can stream its output as `command/exec/outputDelta`
/// notifications (`streamStdoutStderr`), take stdin (`streamStdin`), or run on a pseudo-terminal
/// (`tty`, which implies both). The process runs in its own process group, killed whole on timeout
/// (exit code 124), on `command/exec/terminate`, and when the connection that started it closes.
struct CommandExecService: Sendable {
    let host: any AppServerServiceHost
    let sessions = CommandExecSessions()
    /// The reference's default limit for a one-off command.
    static let defaultTimeoutMilliseconds: Int64 = 10_000
    /// Bytes kept per stream unless the request says otherwise.
    static let defaultOutputCap = 1 << 20
    /// The exit code reported for a command killed by its timeout.
    static let timeoutExitCode: Int32 = 124

    func run(_ params: AppServerV2.CommandExecParams, context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.CommandExecResponse
    {
        let options = try Self.validate(params)
        let launch = try makeLaunch(params, options: options)
        let key = params.processId.map { CommandExecSessions.Key(connection: ObjectIdentifier(context.connection), processID: $0) }
        if let key, sessions.session(key) != nil { throw Self.duplicate(key.processID) }
        let process: SessionProcess
        do {
            process = try SessionProcess(launch)
        } catch {
            let detail = error.errno.map { "\(String(cString: strerror($0))) (os error \($0))" } ?? error.description
            throw .internalError("failed to spawn command: \(detail)")
        }
        let session = CommandExecSession(process: process, streamStdin: options.streamStdin)
        if let key {
            guard sessions.insert(session, for: key) else {
                process.terminate()
                throw Self.duplicate(key.processID)
            }
        }
        defer { if let key { sessions.remove(key, ifItIs: session) } }
        // Follow-up requests for this processId wait in its scope: they may run from now on.
        context.releaseSerializationScope()
        let streamed = options.streamOutput ? params.processId : nil
        return await Self.collect(process, timeout: options.timeout, cap: options.outputCap, streamedAs: streamed, context: context)
    }

    func write(_ params: AppServerV2.CommandExecWriteParams, context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.CommandExecWriteResponse
    {
        let closeStdin = params.closeStdin == true
        guard params.deltaBase64 != nil || closeStdin else {
            throw .invalidParams("command/exec/write requires deltaBase64 or closeStdin")
        }
        var bytes: [UInt8] = []
        if let text = params.deltaBase64 {
            guard let data = Data(base64Encoded: text) else { throw .invalidParams("invalid deltaBase64: not valid base64") }
            bytes = Array(data)
        }
        let session = try activeSession(params.processId, context: context)
        guard session.streamStdin else { throw .invalidRequest("stdin streaming is not enabled for this command/exec") }
        if !bytes.isEmpty {
            do {
                try await session.process.write(bytes)
            } catch {
                if error.errno == EBADF { throw .invalidRequest("stdin is already closed") }
                throw .invalidRequest("command/exec \(Self.quoted(params.processId)) is no longer running")
            }
        }
        if closeStdin { session.process.closeStdin() }
        return AppServerV2.CommandExecWriteResponse()
    }

    func resize(_ params: AppServerV2.CommandExecResizeParams, context: AppServerRequestContext) throws(JSONRPCErrorObject)
        -> AppServerV2.CommandExecResizeResponse
    {
        let size = try Self.terminalSize(params.size)
        let session = try activeSession(params.processId, context: context)
        do {
            try session.process.resize(size)
        } catch {
            throw .invalidRequest("failed to resize PTY: \(error.description)")
        }
        return AppServerV2.CommandExecResizeResponse()
    }

    func terminate(_ params: AppServerV2.CommandExecTerminateParams, context: AppServerRequestContext)
        throws(JSONRPCErrorObject) -> AppServerV2.CommandExecTerminateResponse
    {
        try activeSession(params.processId, context: context).process.terminate()
        return AppServerV2.CommandExecTerminateResponse()
    }

    private func activeSession(_ processID: String, context: AppServerRequestContext) throws(JSONRPCErrorObject)
        -> CommandExecSession
    {
        let key = CommandExecSessions.Key(connection: ObjectIdentifier(context.connection), processID: processID)
        guard let session = sessions.session(key) else {
            throw .invalidRequest("no active command/exec for process id \(Self.quoted(processID))")
        }
        return session
    }

    // MARK: - Starting

    /// What a valid request asks for.
    struct Options: Sendable {
        var tty: Bool
        var streamStdin: Bool
        var streamOutput: Bool
        var size: TerminalSize?
        var timeout: Duration?
        /// Bytes kept (or streamed) per stream; nil means no cap.
        var outputCap: Int?
    }

    /// Checks the params as the reference does, with its messages.
    static func validate(_ params: AppServerV2.CommandExecParams) throws(JSONRPCErrorObject) -> Options {
        guard !params.command.isEmpty else { throw .invalidRequest("command must not be empty") }
        let tty = params.tty == true
        if params.size != nil, !tty { throw .invalidParams("command/exec size requires tty: true") }
        if params.disableOutputCap == true, params.outputBytesCap != nil {
            throw .invalidParams("command/exec cannot set both outputBytesCap and disableOutputCap")
        }
        if params.disableTimeout == true, params.timeoutMs != nil {
            throw .invalidParams("command/exec cannot set both timeoutMs and disableTimeout")
        }
        let size = try params.size.map { size throws(JSONRPCErrorObject) in try terminalSize(size) }
        let streamStdin = tty || params.streamStdin == true
        let streamOutput = tty || params.streamStdoutStderr == true
        if params.processId == nil, streamStdin || streamOutput {
            throw .invalidRequest("command/exec tty or streaming requires a client-supplied processId")
        }
        var timeout: Duration?
        if params.disableTimeout != true {
            timeout = .milliseconds(max(params.timeoutMs ?? defaultTimeoutMilliseconds, 0))
        }
        var cap: Int? = defaultOutputCap
        if params.disableOutputCap == true {
            cap = nil
        } else if let requested = params.outputBytesCap {
            cap = Int(clamping: max(requested, 0))
        }
        return Options(
            tty: tty, streamStdin: streamStdin, streamOutput: streamOutput, size: size, timeout: timeout, outputCap: cap)
    }

    static func terminalSize(_ size: AppServerV2.CommandExecTerminalSize) throws(JSONRPCErrorObject) -> TerminalSize {
        guard size.rows > 0, size.cols > 0 else {
            throw .invalidParams("command/exec size rows and cols must be greater than 0")
        }
        guard let rows = UInt16(exactly: size.rows), let cols = UInt16(exactly: size.cols) else {
            throw .invalidParams("command/exec size rows and cols must be at most \(UInt16.max)")
        }
        return TerminalSize(rows: rows, cols: cols)
    }

    /// The process to start: the command under the sandbox helper unless the policy is full access.
    private func makeLaunch(_ params: AppServerV2.CommandExecParams, options: Options) throws(JSONRPCErrorObject)
        -> SessionProcessLaunch
    {
        let config: Config
        do {
            config = try ConfigLoader.load(host.configLoadOptions(cwd: host.defaultCwd)).config
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
        let cwd = params.cwd.map { AbsolutePath($0, relativeTo: AbsolutePath(normalizing: config.cwd)).string } ?? config.cwd
        let policy = params.sandboxPolicy.map(Self.corePolicy) ?? SandboxSettings(config: config).policy
        var environment = config.shellEnvironmentPolicy.apply(
            to: host.environment, networkDisabled: !policy.hasFullNetworkAccess)
        for (name, value) in params.env ?? [:] {
            environment[name] = value
        }
        let launch = SandboxCommandBuilder.build(
            command: params.command, policy: policy, policyCwd: cwd, helperExecutable: host.sandboxHelperExecutable)
        environment.merge(launch.environmentOverrides) { _, override in override }
        return SessionProcessLaunch(
            executable: launch.executablePath, argv: launch.arguments, cwd: cwd, environment: environment,
            tty: options.tty, size: options.size, separateStderr: true, stdinPipe: options.streamStdin,
            pauseWhenPendingFull: true)
    }

    // MARK: - Running

    /// Reads the process's output until it has exited and its output ended: streamed as notifications
    /// when `streamedAs` names the process, else kept for the response. Kills the group at the timeout,
    /// and when the task is cancelled (the connection closed).
    private static func collect(
        _ process: SessionProcess, timeout: Duration?, cap: Int?, streamedAs processID: String?,
        context: AppServerRequestContext
    ) async -> AppServerV2.CommandExecResponse {
        var outputs = SessionOutputStream.allCases.map { _ in CappedStream(cap: cap) }
        let timedOut = await withTaskGroup(of: Bool.self) { group in
            if let timeout {
                group.addTask {
                    do { try await Task.sleep(for: timeout) } catch { return false }
                    // Its exit is recorded off the cooperative pool, so this is its real state: a process
                    // that ended in time is not timed out by a late wake-up on a busy machine.
                    guard process.exitCode == nil else { return false }
                    process.terminate()
                    return true
                }
            }
            pumping: for await _ in process.changes {
                let finished = process.isFinished
                for stream in SessionOutputStream.allCases {
                    guard let chunk = outputs[stream.rawValue].take(process.drainPending(stream), keep: processID == nil)
                    else { continue }
                    if let processID {
                        let delta = AppServerV2.CommandExecOutputDeltaNotification(
                            processId: processID, stream: stream == .stdout ? .stdout : .stderr,
                            deltaBase64: Data(chunk.bytes).base64EncodedString(), capReached: chunk.capReached)
                        await context.connection.notify(delta)
                    }
                }
                if finished { break pumping }
            }
            if Task.isCancelled { process.terminate() }
            group.cancelAll()
            var timedOut = false
            for await fired in group { timedOut = timedOut || fired }
            return timedOut
        }
        let exitCode = timedOut ? timeoutExitCode : (process.exitCode ?? -1)
        return AppServerV2.CommandExecResponse(
            exitCode: exitCode, stdout: String(decoding: outputs[0].kept, as: UTF8.self),
            stderr: String(decoding: outputs[1].kept, as: UTF8.self))
    }

    private static func duplicate(_ processID: String) -> JSONRPCErrorObject {
        .invalidRequest("duplicate active command/exec process id: \(quoted(processID))")
    }

    /// A process id as the reference's messages show it (a JSON string).
    private static func quoted(_ processID: String) -> String { JSONValue.string(processID).serialized() }

    /// The wire policy as the sandbox helper takes it.
    static func corePolicy(_ policy: AppServerV2.SandboxPolicy) -> SandboxPolicy {
        switch policy {
        case .dangerFullAccess:
            return .dangerFullAccess
        case .readOnly(let networkAccess):
            return .readOnly(networkAccess: networkAccess)
        case .externalSandbox(let networkAccess):
            return .externalSandbox(networkAccess: networkAccess == .enabled ? .enabled : .restricted)
        case .workspaceWrite(let workspace):
            return .workspaceWrite(
                SandboxPolicy.WorkspaceWrite(
                    writableRoots: workspace.writableRoots, networkAccess: workspace.networkAccess,
                    excludeTmpdirEnvVar: workspace.excludeTmpdirEnvVar, excludeSlashTmp: workspace.excludeSlashTmp))
        }
    }
}

/// One output stream of a `command/exec` cut at its cap: what passes, and (when buffered) what was kept.
struct CappedStream: Sendable {
    /// A piece that passed the cap; `capReached` on the one that hit it (possibly empty).
    struct Chunk: Sendable {
        var bytes: [UInt8]
        var capReached: Bool
    }

    let cap: Int?
    private(set) var seen = 0
    private(set) var capReached = false
    private(set) var kept: [UInt8] = []

    init(cap: Int?) { self.cap = cap }

    /// Passes `bytes` through the cap; nil when nothing is to be reported (no bytes, or the cap was
    /// reached before). With `keep` the passed bytes are also kept for the response.
    mutating func take(_ bytes: [UInt8], keep: Bool) -> Chunk? {
        guard !bytes.isEmpty, !capReached else { return nil }
        var passed = bytes
        if let cap {
            passed = Array(bytes.prefix(max(cap - seen, 0)))
            seen += passed.count
            capReached = seen == cap
        }
        if keep { kept += passed }
        return Chunk(bytes: passed, capReached: capReached)
    }
}
