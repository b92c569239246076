import CodexAppServer
import CodexProtocol
import Testing

@Suite struct AppServerHandlersTests {
    static let echo: AppServerHandler = { params, _ in params ?? .null }

    @Test func unknownMethodUsesTheReferenceWording() {
        var handlers = AppServerHandlers()
        #expect(
            handlers.unknownMethodError("x").message == "Invalid request: unknown variant `x`, expected `initialize`")
        handlers.register("thread/start", handler: Self.echo)
        #expect(
            handlers.unknownMethodError("x")
                == .invalidRequest("Invalid request: unknown variant `x`, expected `initialize` or `thread/start`"))
        handlers.register("thread/list", handler: Self.echo)
        handlers.register("thread/start", handler: Self.echo)
        #expect(
            handlers.unknownMethodError("no/such").message
                == "Invalid request: unknown variant `no/such`, expected one of `initialize`, `thread/start`, `thread/list`")
        #expect(handlers.unknownMethodError("no/such").code == -32600)
        #expect(handlers.methodNames == ["thread/start", "thread/list"])
    }

    @Test func scopeRules() {
        #expect(ScopeRule.threadID.scope(for: ["threadId": "t1"]) == .thread("t1"))
        #expect(ScopeRule.threadID.scope(for: ["threadId": 5]) == nil)
        #expect(ScopeRule.threadID.scope(for: nil) == nil)
        #expect(ScopeRule.unscoped.scope(for: ["threadId": "t1"]) == nil)
        #expect(ScopeRule.fixed(.config).scope(for: nil) == .config)
        #expect(SerializationScope.thread("a") != SerializationScope.commandExec(processID: "a"))
    }
}

@Suite struct InitializeResponderTests {
    let responder = InitializeResponder(
        version: "0.163.0", codexHome: "/home/u/.codex",
        platform: PlatformDescription(kernelRelease: "6.1.0-18-amd64", architecture: "x86_64"))

    @Test func userAgentAndResult() {
        let session = ClientSession(clientInfo: .init(name: "my_client", title: "My Client", version: "0.1.0"))
        #expect(
            responder.userAgent(for: session)
                == "my_client/0.163.0 (Linux 6.1.0-18-amd64; x86_64) (my_client; 0.1.0)")
        let result = responder.result(for: session)
        #expect(result.codexHome == "/home/u/.codex")
        #expect(result.platformFamily == "unix")
        #expect(result.platformOs == "linux")
        #expect(result.userAgent == responder.userAgent(for: session))
    }

    @Test func userAgentReplacesNonPrintableCharacters() {
        let session = ClientSession(clientInfo: .init(name: "café\t", version: "1\u{01}"))
        #expect(responder.userAgent(for: session) == "caf__/0.163.0 (Linux 6.1.0-18-amd64; x86_64) (caf__; 1_)")
    }

    @Test func currentPlatformIsReadFromTheKernel() {
        let platform = PlatformDescription.current
        #expect(!platform.kernelRelease.isEmpty)
        #expect(!platform.architecture.isEmpty)
    }
}
