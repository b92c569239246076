/// The effective, typed configuration of one invocation: layers merged, profile applied, flags applied,
/// requirements checked. Every path in it is absolute.
public struct Config: Sendable, Equatable {
    /// The model used when nothing configures one.
    public static let defaultModel = "gpt-5.1-codex-max"
    public static let defaultProjectDocMaxBytes = 32 * 1024
    public static let defaultChatGPTBaseURL = "https://chatgpt.com/backend-api/"

    public var codexHome: String
    /// The working directory (after `--cd`), absolute.
    public var cwd: String

    public var model: String
    /// The id of the selected entry of `modelProviders`.
    public var modelProviderID: String
    /// The selected provider (`modelProviders[modelProviderID]`).
    public var modelProvider: ModelProviderInfo
    /// Built-ins plus user entries.
    public var modelProviders: [String: ModelProviderInfo]
    public var modelReasoningEffort: ReasoningEffort?
    public var modelReasoningSummary: ReasoningSummary
    public var modelVerbosity: Verbosity?
    public var modelContextWindow: Int?
    public var modelAutoCompactTokenLimit: Int?

    public var approvalPolicy: AskForApproval
    public var sandboxMode: SandboxMode
    public var sandboxWorkspaceWrite: SandboxWorkspaceWrite
    public var shellEnvironmentPolicy: ShellEnvironmentPolicy
    public var mcpServers: [String: McpServerConfig]
    /// `mcp_optional_startup_grace_ms`: how long the first model request waits for MCP servers still starting
    /// (nil: the default, 1000 ms; 0: each server up to its startup timeout).
    public var mcpOptionalStartupGraceMs: Int? = nil
    /// `mcp_oauth_credentials_store`: where MCP OAuth tokens are kept (default `auto`).
    public var mcpOAuthCredentialsStore: AuthCredentialsStoreMode = .auto
    /// `mcp_oauth_callback_port`: the port of the OAuth callback listener (nil: any free port).
    public var mcpOAuthCallbackPort: Int? = nil
    /// `mcp_oauth_callback_url`: the redirect URI registered for MCP OAuth logins (nil: the local listener's).
    public var mcpOAuthCallbackURL: String? = nil

    /// The legacy `[profiles.NAME]` table in effect, if any.
    public var activeProfile: String?
    public var profiles: [String: ConfigProfile]
    public var projects: [String: ProjectConfig]
    /// The trust recorded for the cwd's project (looked up by cwd, project root, then git root).
    public var activeProjectTrust: TrustLevel?
    public var projectRootMarkers: [String]

    public var instructions: String?
    public var developerInstructions: String?
    /// `model_instructions_file` (or the older `experimental_instructions_file`), absolute.
    public var modelInstructionsFile: String?
    public var projectDocMaxBytes: Int
    public var projectDocFallbackFilenames: [String]
    public var notify: [String]?
    public var history: History
    /// `[features]`, after `--enable`/`--disable`.
    public var features: [String: Bool]
    public var cliAuthCredentialsStore: AuthCredentialsStoreMode
    public var forcedLoginMethod: ForcedLoginMethod?
    public var chatgptBaseURL: String
    public var hideAgentReasoning: Bool
    public var showRawAgentReasoning: Bool
    /// `forced_chatgpt_workspace_id`: the only ChatGPT workspace logins may use.
    public var forcedChatGPTWorkspaceID: String? = nil
    /// `compact_prompt`: the text a local compaction asks the model with, in place of the built-in one.
    public var compactPrompt: String? = nil
    /// `experimental_compact_prompt_file` (absolute): a file holding that text.
    public var experimentalCompactPromptFile: String? = nil
    /// `model_catalog_json`, loaded: the tool set each catalogued model gets.
    public var modelCatalog: ModelCatalog? = nil
    /// `web_search`: the provider's web search tool for catalogued models (`cached` when unset).
    public var webSearch: WebSearchMode = .cached
    /// `[feedback] enabled`: whether `feedback/upload` may send anything (`true` when unset).
    public var feedbackEnabled = true
    /// `[apps]`: the ChatGPT connectors offered through the `codex_apps` gateway.
    public var apps: AppsConfig = AppsConfig()
    /// `apps_mcp_product_sku`: the gateway's `X-OpenAI-Product-Sku` header (`codex` when unset).
    public var appsMcpProductSku: String? = nil

    /// Whether a feature flag is on (`false` when unset).
    public func isFeatureEnabled(_ name: String) -> Bool { features[name] ?? false }
}

/// `[sandbox_workspace_write]`: extra settings for the workspace-write sandbox.
public struct SandboxWorkspaceWrite: Sendable, Equatable {
    /// Extra writable folders, absolute.
    public var writableRoots: [String] = []
    public var networkAccess = false
    public var excludeTmpdirEnvVar = false
    public var excludeSlashTmp = false

    public init() {}
}

/// `[shell_environment_policy]`: how the environment of spawned commands is built.
public struct ShellEnvironmentPolicy: Sendable, Equatable {
    public var inherit: ShellEnvironmentInherit = .all
    /// Only an explicit `false` applies the default `*KEY*`/`*SECRET*`/`*TOKEN*` excludes.
    public var ignoreDefaultExcludes: Bool?
    public var exclude: [String] = []
    public var set: [String: String] = [:]
    public var includeOnly: [String] = []

    public init() {}
}

/// `[history]`: the cross-session prompt history.
public struct History: Sendable, Equatable {
    public var persistence: HistoryPersistence = .saveAll
    public var maxBytes: Int?

    public init() {}
}

/// `[projects."<path>"]`.
public struct ProjectConfig: Sendable, Equatable {
    public var trustLevel: TrustLevel?

    public init(trustLevel: TrustLevel? = nil) { self.trustLevel = trustLevel }
}

/// A legacy `[profiles.NAME]` table, decoded for display; the loader applies it to the tree directly.
public struct ConfigProfile: Sendable, Equatable {
    public var model: String?
    public var modelProvider: String?
    public var approvalPolicy: AskForApproval?
    public var sandboxMode: SandboxMode?
    public var modelReasoningEffort: ReasoningEffort?
    public var modelReasoningSummary: ReasoningSummary?
    public var modelVerbosity: Verbosity?
    public var chatgptBaseURL: String?
    public var modelInstructionsFile: String?

    public init() {}
}
