public import CodexProtocol

/// Who the client said it is in `initialize`, and what it asked for.
public struct ClientSession: Sendable, Hashable {
    /// `clientInfo`: the name is used in the user agent and as the upstream "originator".
    public typealias ClientInfo = AppServerV2.ClientInfo

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

    /// Decodes `initialize` params; errors are worded like the reference's and name the field path.
    /// Does not validate the name as a header value: see `validateClientName()`.
    public init(initializeParams params: JSONValue?) throws(JSONRPCErrorObject) {
        let decoded: AppServerV2.InitializeParams
        do throws(AppServerParamsError) {
            decoded = try AppServerV2.ClientRequests.initialize.decodeParams(params)
        } catch {
            throw .invalidRequest(error.message)
        }
        self.init(
            clientInfo: decoded.clientInfo, experimentalAPI: decoded.capabilities?.experimentalApi ?? false,
            optedOutNotifications: Set(decoded.capabilities?.optOutNotificationMethods ?? []))
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
