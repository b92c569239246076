public import CodexConfig
public import CodexCore
public import CodexProtocol
import CodexMCPClient
import FoundationEssentials

/// Everything a `codex exec` run needs, already parsed from the command line.
public struct ExecRequest: Sendable {
    /// Which thread to continue, for `codex exec resume` and `codex exec fork`.
    public enum Resume: Sendable, Hashable {
        case last(allFolders: Bool)
        case id(String)
        /// `codex exec fork ID`: a new thread with a copy of that one's history.
        case fork(String)
    }

    public var prompt: String
    public var images: [String] = []
    public var json = false
    public var color = false
    public var outputLastMessagePath: String?
    public var outputSchema: JSONValue?
    public var resume: Resume?
    /// The settings the command line gave explicitly; a resume or fork restores every other one from the rollout.
    public var explicitSettings: ExplicitSettings = []
    public var ephemeral = false
    public var additionalWritableRoots: [String] = []
    /// `codex exec review`: the run is a review of this target instead of a turn with `prompt`.
    public var review: ReviewTarget?

    public init(prompt: String) {
        self.prompt = prompt
    }
}

/// Runs a `codex exec` request to its exit code.
public enum ExecRun {
    /// Starts or resumes the thread, runs one turn, renders it, and returns the exit code
    /// (0 completed; 1 failed or interrupted).
    /// The `[mcp_servers]` start with the run and are shut down when it ends.
    public static func run(
        _ request: ExecRequest, config: Config, environment: [String: String], version: String,
        output: ExecOutput = .standard, ruleFolders: [String]? = nil
    ) async -> Int32 {
        let grace = config.mcpOptionalStartupGraceMs.map { Duration.milliseconds($0) } ?? MCPConnectionManager.defaultStartupGrace
        let servers = await ConnectorsGateway.servers(config: config, environment: environment)
        return await MCPConnectionManager.withServers(
            servers, sessionCwd: config.cwd, environment: environment, clientVersion: version, startupGrace: grace,
            apps: config.apps, oauthStore: MCPOAuthCredentialStore(config: config)
        ) { manager in
            if let failure = await manager.requiredStartupFailure() {
                output.writeStderr("Error: \(requiredServersError(failure, resume: request.resume))\n")
                return 1
            }
            return await run(
                request, config: config, environment: environment, version: version, output: output,
                tools: ToolRouter(externalTools: servers.isEmpty ? nil : manager), ruleFolders: ruleFolders)
        }
    }

    /// 0.163.0's words when a `required` MCP server did not start (observed for a new thread; the method
    /// named for resume and fork is ours, by analogy).
    static func requiredServersError(_ reason: String, resume: ExecRequest.Resume?) -> String {
        let method: String
        switch resume {
        case nil: method = "thread/start"
        case .fork?: method = "thread/fork"
        case .id?, .last?: method = "thread/resume"
        }
        return "\(method): \(method) failed: error creating thread: Fatal error: Failed to initialize session: \(reason) (code -32603)"
    }

    private static func run(
        _ request: ExecRequest, config: Config, environment: [String: String], version: String, output: ExecOutput,
        tools: ToolRouter, ruleFolders: [String]?
    ) async -> Int32 {
        let origin = ThreadOrigin(
            originator: "codex_exec", cliVersion: version, source: .exec,
            userAgent: "codex_exec/\(version) (Linux; \(Self.architecture))")
        let factory = ThreadFactory(
            config: config, origin: origin, environment: environment, tools: tools, ruleFolders: ruleFolders)
        let prepared: PreparedThread
        do {
            prepared = try await prepare(request, factory: factory, config: config)
        } catch {
            output.writeStderr("Error: \(error)\n")
            return 1
        }
        let thread = prepared.thread
        var settings = await thread.settings
        var overrides = TurnOverrides()
        overrides.outputSchema = request.outputSchema
        if !request.additionalWritableRoots.isEmpty {
            settings.sandbox.writableRoots += request.additionalWritableRoots.filter { !settings.sandbox.writableRoots.contains($0) }
            overrides.sandbox = settings.sandbox
        }
        if request.json {
            output.writeStdout(ExecEvent.threadStarted(threadID: prepared.threadID.rawValue).serializedLine)
        } else {
            output.writeStderr(
                header(settings: settings, threadID: prepared.threadID.rawValue, version: version, color: request.color))
        }
        let input = request.images.map { UserInput.localImage(path: $0) } + [.text(request.prompt)]
        let outcome: TurnOutcome
        do {
            var review: ReviewRequest?
            if let target = request.review {
                review = try await ReviewRequest.resolve(target, cwd: settings.cwd, environment: settings.commandEnvironment)
            }
            outcome = try await ExecTurnDriver.drive(
                thread: thread, input: input, review: review, overrides: overrides,
                mode: request.json ? .json : .human(color: request.color), output: output, handleSigint: true,
                warnings: prepared.warnings)
        } catch {
            output.writeStderr("Error: \(error)\n")
            await thread.shutdown()
            return 1
        }
        await thread.shutdown()
        return finish(outcome: outcome, request: request, total: await thread.totalUsage, output: output)
    }

    /// The new, resumed or forked thread; resume and fork are the core's, restoring the last turn's
    /// settings under the explicit ones.
    private static func prepare(_ request: ExecRequest, factory: ThreadFactory, config: Config) async throws -> PreparedThread {
        let store = RolloutStore(codexHome: config.codexHome)
        let explicit = request.explicitSettings
        switch request.resume {
        case nil:
            return factory.newThread(ephemeral: request.ephemeral)
        case .id(let text):
            guard let id = ThreadID(text), let path = store.rolloutPath(for: id) else {
                throw ExecRunError(message: "thread/resume: no rollout found for thread id \(text)")
            }
            return try await factory.resumeThread(path: path, explicit: explicit)
        case .fork(let text):
            guard let id = ThreadID(text), let path = store.rolloutPath(for: id) else {
                throw ExecRunError(message: "thread/fork: no rollout found for thread id \(text)")
            }
            return try await factory.forkThread(sourcePath: path, explicit: explicit)
        case .last(let allFolders):
            let query = ThreadListQuery(
                pageSize: 1, sortKey: .updatedAt, cwd: allFolders ? nil : config.cwd,
                modelProviders: [config.modelProviderID])
            if let newest = try store.listThreads(query).threads.first {
                return try await factory.resumeThread(path: newest.path, explicit: explicit)
            }
            return factory.newThread(ephemeral: request.ephemeral)
        }
    }

    private static func finish(outcome: TurnOutcome, request: ExecRequest, total: TokenUsage, output: ExecOutput) -> Int32 {
        switch outcome {
        case .completed(let lastMessage):
            if !request.json {
                // A review's tokens are its reviewer's: the reference reports none for the thread.
                if request.review == nil {
                    output.writeStderr(ExecHumanPrinter(color: request.color).tokensUsed(Int64(total.totalTokens)))
                }
                if let lastMessage { output.writeStdout(lastMessage.hasSuffix("\n") ? lastMessage : lastMessage + "\n") }
            }
            if let path = request.outputLastMessagePath {
                writeLastMessage(lastMessage ?? "", to: path, output: output)
            }
            return 0
        case .failed, .interrupted:
            return 1
        }
    }

    private static func writeLastMessage(_ message: String, to path: String, output: ExecOutput) {
        if message.isEmpty {
            output.writeStderr("Warning: no last agent message; wrote empty content to \(path)\n")
        }
        do {
            try AtomicFileWriter.write(Array(message.utf8), to: path)
        } catch {
            output.writeStderr("Failed to write last message file \"\(path)\": \(error)\n")
        }
    }

    static func header(settings: ThreadSettings, threadID: String, version: String, color: Bool) -> String {
        var sandbox = settings.sandbox.mode.rawValue
        if settings.sandbox.mode == .workspaceWrite {
            var roots = ["workdir"] + settings.sandbox.writableRoots
            if !settings.sandbox.excludeSlashTmp { roots.append("/tmp") }
            if !settings.sandbox.excludeTmpdirEnvVar { roots.append("$TMPDIR") }
            sandbox += " [\(roots.joined(separator: ", "))]"
        }
        let entries: [(String, String)] = [
            ("workdir", settings.cwd), ("model", settings.model), ("provider", settings.modelProvider),
            ("approval", settings.approvalPolicy.rawValue), ("sandbox", sandbox),
            ("reasoning effort", settings.reasoningEffort ?? "none"),
            ("reasoning summaries", settings.reasoningSummary ?? "none"), ("session id", threadID),
        ]
        return ExecHumanPrinter(color: color).header(version: version, entries: entries)
    }

    static var architecture: String {
        #if arch(x86_64)
            return "x86_64"
        #elseif arch(arm64)
            return "aarch64"
        #else
            return "unknown"
        #endif
    }
}

/// A failure before the turn could start.
struct ExecRunError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
