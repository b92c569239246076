public import CodexConfig
import CodexProtocol
public import FoundationEssentials

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
}

/// Builds threads from the effective configuration: the model client, the tools, the rollout.
public struct ThreadFactory: Sendable {
    public let config: Config
    public let origin: ThreadOrigin
    public let environment: [String: String]
    /// Runs tools; `ToolRouter()` in production.
    public let tools: any ToolExecuting

    public init(config: Config, origin: ThreadOrigin, environment: [String: String], tools: any ToolExecuting) {
        self.config = config
        self.origin = origin
        self.environment = environment
        self.tools = tools
    }

    /// The model port for this configuration's provider.
    public func modelStreaming() -> ModelClientStreaming {
        let provider = ModelProviderSettings(id: config.modelProviderID, info: config.modelProvider)
        let client = ModelClient(
            provider: provider, identity: ModelClientIdentity(originator: origin.originator, userAgent: origin.userAgent),
            storedAPIKey: StoredAPIKey.read(codexHome: config.codexHome), environment: environment)
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
            threadID: threadID.rawValue, settings: settings, model: modelStreaming(), tools: tools, rollout: recorder)
        return PreparedThread(thread: thread, threadID: threadID, rolloutPath: recorder?.path, loaded: nil)
    }

    /// Reopens a thread from its rollout file: history rebuilt, new records appended to the same file.
    /// - Throws: `RolloutError` when the file cannot be read or reopened.
    public func resumeThread(path: String, settings: ThreadSettings? = nil) throws(RolloutError) -> PreparedThread {
        let loaded = try RolloutReader.load(path: path)
        var settings = settings ?? ThreadSettings(config: config, environment: environment)
        if let context = loaded.lastTurnContext, settings.cwd == config.cwd, FileManager.default.fileExists(atPath: context.cwd) {
            settings.cwd = context.cwd
        }
        let recorder = try ThreadRolloutRecorder(resuming: path, threadID: loaded.threadID)
        let thread = AgentThread(
            threadID: loaded.threadID.rawValue, settings: settings, model: modelStreaming(), tools: tools,
            rollout: recorder, history: loaded.history())
        return PreparedThread(thread: thread, threadID: loaded.threadID, rolloutPath: path, loaded: loaded)
    }
}

/// The API key `codex login --with-api-key` stored in `$CODEX_HOME/auth.json`.
public enum StoredAPIKey {
    /// The stored key, or nil when there is none (or the file cannot be read).
    public static func read(codexHome: String) -> String? {
        let path = codexHome.hasSuffix("/") ? codexHome + "auth.json" : codexHome + "/auth.json"
        guard let data = FileManager.default.contents(atPath: path),
            let value = try? JSONParser.parse(bytes: Array(data)),
            let key = value["OPENAI_API_KEY"]?.stringValue, !key.isEmpty
        else { return nil }
        return key
    }
}
