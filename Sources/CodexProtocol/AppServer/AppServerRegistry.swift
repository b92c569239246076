// Method name -> wire types, for client requests, server notifications and server requests.

/// One method of the app-server protocol and the types of its params and result.
public struct AppServerMethod {
    public let method: String
    /// Nil when the method takes no params (e.g. `configRequirements/read`).
    public let params: (any AppServerType.Type)?
    /// Nil for notifications.
    public let result: (any AppServerType.Type)?
    /// Only for clients with `capabilities.experimentalApi`.
    public let isExperimental: Bool

    public init(
        _ method: String, params: (any AppServerType.Type)?, result: (any AppServerType.Type)? = nil,
        isExperimental: Bool = false
    ) {
        self.method = method
        self.params = params
        self.result = result
        self.isExperimental = isExperimental
    }
}

/// The methods this port implements, type-erased from the declarations in AppServerMethods.swift.
public enum AppServerRegistry {
    /// Requests a client sends to the server.
    public static var clientRequests: [AppServerMethod] { AppServerV2.ClientRequests.all }

    /// Notifications a client sends (no params).
    public static var clientNotifications: [String] { [AppServerV2.initializedNotification] }

    /// Notifications the server sends.
    public static var serverNotifications: [AppServerMethod] {
        AppServerV2.serverNotifications.map { AppServerMethod($0.method, params: $0) }
    }

    /// Requests the server sends to the client (approvals).
    public static var serverRequests: [AppServerMethod] { AppServerV2.ServerRequests.all }

    /// The client request entry for a method name.
    public static func clientRequest(_ method: String) -> AppServerMethod? {
        clientRequests.first { $0.method == method }
    }

    /// The server notification entry for a method name.
    public static func serverNotification(_ method: String) -> AppServerMethod? {
        serverNotifications.first { $0.method == method }
    }

    /// The server request entry for a method name.
    public static func serverRequest(_ method: String) -> AppServerMethod? {
        serverRequests.first { $0.method == method }
    }
}
