import CodexAppServer
import CodexProtocol
import Testing

@Suite struct LifecycleTests {
    let validParams: JSONValue = ["clientInfo": ["name": "client", "version": "1.0"]]

    @Test func requestsBeforeInitializeAreRefused() {
        let lifecycle = ConnectionLifecycle()
        #expect(!lifecycle.isInitialized)
        #expect(lifecycle.admit(method: "thread/list") == .invalidRequest("Not initialized"))
    }

    @Test func initializeOnceThenAlreadyInitialized() throws {
        var lifecycle = ConnectionLifecycle()
        let session = try lifecycle.initialize(params: validParams)
        #expect(session.clientInfo == ClientSession.ClientInfo(name: "client", version: "1.0"))
        #expect(lifecycle.admit(method: "thread/list") == nil)
        #expect(throws: JSONRPCErrorObject.invalidRequest("Already initialized")) {
            try lifecycle.initialize(params: validParams)
        }
    }

    @Test func malformedInitializeParamsNameTheField() {
        let cases: [(JSONValue?, String)] = [
            (nil, "Invalid request: missing field `params`"),
            ([:], "Invalid request: missing field `clientInfo`"),
            (["clientInfo": ["name": "x"]], "Invalid request: missing field `clientInfo.version`"),
            (["clientInfo": ["name": "x", "version": 5]], "Invalid request: clientInfo.version: invalid type: integer `5`, expected a string"),
            (
                ["clientInfo": ["name": "x", "version": "1"], "capabilities": ["experimentalApi": 1]],
                "Invalid request: capabilities.experimentalApi: invalid type: integer `1`, expected a boolean"
            ),
            (
                ["clientInfo": ["name": "x", "version": "1"], "capabilities": ["optOutNotificationMethods": "x"]],
                "Invalid request: capabilities.optOutNotificationMethods: invalid type: string \"x\", expected a sequence"
            ),
        ]
        for (params, message) in cases {
            var lifecycle = ConnectionLifecycle()
            #expect(throws: JSONRPCErrorObject.invalidRequest(message)) { try lifecycle.initialize(params: params) }
            #expect(!lifecycle.isInitialized)
        }
    }

    @Test func clientNameMustBeAHeaderValue() throws {
        var lifecycle = ConnectionLifecycle()
        #expect(throws: JSONRPCErrorObject.invalidRequest("Invalid clientInfo.name: 'bad\nname'. Must be a valid HTTP header value.")) {
            try lifecycle.initialize(params: ["clientInfo": ["name": "bad\nname", "version": "1"]])
        }
        #expect(!lifecycle.isInitialized)
        // A failed handshake leaves the connection open for a good one.
        _ = try lifecycle.initialize(params: validParams)
        #expect(lifecycle.isInitialized)
    }

    @Test func headerValueRules() {
        #expect(ClientSession.isValidHeaderValue("café\tclient 1.0"))
        #expect(ClientSession.isValidHeaderValue(""))
        #expect(!ClientSession.isValidHeaderValue("a\u{7F}"))
        #expect(!ClientSession.isValidHeaderValue("a\rb"))
        #expect(!ClientSession.isValidHeaderValue("a\u{01}"))
    }

    @Test func optedOutNotificationsAreNotDelivered() throws {
        var lifecycle = ConnectionLifecycle()
        #expect(!lifecycle.shouldDeliver(notification: "turn/started"))
        _ = try lifecycle.initialize(params: [
            "clientInfo": ["name": "c", "version": "1"],
            "capabilities": ["optOutNotificationMethods": ["item/agentMessage/delta", "no/such"]],
        ])
        #expect(!lifecycle.shouldDeliver(notification: "item/agentMessage/delta"))
        #expect(lifecycle.shouldDeliver(notification: "turn/started"))
        #expect(lifecycle.session?.optedOutNotifications == ["item/agentMessage/delta", "no/such"])
    }

    @Test func initializedNotificationIsRecordedOnlyAfterInitialize() throws {
        var lifecycle = ConnectionLifecycle()
        lifecycle.receiveNotification(method: "initialized")
        #expect(!lifecycle.clientConfirmedInitialized)
        _ = try lifecycle.initialize(params: validParams)
        lifecycle.receiveNotification(method: "something/else")
        #expect(!lifecycle.clientConfirmedInitialized)
        lifecycle.receiveNotification(method: "initialized")
        #expect(lifecycle.clientConfirmedInitialized)
    }
}
