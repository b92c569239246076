import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// The reference (codex-cli 0.163.0) schema bundle, used to validate every message the e2e tests
/// exchange; nil when the shared folder is absent (checks are then skipped, with a note).
enum E2EReferenceSchema {
    static let validator: JSONSchemaValidator? = {
        // #filePath is <package>/Tests/CodexAppServerTests/<file>; the reference lives in ../shared.
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = packageRoot.appending(path: "../shared/reference/codex-0.163.0/app-server.schema.json").standardized
            .path
        guard let data = FileManager.default.contents(atPath: path), let root = try? JSONParser.parse(bytes: Array(data))
        else {
            print("AppServerE2ETests: reference schema not found at \(path); skipping schema checks")
            return nil
        }
        return JSONSchemaValidator(root: root)
    }()

    /// Schema errors of one message; `definition` is a union (`ClientRequest`, ...) or a v2 type name.
    static func errors(_ value: JSONValue, definition: String) -> [String] {
        guard let validator else { return [] }
        for pointer in ["#/definitions/\(definition)", "#/definitions/v2/\(definition)"]
        where validator.resolve(pointer) != nil {
            return validator.errors(validating: value, definition: pointer)
        }
        return ["no definition \(definition) in the reference schema"]
    }
}

/// Why an e2e exchange failed.
struct E2EError: Error, CustomStringConvertible {
    let description: String
}

/// A client of a spawned `codex app-server` that validates everything it sends and receives
/// against the reference schema (violations are recorded as test issues).
actor AppServerClient {
    let pipe: any AppServerMessagePipe
    private var nextID: Int64 = 1
    private var backlog: [JSONValue] = []
    private var methodsByID: [Int64: String] = [:]

    init(_ pipe: any AppServerMessagePipe) {
        self.pipe = pipe
    }

    /// `initialize` + `initialized`.
    func initialize(name: String = "e2e-client") async throws {
        let result = try await request(
            "initialize", ["clientInfo": ["name": .string(name), "version": "1.0"], "capabilities": ["experimentalApi": true]])
        #expect(result["platformOs"] == "linux")
        try await send(["method": "initialized"])
    }

    /// Sends a request and returns its result; an error answer throws `E2EError` with its message.
    func request(_ method: String, _ params: JSONValue, timeout: Duration = .seconds(20)) async throws -> JSONValue {
        let id = try await sendRequest(method, params)
        return try await response(to: id, timeout: timeout)
    }

    /// Sends a request without waiting; returns its id.
    func sendRequest(_ method: String, _ params: JSONValue) async throws -> Int64 {
        let id = nextID
        nextID += 1
        methodsByID[id] = method
        let message: JSONValue = ["id": .int(id), "method": .string(method), "params": params]
        if method != "initialize" { Self.check(message, definition: "ClientRequest") }
        try await send(message)
        return id
    }

    /// Waits for the answer to request `id`.
    func response(to id: Int64, timeout: Duration = .seconds(20)) async throws -> JSONValue {
        let message = try await next(timeout: timeout) { $0["id"] == .int(id) && $0["method"] == nil }
        if let error = message["error"] {
            throw E2EError(description: error["message"]?.stringValue ?? error.serialized())
        }
        let result = message["result"] ?? .null
        if let method = methodsByID[id], let type = AppServerRegistry.clientRequest(method)?.result {
            Self.check(result, definition: type.schemaName)
        }
        return result
    }

    /// The error message of request `id`'s answer (throws when it succeeded).
    func errorMessage(of method: String, _ params: JSONValue) async throws -> String {
        do {
            let result = try await request(method, params)
            throw E2EError(description: "\(method) unexpectedly succeeded: \(result.serialized())")
        } catch let error as E2EError where !error.description.contains("unexpectedly succeeded") {
            return error.description
        }
    }

    /// Waits for a notification (`params` returned) with this method and matching params.
    func notification(
        _ method: String, timeout: Duration = .seconds(20), where matches: @Sendable (JSONValue) -> Bool = { _ in true }
    ) async throws -> JSONValue {
        let message = try await next(timeout: timeout) { message in
            message["id"] == nil && message["method"]?.stringValue == method && matches(message["params"] ?? .null)
        }
        return message["params"] ?? .null
    }

    /// Waits for a server request with this method; returns its id and params.
    func serverRequest(_ method: String, timeout: Duration = .seconds(20)) async throws -> (id: JSONValue, params: JSONValue) {
        let message = try await next(timeout: timeout) { message in
            message["id"] != nil && message["method"]?.stringValue == method
        }
        return (message["id"] ?? .null, message["params"] ?? .null)
    }

    /// Answers a server request.
    func reply(to id: JSONValue, result: JSONValue, method: String) async throws {
        if let type = AppServerRegistry.serverRequest(method)?.result { Self.check(result, definition: type.schemaName) }
        try await send(["id": id, "result": result])
    }

    /// Every notification method received for a thread so far (in order), consuming them.
    func drainNotifications(threadID: String) -> [JSONValue] {
        let matching = backlog.filter { $0["id"] == nil && $0["params"]?["threadId"]?.stringValue == threadID }
        backlog.removeAll { $0["id"] == nil && $0["params"]?["threadId"]?.stringValue == threadID }
        return matching
    }

    /// Reads (and validates) messages until one matches; earlier ones stay in the backlog. The
    /// matching message and everything before it that concerns the same thread are kept in `seen`.
    private(set) var seen: [JSONValue] = []

    func next(timeout: Duration, _ matches: @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        if let index = backlog.firstIndex(where: matches) {
            return backlog.remove(at: index)
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw E2EError(description: "timed out waiting for a message") }
            guard let line = try await pipe.nextMessage(timeout: remaining) else {
                throw E2EError(description: "the server closed its output; \(pipe.diagnostics)")
            }
            let message = try JSONParser.parse(line)
            Self.validateIncoming(message)
            seen.append(message)
            if matches(message) { return message }
            backlog.append(message)
        }
    }

    private func send(_ message: JSONValue) async throws {
        try await pipe.send(message.serialized())
    }

    private static func validateIncoming(_ message: JSONValue) {
        guard case .object(var object) = message, let method = object["method"]?.stringValue else { return }
        if object["id"] != nil {
            check(message, definition: "ServerRequest")
        } else {
            object["emittedAtMs"] = nil
            check(.object(object), definition: "ServerNotification")
            _ = method
        }
    }

    static func check(_ value: JSONValue, definition: String) {
        let errors = E2EReferenceSchema.errors(value, definition: definition)
        #expect(errors == [], "\(definition) does not match the reference schema: \(value.serialized())")
    }
}

/// Runs a `codex app-server` in a fresh CODEX_HOME against a mock model.
enum AppServerE2E {
    /// `binary` defaults to the built `codex` (a comparison test passes the reference's).
    static func withServer<Result: Sendable>(
        home: CodexTestHome, extraArguments: [String] = [], binary: String? = nil, environment: [String: String] = [:],
        _ body: (AppServerClient) async throws -> Result
    ) async throws -> Result {
        let binary = try binary ?? CodexBinary.locate()
        let spec = home.codexSpec(
            ["app-server", "--listen", "stdio://"] + extraArguments, binary: binary, standardInput: .writable,
            extraEnvironment: environment)
        return try await ChildProcess.withProcess(spec) { process in
            let client = AppServerClient(process)
            try await client.initialize()
            return try await body(client)
        }
    }

    /// Starts a thread; returns its id.
    static func startThread(_ client: AppServerClient, _ params: JSONValue = [:]) async throws -> String {
        let result = try await client.request("thread/start", params)
        guard let id = result["thread"]?["id"]?.stringValue else { throw E2EError(description: "no thread id") }
        _ = try await client.notification("thread/started") { $0["thread"]?["id"]?.stringValue == id }
        return id
    }

    /// Starts a turn with one text input; returns the turn id.
    static func startTurn(_ client: AppServerClient, threadID: String, text: String, extra: JSONObject = JSONObject())
        async throws -> String
    {
        var params: JSONObject = ["threadId": .string(threadID), "input": [["type": "text", "text": .string(text), "text_elements": []]]]
        for (key, value) in extra { params[key] = value }
        let result = try await client.request("turn/start", .object(params))
        guard let id = result["turn"]?["id"]?.stringValue else { throw E2EError(description: "no turn id") }
        return id
    }

    /// Waits for the turn's `turn/completed` and returns the turn.
    static func completedTurn(_ client: AppServerClient, turnID: String, timeout: Duration = .seconds(30)) async throws
        -> JSONValue
    {
        try await client.notification("turn/completed", timeout: timeout) { $0["turn"]?["id"]?.stringValue == turnID }["turn"]
            ?? .null
    }
}

@Suite(.serialized) struct AppServerE2ETests {
    @Test func textTurnSendsTheReferenceNotificationOrder() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("Hello there", deltas: ["Hello", " there"]))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let start = try await client.request("thread/start", ["cwd": .string(home.workDirectory)])
                    let threadID = try #require(start["thread"]?["id"]?.stringValue)
                    #expect(start["approvalPolicy"] == "on-request")
                    #expect(start["thread"]?["status"]?["type"] == "idle")
                    _ = try await client.notification("thread/started")
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "say hello")
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    #expect(turn["items"]?.arrayValue?.first?["text"] == "Hello there")
                    let methods = await client.seen.compactMap { message -> String? in
                        guard message["params"]?["threadId"]?.stringValue == threadID else { return nil }
                        return message["method"]?.stringValue
                    }
                    #expect(
                        methods.filter { $0 != "thread/status/changed" } == [
                            "turn/started", "item/started", "item/completed", "item/started", "item/agentMessage/delta",
                            "item/agentMessage/delta", "item/completed", "thread/tokenUsage/updated", "turn/completed",
                        ])
                    let seen = await client.seen
                    let userItem = seen.first { $0["method"] == "item/started" }?["params"]?["item"]
                    #expect(userItem?["type"] == "userMessage")
                    #expect(userItem?["content"]?.arrayValue?.first?["text"] == "say hello")
                    let usage = seen.first { $0["method"] == "thread/tokenUsage/updated" }?["params"]?["tokenUsage"]
                    #expect(usage?["total"]?["cacheWriteInputTokens"] == 0)
                    let loaded = try await client.request("thread/loaded/list", [:])
                    #expect(loaded["data"] == [.string(threadID)])
                }
            }
        }
    }

    /// The `x-codex-*` headers of a model response reach the client as `account/rateLimits/updated`
    /// right after the turn's token usage (as 0.163.0 sends it: whole percentages, every key present),
    /// and the rollout's token count records them.
    @Test func rateLimitHeadersBecomeAnAccountRateLimitsNotification() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                MockReply.assistantText("ok").header("x-codex-primary-used-percent", "12.5")
                    .header("x-codex-primary-window-minutes", "300").header("x-codex-primary-reset-at", "1796500000")
                    .header("x-codex-secondary-used-percent", "40").header("x-codex-secondary-window-minutes", "10080")
                    .header("x-codex-credits-has-credits", "true").header("x-codex-credits-unlimited", "false")
                    .header("x-codex-credits-balance", "9.5"))
            server.enqueue(.assistantText("again"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let start = try await client.request("thread/start", ["cwd": .string(home.workDirectory)])
                    let threadID = try #require(start["thread"]?["id"]?.stringValue)
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "hi")
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    let methods = await client.seen.compactMap { $0["method"]?.stringValue }
                    let usageAt = try #require(methods.firstIndex(of: "thread/tokenUsage/updated"))
                    #expect(methods.firstIndex(of: "account/rateLimits/updated") == usageAt + 1)
                    let update = try #require(await client.seen.first { $0["method"] == "account/rateLimits/updated" })
                    #expect(update["params"] == [
                        "rateLimits": [
                            "limitId": "codex", "limitName": nil, "normalModelSlug": nil,
                            "primary": ["usedPercent": 13, "windowDurationMins": 300, "resetsAt": 1_796_500_000],
                            "secondary": ["usedPercent": 40, "windowDurationMins": 10080, "resetsAt": nil],
                            "credits": ["hasCredits": true, "unlimited": false, "balance": "9.5"],
                            "individualLimit": nil, "spendControlReached": nil, "planType": nil, "rateLimitReachedType": nil,
                        ]
                    ])
                    // A response without the headers still reports the (empty) `codex` limit, as the reference does.
                    let second = try await AppServerE2E.startTurn(client, threadID: threadID, text: "again")
                    _ = try await AppServerE2E.completedTurn(client, turnID: second)
                    let updates = await client.seen.filter { $0["method"] == "account/rateLimits/updated" }
                    #expect(updates.count == 2)
                    #expect(updates.last?["params"]?["rateLimits"]?["primary"] == .null)
                    #expect(updates.last?["params"]?["rateLimits"]?["limitId"] == "codex")
                }
            }
        }
    }

    @Test(
        .enabled(
            if: E2EReferenceSchema.validator != nil,
            "skipped: the reference schema (../shared/reference next to the repository) is not here"))
    func schemaCheckRejectsAMalformedNotification() throws {
        let bad: JSONValue = ["method": "turn/completed", "params": ["threadId": 7]]
        #expect(E2EReferenceSchema.errors(bad, definition: "ServerNotification") != [])
    }

    @Test func threadStartAppliesParamsAndConfigOverrides() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await AppServerE2E.withServer(home: home) { client in
                let start = try await client.request(
                    "thread/start",
                    [
                        "cwd": .string(home.workDirectory), "approvalPolicy": "never", "sandbox": "workspace-write",
                        "config": ["model": "override-model"], "ephemeral": true,
                    ])
                #expect(start["model"] == "override-model")
                #expect(start["approvalPolicy"] == "never")
                #expect(start["sandbox"]?["type"] == "workspaceWrite")
                #expect(start["thread"]?["ephemeral"] == true)
                #expect(start["thread"]?["path"] == .null)
                let bad = try await client.errorMessage(of: "thread/start", ["config": ["model_reasoning_effort": "bogus"]])
                #expect(bad.hasPrefix("error deriving config: "))
            }
        }
    }

    @Test func unknownAndBusyThreadsAreRefused() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(MockReply.assistantText("late").holding(afterEvents: 1))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let unknown = "01a20137-82e6-7b6f-83f5-73d894b06c67"
                    let input: JSONValue = [["type": "text", "text": "x", "text_elements": []]]
                    let message = try await client.errorMessage(of: "turn/start", ["threadId": .string(unknown), "input": input])
                    #expect(message == "thread not found: \(unknown)")
                    let threadID = try await AppServerE2E.startThread(client)
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "first")
                    try await server.waitUntilHeld()
                    let busy = try await client.errorMessage(of: "turn/start", ["threadId": .string(threadID), "input": input])
                    #expect(busy.contains(turnID))
                    server.release()
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                }
            }
        }
    }

    @Test func eightThreadsRunTurnsAtOnce() async throws {
        try await MockResponsesServer.withServer { server in
            for index in 0..<8 {
                server.enqueue(MockReply.assistantText("reply \(index)").holding(afterEvents: 1))
            }
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    var turns: [String] = []
                    for index in 0..<8 {
                        let threadID = try await AppServerE2E.startThread(client)
                        turns.append(try await AppServerE2E.startTurn(client, threadID: threadID, text: "task \(index)"))
                    }
                    // Every model request arrives while all streams are held: the turns run concurrently.
                    _ = try await server.waitForRequests(count: 8, pathSuffix: "/responses", timeout: .seconds(30))
                    let loaded = try await client.request("thread/loaded/list", [:])
                    #expect(loaded["data"]?.arrayValue?.count == 8)
                    server.release()
                    for turnID in turns {
                        let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                        #expect(turn["status"] == "completed")
                    }
                }
            }
        }
    }

    @Test func closingStandardInputExitsCleanlyAndKeepsTheTurn() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(MockReply.assistantText("never finished").holding(afterEvents: 1))
            try await CodexTestHome.withHome(server: server) { home in
                let binary = try CodexBinary.locate()
                let spec = home.codexSpec(["app-server"], binary: binary, standardInput: .writable)
                try await ChildProcess.withProcess(spec) { process in
                    let client = AppServerClient(process)
                    try await client.initialize()
                    let threadID = try await AppServerE2E.startThread(client)
                    _ = try await AppServerE2E.startTurn(client, threadID: threadID, text: "keep me")
                    try await server.waitUntilHeld()
                    try await process.closeStandardInput()
                    let exit = try await process.waitForExit(timeout: .seconds(10))
                    #expect(exit.exitCode == 0)
                    let files = try E2ERollouts.files(codexHome: home.codexHome)
                    #expect(files.count == 1)
                    let text = String(decoding: FileManager.default.contents(atPath: try #require(files.first)) ?? Data(), as: UTF8.self)
                    #expect(text.contains("keep me"))
                    #expect(text.contains("turn_aborted"))
                }
            }
        }
    }
}

/// Rollout files under a CODEX_HOME.
enum E2ERollouts {
    static func files(codexHome: String) throws -> [String] {
        let sessions = codexHome + "/sessions"
        guard FileManager.default.fileExists(atPath: sessions) else { return [] }
        return try FileManager.default.subpathsOfDirectory(atPath: sessions).filter { $0.hasSuffix(".jsonl") }
            .map { sessions + "/" + $0 }.sorted()
    }
}
