public import CodexConfig
import CodexCore
public import CodexProtocol
import FoundationEssentials

/// Everything a `codex exec` run needs, already parsed from the command line.
public struct ExecRequest: Sendable {
    /// Which thread to continue, for `codex exec resume`.
    public enum Resume: Sendable, Hashable {
        case last(allFolders: Bool)
        case id(String)
    }

    public var prompt: String
    public var images: [String] = []
    public var json = false
    public var color = false
    public var outputLastMessagePath: String?
    public var outputSchema: JSONValue?
    public var resume: Resume?
    public var ephemeral = false
    public var additionalWritableRoots: [String] = []

    public init(prompt: String) {
        self.prompt = prompt
    }
}

/// Runs a `codex exec` request to its exit code.
public enum ExecRun {
    /// Starts or resumes the thread, runs one turn, renders it, and returns the exit code
    /// (0 completed; 1 failed or interrupted).
    public static func run(
        _ request: ExecRequest, config: Config, environment: [String: String], version: String,
        output: ExecOutput = .standard
    ) async -> Int32 {
        let origin = ThreadOrigin(
            originator: "codex_exec", cliVersion: version, source: .exec,
            userAgent: "codex_exec/\(version) (Linux; \(Self.architecture))")
        let factory = ThreadFactory(config: config, origin: origin, environment: environment, tools: ToolRouter())
        var settings = ThreadSettings(config: config, environment: environment)
        settings.sandbox.writableRoots += request.additionalWritableRoots
        let prepared: PreparedThread
        do {
            prepared = try prepare(request, factory: factory, settings: settings, config: config)
        } catch {
            output.writeStderr("Error: \(error)\n")
            return 1
        }
        let thread = prepared.thread
        if request.json {
            output.writeStdout(ExecEvent.threadStarted(threadID: prepared.threadID.rawValue).serializedLine)
        } else {
            output.writeStderr(
                header(
                    settings: await thread.settings, config: config, threadID: prepared.threadID.rawValue,
                    version: version, color: request.color))
        }
        var overrides = TurnOverrides()
        overrides.outputSchema = request.outputSchema
        let input = request.images.map { UserInput.localImage(path: $0) } + [.text(request.prompt)]
        let outcome: TurnOutcome
        do {
            outcome = try await ExecTurnDriver.drive(
                thread: thread, input: input, overrides: overrides,
                mode: request.json ? .json : .human(color: request.color), output: output, handleSigint: true)
        } catch {
            output.writeStderr("Error: \(error)\n")
            await thread.shutdown()
            return 1
        }
        await thread.shutdown()
        return finish(outcome: outcome, request: request, total: await thread.totalUsage, output: output)
    }

    private static func prepare(
        _ request: ExecRequest, factory: ThreadFactory, settings: ThreadSettings, config: Config
    ) throws -> PreparedThread {
        let store = RolloutStore(codexHome: config.codexHome)
        switch request.resume {
        case nil:
            return factory.newThread(settings: settings, ephemeral: request.ephemeral)
        case .id(let text):
            guard let id = ThreadID(text), let path = store.rolloutPath(for: id) else {
                throw ExecRunError(message: "thread/resume: no rollout found for thread id \(text)")
            }
            return try factory.resumeThread(path: path, settings: settings)
        case .last(let allFolders):
            let query = ThreadListQuery(
                pageSize: 1, sortKey: .updatedAt, cwd: allFolders ? nil : config.cwd,
                modelProviders: [config.modelProviderID])
            if let newest = try store.listThreads(query).threads.first {
                return try factory.resumeThread(path: newest.path, settings: settings)
            }
            return factory.newThread(settings: settings, ephemeral: request.ephemeral)
        }
    }

    private static func finish(outcome: TurnOutcome, request: ExecRequest, total: TokenUsage, output: ExecOutput) -> Int32 {
        switch outcome {
        case .completed(let lastMessage):
            if !request.json {
                output.writeStderr(ExecHumanPrinter(color: request.color).tokensUsed(Int64(total.totalTokens)))
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

    static func header(settings: ThreadSettings, config: Config, threadID: String, version: String, color: Bool) -> String {
        var sandbox = settings.sandbox.mode.rawValue
        if settings.sandbox.mode == .workspaceWrite {
            var roots = ["workdir"] + settings.sandbox.writableRoots
            if !settings.sandbox.excludeSlashTmp { roots.append("/tmp") }
            if !settings.sandbox.excludeTmpdirEnvVar { roots.append("$TMPDIR") }
            sandbox += " [\(roots.joined(separator: ", "))]"
        }
        let entries: [(String, String)] = [
            ("workdir", settings.cwd), ("model", settings.model), ("provider", config.modelProviderID),
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
