import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// Why an MCP exchange failed.
struct MCPTestError: Error, CustomStringConvertible {
    let description: String
}

/// A client of a spawned `codex mcp-server` speaking MCP JSON-RPC directly (one message per line).
actor MCPTestClient {
    let process: RunningProcess
    private var nextID: Int64 = 1
    private var backlog: [JSONValue] = []

    init(_ process: RunningProcess) {
        self.process = process
    }

    /// `initialize` + `notifications/initialized`; returns the initialize result.
    @discardableResult
    func initialize(protocolVersion: String = "2025-06-18", elicitation: Bool = true) async throws -> JSONValue {
        let capabilities: JSONValue = elicitation ? ["elicitation": [:]] : [:]
        let result = try await request(
            "initialize",
            [
                "protocolVersion": .string(protocolVersion), "capabilities": capabilities,
                "clientInfo": ["name": "mcp-e2e", "version": "1.0"],
            ])
        try await send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        return result
    }

    /// Sends a request and returns its result; an error answer throws.
    func request(_ method: String, _ params: JSONValue, timeout: Duration = .seconds(30)) async throws -> JSONValue {
        let id = try await sendRequest(method, params)
        return try await response(to: id, timeout: timeout)
    }

    /// Sends a request without waiting; returns its id.
    func sendRequest(_ method: String, _ params: JSONValue) async throws -> Int64 {
        let id = nextID
        nextID += 1
        try await send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return id
    }

    /// `tools/call` without waiting; returns the request id.
    func startCall(_ tool: String, _ arguments: JSONValue) async throws -> Int64 {
        try await sendRequest("tools/call", ["name": .string(tool), "arguments": arguments])
    }

    /// The whole answer (`result` or `error`) to request `id`.
    func answer(to id: Int64, timeout: Duration = .seconds(30)) async throws -> JSONValue {
        try await next(timeout: timeout) { $0["id"] == .int(id) && $0["method"] == nil }
    }

    /// The result of request `id`; an error answer throws.
    func response(to id: Int64, timeout: Duration = .seconds(30)) async throws -> JSONValue {
        let message = try await answer(to: id, timeout: timeout)
        if let error = message["error"] { throw MCPTestError(description: "error answer: \(error.serialized())") }
        return message["result"] ?? .null
    }

    /// Waits for a notification with this method and matching params; returns its params.
    func notification(
        _ method: String, timeout: Duration = .seconds(30), where matches: @Sendable (JSONValue) -> Bool = { _ in true }
    ) async throws -> JSONValue {
        let message = try await next(timeout: timeout) { message in
            message["id"] == nil && message["method"]?.stringValue == method && matches(message["params"] ?? .null)
        }
        return message["params"] ?? .null
    }

    /// Waits for the `codex/event` of call `requestID` whose `msg.type` is `type`; returns its params.
    func event(_ type: String, requestID: Int64, timeout: Duration = .seconds(30)) async throws -> JSONValue {
        try await notification("codex/event", timeout: timeout) { params in
            params["_meta"]?["requestId"] == .int(requestID) && params["msg"]?["type"]?.stringValue == type
        }
    }

    /// Waits for a server request with this method; returns its id and params.
    func serverRequest(_ method: String, timeout: Duration = .seconds(30)) async throws -> (id: JSONValue, params: JSONValue) {
        let message = try await next(timeout: timeout) { message in
            message["id"] != nil && message["method"]?.stringValue == method
        }
        return (message["id"] ?? .null, message["params"] ?? .null)
    }

    /// Answers a server request.
    func reply(to id: JSONValue, result: JSONValue) async throws {
        try await send(["jsonrpc": "2.0", "id": id, "result": result])
    }

    /// Sends a raw line (malformed input tests).
    func sendLine(_ line: String) async throws {
        try await process.write(line + "\n")
    }

    func send(_ message: JSONValue) async throws {
        try await process.write(message.serialized() + "\n")
    }

    /// Every message received so far that has not been consumed.
    var unconsumed: [JSONValue] { backlog }

    /// Reads messages until one matches; earlier ones stay in the backlog.
    func next(timeout: Duration, _ matches: @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        if let index = backlog.firstIndex(where: matches) { return backlog.remove(at: index) }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw MCPTestError(description: "timed out waiting for a message") }
            guard let line = try await process.nextStdoutLine(timeout: remaining) else {
                throw MCPTestError(description: "the server closed its output; stderr: \(process.stderrSoFar)")
            }
            let message = try JSONParser.parse(line)
            #expect(message["jsonrpc"] == "2.0", "not JSON-RPC 2.0: \(line)")
            if matches(message) { return message }
            backlog.append(message)
        }
    }
}

/// Runs a `codex mcp-server` in a test home against a mock model.
enum MCPServerE2E {
    static func withServer<Result: Sendable>(
        home: CodexTestHome, elicitation: Bool = true, initialize: Bool = true, _ body: (MCPTestClient) async throws -> Result
    ) async throws -> Result {
        let spec = home.codexSpec(["mcp-server"], binary: try CodexBinary.locate(), standardInput: .writable)
        return try await ChildProcess.withProcess(spec) { process in
            let client = MCPTestClient(process)
            if initialize { try await client.initialize(elicitation: elicitation) }
            return try await body(client)
        }
    }

    /// The text content and `structuredContent` of a successful tool result.
    static func success(_ result: JSONValue) throws -> (text: String, threadID: String) {
        #expect(result["isError"] == nil || result["isError"] == false, "unexpected error result: \(result.serialized())")
        guard let text = result["content"]?.arrayValue?.first?["text"]?.stringValue,
            let threadID = result["structuredContent"]?["threadId"]?.stringValue
        else { throw MCPTestError(description: "not a codex tool result: \(result.serialized())") }
        #expect(result["content"]?.arrayValue?.first?["type"] == "text")
        #expect(result["structuredContent"]?["content"]?.stringValue == text)
        return (text, threadID)
    }
}
