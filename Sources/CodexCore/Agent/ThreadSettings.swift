public import CodexConfig
public import CodexProtocol

/// The settings a thread's turns run with; a turn may override some of them.
public struct ThreadSettings: Sendable, Hashable {
    public var model: String
    /// Provider id (`openai`, `mock`, ...), for listing and display.
    public var modelProvider: String
    public var cwd: String
    public var approvalPolicy: AskForApproval
    public var sandbox: SandboxSettings
    public var reasoningEffort: String?
    public var reasoningSummary: String?
    /// The `instructions` of every request.
    public var baseInstructions: String
    /// Extra developer message from config.
    public var developerInstructions: String?
    /// `$CODEX_HOME/AGENTS.md` text.
    public var userInstructions: String?
    /// Environment for spawned commands (already filtered by the shell environment policy).
    public var commandEnvironment: [String: String]
    /// The user's shell (`/bin/bash`), used for `shell_command`.
    public var shell: String
    /// Whether the provider takes freeform (custom) tools; Chat Completions providers do not.
    public var supportsFreeformTools: Bool
    /// JSON Schema for the final answer of the next turn only.
    public var outputSchema: JSONValue?
    /// Compact the history once the context holds this many tokens; nil never compacts on its own.
    public var autoCompactTokenLimit: Int?
    /// The `remote_compaction` feature (on unless disabled): the OpenAI provider compacts on the server.
    public var remoteCompaction: Bool
    /// The prompt of a local compaction (`compact_prompt`); nil for the reference's built-in one.
    public var compactPrompt: String?
    /// `model_catalog_json`: picks the tool set of catalogued models (see `ToolSpecs.tools(for:)`).
    public var modelCatalog: ModelCatalog?
    /// Built-in tools this thread neither offers nor runs (a code reviewer has no `apply_patch` or `update_plan`).
    public var withheldTools: Set<String> = []
    /// Sent as `x-openai-subagent` with every model request of a sub-agent thread (`review` for a code reviewer).
    public var subagent: String?
    /// `web_search`: whether catalogued models get the provider's `web_search` tool, live or cached.
    public var webSearch: WebSearchMode

    public init(
        model: String, modelProvider: String, cwd: String, approvalPolicy: AskForApproval, sandbox: SandboxSettings,
        reasoningEffort: String? = nil, reasoningSummary: String? = nil, baseInstructions: String = BaseInstructions.standard,
        developerInstructions: String? = nil, userInstructions: String? = nil, commandEnvironment: [String: String] = [:],
        shell: String = "/bin/bash", supportsFreeformTools: Bool = true, outputSchema: JSONValue? = nil,
        autoCompactTokenLimit: Int? = nil, remoteCompaction: Bool = true, compactPrompt: String? = nil,
        modelCatalog: ModelCatalog? = nil, webSearch: WebSearchMode = .cached
    ) {
        self.model = model
        self.modelProvider = modelProvider
        self.cwd = cwd
        self.approvalPolicy = approvalPolicy
        self.sandbox = sandbox
        self.reasoningEffort = reasoningEffort
        self.reasoningSummary = reasoningSummary
        self.baseInstructions = baseInstructions
        self.developerInstructions = developerInstructions
        self.userInstructions = userInstructions
        self.commandEnvironment = commandEnvironment
        self.shell = shell
        self.supportsFreeformTools = supportsFreeformTools
        self.outputSchema = outputSchema
        self.autoCompactTokenLimit = autoCompactTokenLimit
        self.remoteCompaction = remoteCompaction
        self.compactPrompt = compactPrompt
        self.modelCatalog = modelCatalog
        self.webSearch = webSearch
    }

    /// The environment context the model is told for these settings.
    public var environmentContext: EnvironmentContext {
        EnvironmentContext(
            cwd: cwd, approvalPolicy: approvalPolicy.rawValue, sandboxMode: sandbox.mode.rawValue,
            networkAccess: sandbox.networkAccess, writableRoots: sandbox.mode == .workspaceWrite ? sandbox.effectiveWritableRoots(cwd: cwd) : [],
            shell: shell.split(separator: "/").last.map(String.init) ?? shell)
    }
}

/// Sandbox choice of a thread, as configured (the sandbox target turns it into a policy).
public struct SandboxSettings: Sendable, Hashable {
    public var mode: SandboxMode
    public var writableRoots: [String]
    public var networkAccess: Bool
    public var excludeTmpdirEnvVar: Bool
    public var excludeSlashTmp: Bool

    public init(
        mode: SandboxMode, writableRoots: [String] = [], networkAccess: Bool = false, excludeTmpdirEnvVar: Bool = false,
        excludeSlashTmp: Bool = false
    ) {
        self.mode = mode
        self.writableRoots = writableRoots
        self.networkAccess = networkAccess
        self.excludeTmpdirEnvVar = excludeTmpdirEnvVar
        self.excludeSlashTmp = excludeSlashTmp
    }

    /// cwd plus the configured roots (what the model is told it may write).
    public func effectiveWritableRoots(cwd: String) -> [String] {
        [cwd] + writableRoots.filter { $0 != cwd }
    }
}

/// Per-turn overrides (app-server `turn/start`, exec flags).
public struct TurnOverrides: Sendable, Hashable {
    public var cwd: String?
    public var model: String?
    public var approvalPolicy: AskForApproval?
    public var sandbox: SandboxSettings?
    public var reasoningEffort: String?
    public var reasoningSummary: String?
    public var outputSchema: JSONValue?

    public init() {}
}
