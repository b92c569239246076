// The `initialize` handshake.

extension AppServerV2 {
    /// Who the client is; name and version become the user-agent suffix.
    public struct ClientInfo: AppServerType {
        public var name: String
        public var title: String?
        public var version: String

        public init(name: String, title: String? = nil, version: String) {
            self.name = name
            self.title = title
            self.version = version
        }
    }

    /// Client opt-ins sent with `initialize`.
    public struct InitializeCapabilities: AppServerType {
        @DefaultWhenAbsent public var experimentalApi: Bool
        public var optOutNotificationMethods: [String]?
        @OmitWhenNil public var requestAttestation: Bool?
        @OmitWhenNil public var mcpServerOpenaiFormElicitation: Bool?
        @OmitWhenNil public var explicitGatewayOauth: Bool?

        public init(
            experimentalApi: Bool = false, optOutNotificationMethods: [String]? = nil, requestAttestation: Bool? = nil,
            mcpServerOpenaiFormElicitation: Bool? = nil, explicitGatewayOauth: Bool? = nil
        ) {
            self.experimentalApi = experimentalApi
            self.optOutNotificationMethods = optOutNotificationMethods
            self.requestAttestation = requestAttestation
            self.mcpServerOpenaiFormElicitation = mcpServerOpenaiFormElicitation
            self.explicitGatewayOauth = explicitGatewayOauth
        }
    }

    /// Params of `initialize`.
    public struct InitializeParams: AppServerType {
        public var clientInfo: ClientInfo
        public var capabilities: InitializeCapabilities?

        public init(clientInfo: ClientInfo, capabilities: InitializeCapabilities? = nil) {
            self.clientInfo = clientInfo
            self.capabilities = capabilities
        }
    }

    /// Result of `initialize`.
    public struct InitializeResponse: AppServerType {
        public var userAgent: String
        public var codexHome: String
        public var platformFamily: String
        public var platformOs: String

        public init(userAgent: String, codexHome: String, platformFamily: String, platformOs: String) {
            self.userAgent = userAgent
            self.codexHome = codexHome
            self.platformFamily = platformFamily
            self.platformOs = platformOs
        }
    }
}
