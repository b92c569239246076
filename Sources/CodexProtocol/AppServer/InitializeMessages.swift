// The `initialize` handshake.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

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

        private enum CodingKeys: String, CodingKey {
            case name
            case title
            case version
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            version = try c.decode(String.self, forKey: .version)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(title, forKey: .title)
            try c.encode(version, forKey: .version)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("name", .string, required: true),
                SchemaProperty("title", .nullable(.string)),
                SchemaProperty("version", .string, required: true),
            ])
        }
    }

    /// Client opt-ins sent with `initialize`.
    public struct InitializeCapabilities: AppServerType {
        public var experimentalApi: Bool
        public var optOutNotificationMethods: [String]?
        public var requestAttestation: Bool?
        public var mcpServerOpenaiFormElicitation: Bool?
        public var explicitGatewayOauth: Bool?

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

        private enum CodingKeys: String, CodingKey {
            case experimentalApi
            case optOutNotificationMethods
            case requestAttestation
            case mcpServerOpenaiFormElicitation
            case explicitGatewayOauth
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            experimentalApi = try c.decodeIfPresent(Bool.self, forKey: .experimentalApi) ?? false
            optOutNotificationMethods = try c.decodeIfPresent([String].self, forKey: .optOutNotificationMethods)
            requestAttestation = try c.decodeIfPresent(Bool.self, forKey: .requestAttestation)
            mcpServerOpenaiFormElicitation = try c.decodeIfPresent(Bool.self, forKey: .mcpServerOpenaiFormElicitation)
            explicitGatewayOauth = try c.decodeIfPresent(Bool.self, forKey: .explicitGatewayOauth)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(experimentalApi, forKey: .experimentalApi)
            try c.encode(optOutNotificationMethods, forKey: .optOutNotificationMethods)
            try c.encodeIfPresent(requestAttestation, forKey: .requestAttestation)
            try c.encodeIfPresent(mcpServerOpenaiFormElicitation, forKey: .mcpServerOpenaiFormElicitation)
            try c.encodeIfPresent(explicitGatewayOauth, forKey: .explicitGatewayOauth)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("experimentalApi", .boolean),
                SchemaProperty("optOutNotificationMethods", .nullable(.array(.string))),
                SchemaProperty("requestAttestation", .boolean),
                SchemaProperty("mcpServerOpenaiFormElicitation", .boolean),
                SchemaProperty("explicitGatewayOauth", .boolean),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case clientInfo
            case capabilities
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            clientInfo = try c.decode(ClientInfo.self, forKey: .clientInfo)
            capabilities = try c.decodeIfPresent(InitializeCapabilities.self, forKey: .capabilities)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(clientInfo, forKey: .clientInfo)
            try c.encode(capabilities, forKey: .capabilities)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("clientInfo", .ref("ClientInfo"), required: true),
                SchemaProperty("capabilities", .nullable(.ref("InitializeCapabilities"))),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case userAgent
            case codexHome
            case platformFamily
            case platformOs
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            userAgent = try c.decode(String.self, forKey: .userAgent)
            codexHome = try c.decode(String.self, forKey: .codexHome)
            platformFamily = try c.decode(String.self, forKey: .platformFamily)
            platformOs = try c.decode(String.self, forKey: .platformOs)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(userAgent, forKey: .userAgent)
            try c.encode(codexHome, forKey: .codexHome)
            try c.encode(platformFamily, forKey: .platformFamily)
            try c.encode(platformOs, forKey: .platformOs)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("userAgent", .string, required: true),
                SchemaProperty("codexHome", .string, required: true),
                SchemaProperty("platformFamily", .string, required: true),
                SchemaProperty("platformOs", .string, required: true),
            ])
        }
    }
}
