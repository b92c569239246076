public import CodexConfig
import CodexProtocol
import CodexLogin
public import FoundationEssentials
import Glibc

/// Who starts threads, and what they record about themselves.
public struct ThreadOrigin: Sendable, Hashable {
    /// `codex_exec`, `codex_vscode`, an app-server client's name, ...
    public var originator: String
    /// Our version, written into rollouts as `cli_version`.
    public var cliVersion: String
    public var source: SessionSource
    /// The `User-Agent` sent to the model provider.
    public var userAgent: String

    public init(originator: String, cliVersion: String, source: SessionSource, userAgent: String) {
        self.originator = originator
        self.cliVersion = cliVersion
        self.source = source
        self.userAgent = userAgent
    }
}

/// A thread ready to run, with where it is persisted.
public struct PreparedThread: Sendable {
    public let thread: AgentThread
    public let threadID: ThreadID
    /// The rollout file (nil for an ephemeral thread).
    public let rolloutPath: String?
    /// The history loaded from disk when resuming (empty for a new thread).
    public let loaded: LoadedRollout?
    /// The token usage the resumed rollout last recorded (nil for a new thread, or before any response).
    public var usage: TokenUsageInfo? = nil
    /// What the user should be told about the resume (a model other than the recorded one).
    public var warnings: [String] = []
}

/// Builds threads from the effective configuration: the model client, the tools, the rollout.
public struct ThreadFactory: Sendable {
    public let config: Config
    public let origin: ThreadOrigin
    public let environment: [String: String]
    /// Runs tools; `ToolRouter()` in production.
    public let tools: any ToolExecuting
    /// The config folders whose `rules/*.rules` every new or reopened thread loads (lowest precedence
    /// first); nil: CODEX_HOME alone.
    public var ruleFolders: [String]?

    public init(
        config: Config, origin: ThreadOrigin, environment: [String: String], tools: any ToolExecuting,
        ruleFolders: [String]? = nil
    ) {
        self.config = config
        self.origin = origin
        self.environment = environment
        self.tools = tools
        self.ruleFolders = ruleFolders
    }

    /// A thread's exec-policy rules, read from disk now. Rules files that cannot be read leave the built-in
    /// heuristics alone in charge (front ends report the error first: `codex exec` refuses to start, the
    /// app-server sends `configWarning`), never an allow-all.
    public func execPolicyManager() -> ExecPolicyManager {
        let home = config.codexHome
        do {
            return ExecPolicyManager(policy: try ExecPolicyFiles.load(configFolders: ruleFolders ?? [home]), codexHome: home)
        } catch {
            return ExecPolicyManager(policy: .empty, codexHome: home)
        }
    }

    /// The model port for a provider of this configuration (by default the selected one).
    public func modelStreaming(providerID: String? = nil) -> ModelClientStreaming {
        let id = providerID.flatMap { config.modelProviders[$0] == nil ? nil : $0 } ?? config.modelProviderID
        let info = config.modelProviders[id] ?? config.modelProvider
        let provider = ModelProviderSettings(id: id, info: info)
        let client = ModelClient(
            provider: provider, identity: ModelClientIdentity(originator: origin.originator, userAgent: origin.userAgent),
            authManager: SharedAuthManagers.manager(for: config, environment: environment), environment: environment)
        return ModelClientStreaming(client: client)
    }

    /// A new thread; its rollout file appears with its first turn unless `ephemeral`.
    public func newThread(settings: ThreadSettings? = nil, ephemeral: Bool = false, now: Date = Date()) -> PreparedThread {
        let settings = settings ?? ThreadSettings(config: config, environment: environment)
        let threadID = ThreadID.generate(at: now)
        var recorder: ThreadRolloutRecorder?
        if !ephemeral {
            let store = RolloutStore(codexHome: config.codexHome)
            var meta = SessionMeta(
                id: threadID, timestamp: RolloutClock.lineTimestamp(now), cwd: settings.cwd, originator: origin.originator,
                cliVersion: origin.cliVersion, source: origin.source, modelProvider: settings.modelProvider,
                baseInstructions: nil)
            // New sessions are written in 0.163.0's current format.
            meta.historyMode = .paginated
            recorder = ThreadRolloutRecorder(
                newThreadAt: store.newRolloutPath(for: threadID, createdAt: now), meta: meta, createdAt: now)
        }
        let thread = AgentThread(
            threadID: threadID.rawValue, settings: settings, model: modelStreaming(), tools: tools, rollout: recorder,
            execPolicy: execPolicyManager())
        return PreparedThread(thread: thread, threadID: threadID, rolloutPath: recorder?.path, loaded: nil)
    }

    /// Reopens a thread from its rollout file: the history and the running token total come back, and
    /// the last turn's settings (model, provider, cwd, approval and sandbox policy, reasoning) are restored
    /// under the `explicit` ones, which `settings` (by default the configuration's) carry. When those change
    /// what the last turn recorded, a `turn_context` line records them, so the next resume finds them too.
    /// - Throws: `RolloutError` when the file cannot be read, reopened or appended to.
    public func resumeThread(
        path: String, settings: ThreadSettings? = nil, explicit: ExplicitSettings = []
    ) async throws(RolloutError) -> PreparedThread {
        try await reopen(path: path, settings: settings, explicit: explicit, asFork: false)
    }

    /// `resumeThread`; a fork (`asFork`), as the reference's, takes the model and reasoning effort from the
    /// configuration and does not inherit `danger-full-access` (the configured sandbox applies instead).
    private func reopen(
        path: String, settings: ThreadSettings?, explicit: ExplicitSettings, asFork: Bool
    ) async throws(RolloutError) -> PreparedThread {
        let loaded = try RolloutReader.load(path: path)
        let base = settings ?? ThreadSettings(config: config, environment: environment)
        var resumed = base
        var recorded: ThreadSettings?
        if let context = loaded.lastTurnContext {
            recorded = base.restoring(context, keeping: [])
            resumed = base.restoring(context, keeping: asFork ? explicit.union([.model, .reasoningEffort]) : explicit)
            if asFork, !explicit.contains(.sandbox), resumed.sandbox.mode == .dangerFullAccess {
                resumed.sandbox = base.sandbox
            }
        }
        if !explicit.contains(.modelProvider), let provider = loaded.meta.modelProvider, let info = config.modelProviders[provider] {
            resumed.modelProvider = provider
            resumed.supportsFreeformTools = info.wireAPI == .responses
        }
        let recorder = try ThreadRolloutRecorder(resuming: path, threadID: loaded.threadID)
        if Self.needsRecord(resumed, recorded: recorded, explicit: asFork ? explicit.union([.model]) : explicit) {
            do {
                try await recorder.append(contentsOf: [.turnContext(resumed.turnContextRecord(turnID: nil))])
                try await recorder.flush()
            } catch let error as RolloutError {
                throw error
            } catch {
                throw RolloutError.io(operation: "append to", path: path, errno: EIO)
            }
        }
        let usage = loaded.lastTokenUsage
        let thread = AgentThread(
            threadID: loaded.threadID.rawValue, settings: resumed, model: modelStreaming(providerID: resumed.modelProvider),
            tools: tools, rollout: recorder, history: loaded.history(), usage: usage?.total ?? .zero,
            contextTokens: usage?.last.totalTokens ?? 0, recordedEnvironment: recorded?.environmentContext,
            execPolicy: execPolicyManager())
        var warnings: [String] = []
        if !asFork, let recordedModel = recorded?.model, !recordedModel.isEmpty, recordedModel != resumed.model {
            warnings.append(
                "This session was recorded with model `\(recordedModel)` but is resuming with `\(resumed.model)`. "
                    + "Consider switching back to `\(recordedModel)` as it may affect Codex performance.")
        }
        return PreparedThread(
            thread: thread, threadID: loaded.threadID, rolloutPath: path, loaded: loaded, usage: usage, warnings: warnings)
    }

    /// Forks a thread: a new rollout (its `session_meta` naming the source in `forked_from_id`) with a copy
    /// of the source's records, then reopened as `resumeThread` does, except that, as the reference's fork,
    /// model and reasoning effort come from the configuration and `danger-full-access` is not inherited.
    /// `activeTurnID` is the source's turn in progress, if any: the copy ends as if that turn was interrupted.
    /// - Throws: `RolloutError` when the source cannot be read or the copy cannot be written.
    public func forkThread(
        sourcePath: String, settings: ThreadSettings? = nil, explicit: ExplicitSettings = [], activeTurnID: String? = nil,
        now: Date = Date()
    ) async throws(RolloutError) -> PreparedThread {
        let original = try RolloutReader.load(path: sourcePath)
        let forkID = ThreadID.generate(at: now)
        var meta = original.meta
        meta.id = forkID
        meta.forkedFromID = original.threadID
        meta.timestamp = RolloutClock.lineTimestamp(now)
        meta.originator = origin.originator
        meta.cliVersion = origin.cliVersion
        meta.source = origin.source
        let forkPath = RolloutStore(codexHome: config.codexHome).newRolloutPath(for: forkID, createdAt: now)
        let recorder = ThreadRolloutRecorder(newThreadAt: forkPath, meta: meta, createdAt: now)
        var records = original.forkRecords()
        if let activeTurnID { records.append(.eventMsg(.turnAborted(reason: "interrupted", turnID: activeTurnID))) }
        do {
            try await recorder.append(contentsOf: records)
            try await recorder.flush()
        } catch let error as RolloutError {
            throw error
        } catch {
            throw RolloutError.io(operation: "write", path: forkPath, errno: EIO)
        }
        return try await reopen(path: forkPath, settings: settings, explicit: explicit, asFork: true)
    }

    /// Whether a resume changed what the rollout last recorded (only explicit settings can).
    private static func needsRecord(_ resumed: ThreadSettings, recorded: ThreadSettings?, explicit: ExplicitSettings) -> Bool {
        guard !explicit.isEmpty else { return false }
        guard let recorded else { return true }
        return resumed.turnContextRecord(turnID: nil) != recorded.turnContextRecord(turnID: nil)
    }
}
