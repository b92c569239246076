import CodexBasics
import CodexProtocol
import FoundationEssentials
import Logging
import MCP
import Synchronization

/// MCP over stdio for the SDK's `Server`: one JSON-RPC message per line, read with our line reader (blocking
/// reads off the cooperative pool) and written through a `LineWriter` in call order.
///
/// Beyond what the SDK's own stdio transport does, it answers unparseable lines with a JSON-RPC parse error
/// (`id: null`), sends the server-to-client requests the SDK has no call for (elicitations with Codex's
/// top-level `codex_*` fields, answered in upstream's `{decision}` form or as a standard elicitation result)
/// and routes their answers back, refuses requests other than `ping` before `initialize` (-32600), and stamps
/// each `tools/call` with its JSON-RPC id (the SDK keeps the id from handlers; Codex reports it in
/// `_meta.requestId` and `codex_mcp_tool_call_id`).
actor MCPStdioTransport: Transport {
    /// The `_meta` key of a `tools/call` that carries the request's JSON-RPC id to the handler.
    static let requestIDMetaKey = "codex-mcp-server/requestId"

    nonisolated let logger = Logger(label: "codex.mcp-server.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    private nonisolated let input: Int32
    private nonisolated let writer: LineWriter
    private nonisolated let incoming: AsyncThrowingStream<Data, any Error>
    private nonisolated let incomingSink: AsyncThrowingStream<Data, any Error>.Continuation
    private nonisolated let pending = PendingClientRequests()
    /// Whether an `initialize` request went to the SDK; before it only `initialize` and `ping` are served.
    private nonisolated let initializeSeen = Mutex(false)

    init(input: Int32, writer: LineWriter) {
        self.input = input
        self.writer = writer
        (incoming, incomingSink) = AsyncThrowingStream<Data, any Error>.makeStream()
    }

    // MARK: - Transport (the SDK's side)

    /// Nothing to set up: reading is `readLoop`, run by the server's own task group.
    func connect() async throws {}

    func disconnect() async {
        incomingSink.finish()
    }

    func send(_ data: Data) async throws {
        await writer.write(lineBytes: Array(data) + [0x0A])
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        incoming
    }

    // MARK: - Reading

    /// Reads stdin until it ends, handing messages to the SDK; returns the exit code (0 at end of input,
    /// 1 when reading failed). Pending server-to-client requests then fail as `connectionClosed`.
    nonisolated func readLoop() async -> Int32 {
        var lines = JSONLineReader(fileDescriptor: input).makeAsyncIterator()
        var code: Int32 = 0
        while true {
            let element: JSONLineReader.Element?
            do {
                element = try await lines.next()
            } catch {
                MCPServerLog.write("reading input failed: \(error)")
                code = 1
                break
            }
            guard let element else { break }
            switch element {
            case .failure(let malformed):
                MCPServerLog.write("unreadable input \(malformed)")
                await writeError(id: .null, code: -32700, message: "Parse error: \(malformed)")
            case .success(let message):
                await route(message)
            }
        }
        pending.closeAll()
        incomingSink.finish()
        return code
    }

    private nonisolated func route(_ message: JSONValue) async {
        switch message {
        case .array(let items) where items.isEmpty:
            await writeError(id: .null, code: -32600, message: "Invalid Request: an empty batch")
        case .array:
            incomingSink.yield(Data(message.serialized().utf8))  // a batch: the SDK's to handle
        case .object(var object):
            if object["method"] == nil, case .int(let id)? = object["id"],
                object["result"] != nil || object["error"] != nil,
                pending.resolve(id, with: Self.answer(object))
            {
                return
            }
            if let method = object["method"]?.stringValue, let id = object["id"], !admitted(method) {
                await writeError(id: id, code: -32600, message: "request `\(method)` is not allowed before initialize")
                return
            }
            if object["method"] == "tools/call", let id = object["id"] {
                guard case .object(var params)? = object["params"], params["name"]?.stringValue != nil,
                    params["arguments"] == nil || params["arguments"] == .null || params["arguments"]?.objectValue != nil
                else {
                    // The SDK would answer with an opaque decoding error.
                    await writeError(
                        id: id, code: -32602,
                        message: "Invalid params: tools/call takes {\"name\": string, \"arguments\"?: object}")
                    return
                }
                var meta = params["_meta"]?.objectValue ?? JSONObject()
                meta[Self.requestIDMetaKey] = id
                params["_meta"] = .object(meta)
                object["params"] = .object(params)
            }
            incomingSink.yield(Data(JSONValue.object(object).serialized().utf8))
        default:
            await writeError(id: .null, code: -32600, message: "Invalid Request: a message must be a JSON object")
        }
    }

    /// Whether a request for `method` may go on: everything once `initialize` was forwarded (the SDK answers a
    /// second one), before that only `initialize` itself and `ping`. (The SDK's own strict mode leaves such
    /// requests unanswered.)
    private nonisolated func admitted(_ method: String) -> Bool {
        initializeSeen.withLock { seen in
            if method == "initialize" { seen = true }
            return seen || method == "ping"
        }
    }

    private static func answer(_ response: JSONObject) -> PendingClientRequests.Answer {
        if let error = response["error"] {
            return .failure(
                .answeredWithError(
                    code: error["code"]?.intValue ?? -32603, message: error["message"]?.stringValue ?? error.serialized()))
        }
        return .success(response["result"] ?? .null)
    }

    // MARK: - Writing (our side)

    /// Sends a notification.
    nonisolated func notify(method: String, params: JSONValue) async {
        let message: JSONValue = ["jsonrpc": "2.0", "method": .string(method), "params": params]
        await writer.write(message.serialized() + "\n")
    }

    /// Sends a request to the client and waits for its answer. Cancelling the calling task withdraws the
    /// request (the client is told with `notifications/cancelled`).
    nonisolated func request(method: String, params: JSONValue) async -> PendingClientRequests.Answer {
        guard let id = pending.open() else { return .failure(.connectionClosed) }
        let message: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params]
        await writer.write(message.serialized() + "\n")
        let pending = pending
        let answer = await withTaskCancellationHandler {
            await pending.wait(for: id)
        } onCancel: {
            pending.resolve(id, with: .failure(.withdrawn))
        }
        if case .failure(.withdrawn) = answer {
            await notify(method: "notifications/cancelled", params: ["requestId": .int(id), "reason": "the tool call ended"])
        }
        return answer
    }

    private nonisolated func writeError(id: JSONValue, code: Int64, message: String) async {
        let response: JSONValue = [
            "jsonrpc": "2.0", "id": id, "error": ["code": .int(code), "message": .string(message)],
        ]
        await writer.write(response.serialized() + "\n")
    }
}

/// Diagnostics of `codex mcp-server`, one line each on stderr (stdout carries only protocol messages).
enum MCPServerLog {
    static func write(_ message: String) {
        StandardStreams.writeError("codex mcp-server: \(message)\n")
    }
}
