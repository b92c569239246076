// The `initialize` handshake.

extension AppServerV2 {
    /// Who the client is; name and version become the user-agent suffix.
    @PublicMemberwiseInit
    public struct ClientInfo: AppServerType {
        public var name: String
        public var title: String?
        public var version: String
    }

    /// Client opt-ins sent with `initialize`.
    @PublicMemberwiseInit
    public struct InitializeCapabilities: AppServerType {
        @DefaultWhenAbsent public var experimentalApi: Bool = false
        public var optOutNotificationMethods: [String]?
        @OmitWhenNil public var requestAttestation: Bool?
        @OmitWhenNil public var mcpServerOpenaiFormElicitation: Bool?
        @OmitWhenNil public var explicitGatewayOauth: Bool?
    }

    /// Params of `initialize`.
    @PublicMemberwiseInit
    public struct InitializeParams: AppServerType {
        public var clientInfo: ClientInfo
        public var capabilities: InitializeCapabilities?
    }

    /// Result of `initialize`.
    @PublicMemberwiseInit
    public struct InitializeResponse: AppServerType {
        public var userAgent: String
        public var codexHome: String
        public var platformFamily: String
        public var platformOs: String
    }
}
