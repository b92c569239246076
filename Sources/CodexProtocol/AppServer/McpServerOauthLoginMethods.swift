// Params and result of mcpServer/oauth/login and its completion notification mcpServer/oauthLogin/completed.

extension AppServerV2 {
    /// How Codex gets an OAuth client id when the server's entry configures none.
    public enum McpServerOauthClientRegistration: String, AppServerType, WireStringEnum {
        case auto
        case cimd
        case dcr
    }

    /// Params of `mcpServer/oauth/login`.
    @PublicMemberwiseInit
    public struct McpServerOauthLoginParams: AppServerType {
        /// The `[mcp_servers.NAME]` to log in to (a streamable HTTP server).
        public var name: String
        /// Scopes to request; omitted: the entry's `scopes`, else the server's `scopes_supported`.
        public var scopes: [String]?
        /// How long to wait for the browser's callback (default 300 s).
        public var timeoutSecs: Int64?
        /// Registration strategy for this login only; omission selects automatic discovery.
        public var clientRegistration: McpServerOauthClientRegistration?
        /// The thread whose config names the server (else the user config).
        public var threadId: String?
    }

    /// Result of `mcpServer/oauth/login`: the URL the user opens; the login ends later with
    /// `mcpServer/oauthLogin/completed`.
    @PublicMemberwiseInit
    public struct McpServerOauthLoginResponse: AppServerType {
        public var authorizationUrl: String
        /// Identifies this login across the response and the completion notification.
        public var loginId: String?
    }

    /// Params of `mcpServer/oauthLogin/completed`: how a login started by `mcpServer/oauth/login` ended.
    @PublicMemberwiseInit
    public struct McpServerOauthLoginCompletedNotification: AppServerType {
        public var name: String
        public var threadId: String?
        public var loginId: String?
        public var success: Bool
        public var error: String?
    }
}

extension AppServerV2.McpServerOauthLoginCompletedNotification: ServerNotification {
    public static let method = "mcpServer/oauthLogin/completed"
}
