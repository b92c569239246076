import CodexAppServer
import CodexProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The wire behaviour of a connection: handshake gating and what bad input gets back.
@Suite struct ConnectionInputTests {
    static var echoHandlers: AppServerHandlers {
        var handlers = AppServerHandlers()
        handlers.register("test/echo") { params, _ in params ?? .null }
        handlers.register("thread/read", scope: .threadID) { params, _ throws(JSONRPCErrorObject) in
            ["threadId": .string(try TestParams.decode(TestParams.ThreadID.self, params).threadId)]
        }
        handlers.register("test/length") { params, _ throws(JSONRPCErrorObject) in
            .int(Int64(try TestParams.decode(TestParams.Text.self, params).text.utf8.count))
        }
        return handlers
    }

    @Test func handshakeGatesRequests() async throws {
        let exit = try await withConnection(handlers: Self.echoHandlers) { client, connection in
            let early = try await client.request("test/echo", id: 1)
            #expect(errorOf(early)?.code == -32600)
            #expect(errorOf(early)?.message == "Not initialized")

            let result = try await client.initialize(id: "init-1")
            #expect(result["id"] == "init-1")
            let initialize = try #require(result["result"])
            #expect(initialize["userAgent"] == "test_client/9.9.9 (Linux 6.1.0-test; x86_64) (test_client; 0.1.0)")
            #expect(initialize["codexHome"] == "/home/test/.codex")
            #expect(initialize["platformFamily"] == "unix")
            #expect(initialize["platformOs"] == "linux")
            #expect(connection.session?.clientInfo.name == "test_client")

            let again = try await client.initialize(id: 2)
            #expect(errorOf(again)?.message == "Already initialized")

            let echoed = try await client.request("test/echo", id: "string-id", params: ["a": 1])
            #expect(echoed["id"] == "string-id")
            #expect(echoed["result"] == ["a": 1])
            #expect(echoed["jsonrpc"] == nil)
        }
        #expect(exit == .endOfInput)
    }

    @Test func badClientNameIsRefusedAndAGoodOneStillWorks() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            let refused = try await client.request(
                "initialize", id: 1, params: ["clientInfo": ["name": "bad\nname", "version": "1"]])
            #expect(
                errorOf(refused)?.message == "Invalid clientInfo.name: 'bad\nname'. Must be a valid HTTP header value.")
            let accepted = try await client.initialize(id: 2)
            #expect(accepted["result"] != nil)
        }
    }

    @Test func unknownMethodIsInvalidRequestEvenBeforeInitialize() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            let before = try await client.request("no/suchMethod", id: 1)
            #expect(errorOf(before)?.code == -32600)
            #expect(
                errorOf(before)?.message
                    == "Invalid request: unknown variant `no/suchMethod`, expected one of `initialize`, `test/echo`, `thread/read`, `test/length`"
            )
            try await client.initialize()
            let after = try await client.request("no/suchMethod", id: 2)
            #expect(errorOf(after)?.message == errorOf(before)?.message)
        }
    }

    @Test func missingOrIllTypedParamsNameTheField() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            try await client.initialize()
            let missing = try await client.request("thread/read", id: 1, params: [:])
            #expect(errorOf(missing)?.code == -32600)
            #expect(errorOf(missing)?.message == "Invalid request: missing field `threadId`")
            let noParams = try await client.request("thread/read", id: 2, params: nil)
            #expect(errorOf(noParams)?.message == "Invalid request: missing field `params`")
            let wrongType = try await client.request("thread/read", id: 3, params: ["threadId": 5])
            #expect(errorOf(wrongType)?.message == "Invalid request: threadId: invalid type: integer `5`, expected a string")
            let good = try await client.request("thread/read", id: 4, params: ["threadId": "t", "extra": true])
            #expect(good["result"] == ["threadId": "t"])
        }
    }

    @Test func nonJSONLineGetsAParseErrorAndServingContinues() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            try await client.initialize()
            await client.send("this is not json")
            let parseError = try await client.response(id: .null)
            #expect(errorOf(parseError)?.code == -32700)
            #expect(errorOf(parseError)?.message.hasPrefix("Parse error: line ") == true)
            let echoed = try await client.request("test/echo", id: 7, params: ["still": "alive"])
            #expect(echoed["result"] == ["still": "alive"])
        }
    }

    @Test func invalidUTF8LineGetsAParseError() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            try await client.initialize()
            var bytes = Array(#"{"id":1,"method":"test/echo","params":{"s":""#.utf8)
            bytes += [0xC3, 0x28, 0xFF, 0xFE]
            bytes += Array(#""}}"#.utf8) + [0x0A]
            await client.sendBytes(bytes)
            let reply = try await client.response(id: .null)
            #expect(errorOf(reply)?.code == -32700)
            let echoed = try await client.request("test/echo", id: 2, params: ["ok": true])
            #expect(echoed["result"] == ["ok": true])
        }
    }

    @Test func fiveMegabyteLines() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            try await client.initialize()
            let big = String(repeating: "x", count: 5 << 20)
            // Five megabytes of garbage: a parse error.
            await client.send(big)
            #expect(errorOf(try await client.response(id: .null))?.code == -32700)
            // Five megabytes inside a valid request: served normally.
            await client.send(["id": 9, "method": "test/length", "params": ["text": .string(big)]])
            #expect(try await client.response(id: 9)["result"] == .int(5 << 20))
        }
    }

    @Test func lineOverTheLimitGetsAnError() async throws {
        let configuration = AppServerConnection.Configuration(maxLineBytes: 1024)
        try await withConnection(handlers: Self.echoHandlers, configuration: configuration) { client, _ in
            try await client.initialize()
            await client.send(["id": 1, "method": "test/echo", "params": ["s": .string(String(repeating: "y", count: 4096))]])
            let reply = try await client.response(id: .null)
            #expect(errorOf(reply)?.code == -32700)
            #expect(errorOf(reply)?.message.contains("exceeds the limit") == true)
            #expect(try await client.request("test/echo", id: 2, params: ["n": 1])["result"] == ["n": 1])
        }
    }

    @Test func deeplyNestedJSONGetsAnError() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            try await client.initialize()
            await client.send(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
            #expect(errorOf(try await client.response(id: .null))?.code == -32700)
            let deepParams = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
            await client.send(#"{"id":3,"method":"test/echo","params":"# + deepParams + "}")
            #expect(errorOf(try await client.response(id: .null))?.code == -32700)
            #expect(try await client.request("test/echo", id: 4, params: ["n": 2])["result"] == ["n": 2])
            // Nesting within the limit is served normally.
            let allowed = String(repeating: "[", count: 400) + String(repeating: "]", count: 400)
            await client.send(#"{"id":5,"method":"test/echo","params":"# + allowed + "}")
            let echoed = try await client.response(id: 5)
            #expect(echoed["result"]?.arrayValue?.count == 1)
        }
    }

    @Test func unreadableInputEndsTheRunWithAnError() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let connection = AppServerConnection(
            input: -1, output: fds[1], handlers: AppServerHandlers(),
            initializer: InitializeResponder(version: "1", codexHome: "/h"))
        #expect(await connection.run() == .readFailed(errno: EBADF))
    }

    @Test func wrongShapesGetInvalidRequest() async throws {
        try await withConnection(handlers: Self.echoHandlers) { client, _ in
            try await client.initialize()
            await client.send(#"{"id":12}"#)
            #expect(errorOf(try await client.response(id: 12))?.code == -32600)
            await client.send(#"{"id":13,"method":5}"#)
            #expect(errorOf(try await client.response(id: 13))?.code == -32600)
            await client.send(#"[1,2,3]"#)
            #expect(errorOf(try await client.response(id: .null))?.code == -32600)
            // Stray responses and client notifications get no reply at all.
            await client.send(#"{"id":99,"result":{}}"#)
            await client.send(#"{"method":"some/notification","params":{}}"#)
            await client.send(#"{"jsonrpc":"2.0","id":14,"method":"test/echo","params":{"v":1}}"#)
            let echoed = try await client.response(id: 14)
            #expect(echoed["result"] == ["v": 1])
            #expect(client.inbox.pending.isEmpty)
        }
    }
}

/// Params of the test-only methods, decoded the way declared methods are.
enum TestParams {
    struct ThreadID: AppServerType {
        var threadId: String
    }

    struct Text: AppServerType {
        var text: String
    }

    static func decode<T: AppServerType>(_ type: T.Type, _ params: JSONValue?) throws(JSONRPCErrorObject) -> T {
        do throws(AppServerParamsError) {
            return try AppServerRegistry.decodeParams(type, params)
        } catch {
            throw .invalidRequest(error.message)
        }
    }
}
