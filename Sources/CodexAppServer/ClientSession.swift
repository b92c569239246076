public import CodexProtocol

/// Who the client said it is in `initialize`, and what it asked for.
public struct ClientSession: Sendable, Hashable {
    /// `clientInfo`: the name is used in the user agent and as the upstream "originator".
    public struct ClientInfo: Sendable, Hashable {
        public var name: String
        public var title: String?
        public var version: String

        public init(name: String, title: String? = nil, version: String) {
            self.name = name
            self.title = title
            self.version = version
        }
    }

    public var clientInfo: ClientInfo
    /// `capabilities.experimentalApi`: unlocks experimental methods and fields.
    public var experimentalAPI: Bool
    /// `capabilities.optOutNotificationMethods`: exact notification methods never sent to this client.
    public var optedOutNotifications: Set<String>

    public init(clientInfo: ClientInfo, experimentalAPI: Bool = false, optedOutNotifications: Set<String> = []) {
        self.clientInfo = clientInfo
        self.experimentalAPI = experimentalAPI
        self.optedOutNotifications = optedOutNotifications
    }

    /// Decodes `initialize` params; errors are worded like the reference's (missing/ill-typed fields).
    /// Does not validate the name as a header value: see `validateClientName()`.
    public init(initializeParams params: JSONValue?) throws(JSONRPCErrorObject) {
        let reader = try ParamsReader(params)
        let info = try reader.nested("clientInfo")
        let clientInfo = ClientInfo(
            name: try info.string("name"), title: try info.optionalString("title"), version: try info.string("version"))
        let capabilities = try reader.optionalNested("capabilities")
        self.init(
            clientInfo: clientInfo,
            experimentalAPI: try capabilities?.optionalBool("experimentalApi") ?? false,
            optedOutNotifications: Set(try capabilities?.optionalStringArray("optOutNotificationMethods") ?? []))
    }

    /// Rejects a client name that is not a valid HTTP header value (control characters other than tab, DEL).
    public func validateClientName() throws(JSONRPCErrorObject) {
        guard Self.isValidHeaderValue(clientInfo.name) else {
            throw .invalidRequest("Invalid clientInfo.name: '\(clientInfo.name)'. Must be a valid HTTP header value.")
        }
    }

    /// True when every byte is a tab, visible ASCII, a space or a non-ASCII byte (obs-text), as the
    /// reference's HTTP library accepts.
    public static func isValidHeaderValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { byte in byte == 0x09 || (byte >= 0x20 && byte != 0x7F) }
    }
}
