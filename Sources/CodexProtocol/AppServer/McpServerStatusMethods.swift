// Params and results of mcpServerStatus/list and config/mcpServer/reload.

extension AppServerV2 {
    /// How much of each server's inventory `mcpServerStatus/list` fetches.
    public enum McpServerStatusDetail: String, AppServerType, WireStringEnum {
        /// Tools, resources and resource templates.
        case full
        /// Tools and auth status; resources are left empty.
        case toolsAndAuthOnly
    }

    /// Params of `mcpServerStatus/list`.
    @PublicMemberwiseInit
    public struct ListMcpServerStatusParams: AppServerType {
        /// Opaque pagination cursor returned by a previous call.
        public var cursor: String?
        /// Optional page size.
        public var limit: UInt32?
        /// Defaults to `full` when omitted.
        public var detail: McpServerStatusDetail?
        /// With a thread ID, that thread's MCP connections are reported.
        public var threadId: String?
        /// Limit discovery to one server.
        public var serverName: String?
    }

    /// How an MCP server authenticates.
    public enum McpAuthStatus: String, AppServerType, WireStringEnum {
        case unknown
        case unsupported
        case notLoggedIn
        case bearerToken
        case oAuth
    }

    /// A thread's connection to an MCP server.
    public enum McpServerConnectionStatus: String, AppServerType, WireStringEnum {
        case notStarted
        case starting
        case connected
        case authenticationRequired
        case failed
        case cancelled
        case disabled
    }

    /// Presentation metadata advertised by an initialized MCP server (its `initialize` `serverInfo`).
    @PublicMemberwiseInit
    public struct McpServerInfo: AppServerType {
        public var name: String
        public var title: String?
        public var version: String
        public var description: String?
        public var icons: [JSONValue]?
        public var websiteUrl: String?
    }

    /// An MCP tool definition as the server listed it.
    @PublicMemberwiseInit
    public struct Tool: AppServerType {
        public var name: String
        @OmitWhenNil public var title: String?
        @OmitWhenNil public var description: String?
        public var inputSchema: JSONValue
        @OmitWhenNil public var outputSchema: JSONValue?
        @OmitWhenNil public var annotations: JSONValue?
        @OmitWhenNil public var icons: [JSONValue]?
        @OmitWhenNil public var _meta: JSONValue?
    }

    /// A resource an MCP server can read (`resources/list`).
    @PublicMemberwiseInit
    public struct Resource: AppServerType {
        public var uri: String
        public var name: String
        @OmitWhenNil public var title: String?
        @OmitWhenNil public var description: String?
        @OmitWhenNil public var mimeType: String?
        @OmitWhenNil public var size: Int64?
        @OmitWhenNil public var annotations: JSONValue?
        @OmitWhenNil public var icons: [JSONValue]?
        @OmitWhenNil public var _meta: JSONValue?
    }

    /// A resource template of an MCP server (`resources/templates/list`).
    @PublicMemberwiseInit
    public struct ResourceTemplate: AppServerType {
        public var uriTemplate: String
        public var name: String
        @OmitWhenNil public var title: String?
        @OmitWhenNil public var description: String?
        @OmitWhenNil public var mimeType: String?
        @OmitWhenNil public var annotations: JSONValue?
    }

    /// One configured MCP server: its inventory, auth status and connection state.
    @PublicMemberwiseInit
    public struct McpServerStatus: AppServerType {
        public var name: String
        /// The thread's connection state; null without a thread.
        public var runtimeStatus: McpServerConnectionStatus?
        public var pluginId: String?
        /// `scheme://host[:port]` of an HTTP server; null for stdio.
        public var httpOrigin: String?
        public var serverInfo: McpServerInfo?
        /// The server's `initialize` capabilities; null when unavailable.
        public var serverCapabilities: JSONValue?
        /// Raw tool name → definition.
        public var tools: [String: Tool]
        /// Why no tool catalog exists (the startup error); null when there is one.
        public var toolsError: String?
        public var resources: [Resource]
        public var resourceTemplates: [ResourceTemplate]
        public var authStatus: McpAuthStatus
    }

    /// Result of `mcpServerStatus/list`.
    @PublicMemberwiseInit
    public struct ListMcpServerStatusResponse: AppServerType {
        public var data: [McpServerStatus]
        /// Where the next page starts; null after the last one.
        public var nextCursor: String?
    }

    /// Where an MCP server's startup stands (`mcpServer/startupStatus/updated`).
    public enum McpServerStartupState: String, AppServerType, WireStringEnum {
        case starting
        case ready
        case failed
        case cancelled
    }

    /// Why a server's startup failed, when the client can act on it.
    public enum McpServerStartupFailureReason: String, AppServerType, WireStringEnum {
        case reauthenticationRequired
    }

    /// `mcpServer/startupStatus/updated`: one of a thread's MCP servers is starting, ready or failed.
    @PublicMemberwiseInit
    public struct McpServerStatusUpdatedNotification: AppServerType {
        public var threadId: String?
        public var name: String
        public var status: McpServerStartupState
        /// ``MCP client for `<name>` failed to start: …`` when failed.
        public var error: String?
        public var failureReason: McpServerStartupFailureReason?
    }

    /// Result of `config/mcpServer/reload` (an empty object).
    @PublicMemberwiseInit
    public struct McpServerRefreshResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
    }
}

extension AppServerV2.McpServerStatusUpdatedNotification: ServerNotification {
    public static let method = "mcpServer/startupStatus/updated"
}
