public import CodexConfig
import CodexBasics
import CodexLogin

/// The built-in `codex_apps` MCP server: the ChatGPT gateway that lists and runs the user's connectors (apps).
/// It joins a session's MCP servers when `features.apps` is on (the default) and the login is ChatGPT.
public enum ConnectorsGateway {
    /// The reserved server name; a user `[mcp_servers.codex_apps]` entry is replaced or removed.
    public static let serverName = "codex_apps"
    /// A non-blank value is sent as `Authorization: Bearer <value>` to the gateway.
    public static let tokenVariable = "CODEX_CONNECTORS_TOKEN"
    /// The gateway's startup timeout.
    public static let startupTimeoutSeconds = 30.0
    /// `X-OpenAI-Product-Sku` when `apps_mcp_product_sku` is unset.
    public static let defaultProductSku = "codex"

    /// Whether the gateway runs for this configuration and login.
    public static func isEnabled(config: Config, isChatGPTLogin: Bool) -> Bool {
        (config.features["apps"] ?? true) && isChatGPTLogin
    }

    /// The gateway endpoint: `chatgpt_base_url` without trailing `/`, plus `/ps/mcp`.
    public static func url(chatgptBaseURL: String) -> String {
        var base = chatgptBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/ps/mcp"
    }

    /// The gateway's server entry: its URL, `X-OpenAI-Product-Sku`, the connectors token when set, 30 s startup.
    public static func serverConfig(config: Config, environment: [String: String]) -> McpServerConfig {
        var headers = ["X-OpenAI-Product-Sku": config.appsMcpProductSku ?? defaultProductSku]
        if let token = environment[tokenVariable], !token.trimmingWhitespace().isEmpty {
            headers["Authorization"] = "Bearer \(token)"
        }
        return McpServerConfig(
            transport: .streamableHTTP(
                url: url(chatgptBaseURL: config.chatgptBaseURL), bearerTokenEnvVar: nil, httpHeaders: headers,
                envHTTPHeaders: [:]),
            startupTimeoutSeconds: startupTimeoutSeconds)
    }

    /// The session's MCP servers: the configured ones with `codex_apps` replaced by the gateway when it runs,
    /// or removed when it does not.
    public static func servers(config: Config, isChatGPTLogin: Bool, environment: [String: String]) -> [String: McpServerConfig] {
        var servers = config.mcpServers
        servers[serverName] =
            isEnabled(config: config, isChatGPTLogin: isChatGPTLogin)
            ? serverConfig(config: config, environment: environment) : nil
        return servers
    }

    /// `servers(config:isChatGPTLogin:environment:)` with the stored login (auth.json or keyring, not refreshed).
    public static func servers(config: Config, environment: [String: String]) async -> [String: McpServerConfig] {
        var isChatGPT = false
        if isEnabled(config: config, isChatGPTLogin: true) {
            isChatGPT = await SharedAuthManagers.manager(for: config, environment: environment).current()?.mode == .chatgpt
        }
        return servers(config: config, isChatGPTLogin: isChatGPT, environment: environment)
    }
}
