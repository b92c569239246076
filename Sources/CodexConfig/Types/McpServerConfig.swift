/// One entry of `mcp_servers`: an MCP server to start (stdio) or reach (streamable HTTP).
public struct McpServerConfig: Sendable, Equatable {
    /// How to reach the server.
    public enum Transport: Sendable, Equatable {
        /// Spawn `command args...` and speak JSON-RPC over its stdio.
        case stdio(command: String, args: [String], env: [String: String], envVars: [String], cwd: String?)
        /// Streamable HTTP at `url`.
        case streamableHTTP(
            url: String, bearerTokenEnvVar: String?, httpHeaders: [String: String], envHTTPHeaders: [String: String])
    }

    public var transport: Transport
    /// Covers `initialize` and `tools/list` (default 10 s).
    public var startupTimeoutSeconds: Double
    /// Per tool call (default 60 s).
    public var toolTimeoutSeconds: Double
    public var enabled: Bool
    /// `required`: the session (exec run, thread) fails to start when this enabled server cannot.
    public var required = false
    /// Allow-list of tool names, applied first.
    public var enabledTools: [String]?
    /// Deny-list of tool names, applied after `enabledTools`.
    public var disabledTools: [String]
    /// `default_tools_approval_mode`: whether this server's tool calls need approval.
    public var defaultToolsApprovalMode: McpToolApprovalMode? = nil
    /// `tools.<raw tool name>.approval_mode`: per-tool overrides of `defaultToolsApprovalMode`.
    public var toolApprovalModes: [String: McpToolApprovalMode] = [:]
    /// `startup_timeout_sec` (or `startup_timeout_ms` in seconds) as written; nil when the config leaves the default.
    public var startupTimeoutSetting: Double? = nil
    /// `tool_timeout_sec` as written; nil when the config leaves the default.
    public var toolTimeoutSetting: Double? = nil
    /// `http_headers_helper`: a command printing extra headers (HTTP servers); `codex mcp` shows it redacted.
    public var httpHeadersHelper: String? = nil
    /// `scopes`: the OAuth scopes `codex mcp login` asks for when `--scopes` is not given.
    public var scopes: [String]? = nil
    /// `oauth_resource`: the RFC 8707 `resource` of the authorization request.
    public var oauthResource: String? = nil
    /// `[mcp_servers.NAME.oauth]`: a pre-registered OAuth client (no dynamic registration then).
    public var oauth: McpServerOAuthConfig? = nil

    public static let defaultStartupTimeoutSeconds = 10.0
    public static let defaultToolTimeoutSeconds = 60.0

    public init(
        transport: Transport, startupTimeoutSeconds: Double = McpServerConfig.defaultStartupTimeoutSeconds,
        toolTimeoutSeconds: Double = McpServerConfig.defaultToolTimeoutSeconds, enabled: Bool = true,
        enabledTools: [String]? = nil, disabledTools: [String] = []
    ) {
        self.transport = transport
        self.startupTimeoutSeconds = startupTimeoutSeconds
        self.toolTimeoutSeconds = toolTimeoutSeconds
        self.enabled = enabled
        self.enabledTools = enabledTools
        self.disabledTools = disabledTools
    }
}

/// `[mcp_servers.NAME.oauth]`: the OAuth client Codex is registered as with the server's authorization server.
public struct McpServerOAuthConfig: Sendable, Equatable {
    public var clientID: String?
    public var clientSecret: String?
    /// `callback_url`: the redirect URI to register (the callback id is appended to its path).
    public var callbackURL: String?
    /// `callback_port`: the port of the local callback listener (else `mcp_oauth_callback_port`, else any).
    public var callbackPort: Int?

    public init(clientID: String? = nil, clientSecret: String? = nil, callbackURL: String? = nil, callbackPort: Int? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.callbackURL = callbackURL
        self.callbackPort = callbackPort
    }
}

/// When an MCP tool call needs the user's approval (`default_tools_approval_mode`, `tools.<t>.approval_mode`).
public enum McpToolApprovalMode: String, ConfigEnum {
    /// Ask unless the tool's annotations mark it read-only (the default).
    case auto
    /// Always ask.
    case prompt
    /// Ask for tools that are not read-only.
    case writes
    /// Never ask.
    case approve
}
