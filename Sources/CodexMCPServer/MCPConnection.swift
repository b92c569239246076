import CodexBasics
import CodexProtocol
import Synchronization

/// One MCP connection over stdio: one JSON-RPC 2.0 message per line, read with our line reader (blocking reads
/// off the cooperative pool) and written through a `LineWriter` in call order.
///
/// It owns the lifecycle (`initialize` once, nothing but `ping` before it), answers `ping`, `tools/list`,
/// unknown methods (-32601), unparseable lines (-32700, `id: null`) and malformed requests itself, hands each
/// `tools/call` to `onToolCall` in the server's task group, turns `notifications/cancelled` into a cancel of
/// that call, and sends the server-to-client requests (elicitations) and routes their answers back.
final class MCPConnection: Sendable {
    /// The `initialize` answer's fixed parts.
    struct ServerInfo: Sendable {
        var name: String
        var title: String
        var version: String
    }

    /// Protocol versions a client may ask for (the newest is answered to any other).
    static let protocolVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]

    private struct State {
        var initialized = false
        /// Cancel signals of the running tool calls, by request id.
        var running: [JSONValue: AsyncStream<Void>.Continuation] = [:]
    }

    private let input: Int32
    private let writer: LineWriter
    private let info: ServerInfo
    private let state = Mutex(State())
    private let pending = PendingRequests()
    /// What the client declared in `initialize`.
    let client = MCPClientState()

    init(input: Int32, writer: LineWriter, info: ServerInfo) {
        self.input = input
        self.writer = writer
        self.info = info
    }

    /// Reads stdin until it ends, dispatching every message; tool calls run as jobs of `scheduler`, each
    /// answered with what `onToolCall` returns. Returns the exit code (0 at end of input, 1 when reading failed);
    /// pending server-to-client requests then fail as `connectionClosed`.
    func readLoop(
        scheduler: CallScheduler,
        onToolCall: @escaping @Sendable (_ id: JSONValue, _ params: JSONObject, _ cancel: AsyncStream<Void>) async -> JSONValue
    ) async -> Int32 {
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
                await dispatch(message, scheduler: scheduler, onToolCall: onToolCall)
            }
        }
        pending.closeAll()
        return code
    }

    private func dispatch(
        _ message: JSONValue, scheduler: CallScheduler,
        onToolCall: @escaping @Sendable (JSONValue, JSONObject, AsyncStream<Void>) async -> JSONValue
    ) async {
        guard case .object(let object) = message, object["jsonrpc"] == "2.0" else {
            await writeError(id: message["id"] ?? .null, code: -32600, message: "Invalid Request: not a JSON-RPC 2.0 message")
            return
        }
        guard let method = object["method"]?.stringValue else {
            // An answer to one of our requests (anything else without a method is ignored).
            if case .int(let id)? = object["id"] { pending.resolve(id, with: Self.answer(object)) }
            return
        }
        guard let id = object["id"] else {
            notification(method, params: object["params"])
            return
        }
        guard id.stringValue != nil || id.intValue != nil else {
            await writeError(id: .null, code: -32600, message: "Invalid Request: the id must be a string or a number")
            return
        }
        let params = object["params"]?.objectValue ?? JSONObject()
        let initialized = state.withLock { $0.initialized }
        if !initialized, method != "initialize", method != "ping" {
            await writeError(id: id, code: -32600, message: "request `\(method)` is not allowed before initialize")
            return
        }
        switch method {
        case "initialize":
            await initialize(id: id, params: params)
        case "ping":
            await writeResult(id: id, [:])
        case "tools/list":
            await writeResult(id: id, ["tools": .array(CodexToolDefinitions.all)])
        case "tools/call":
            guard params["name"]?.stringValue != nil,
                params["arguments"] == nil || params["arguments"] == .null || params["arguments"]?.objectValue != nil
            else {
                await writeError(id: id, code: -32602, message: "Invalid params: tools/call takes {\"name\": string, \"arguments\"?: object}")
                return
            }
            let (cancel, cancelSink) = AsyncStream<Void>.makeStream()
            let duplicate = state.withLock { state -> Bool in
                guard state.running[id] == nil else { return true }
                state.running[id] = cancelSink
                return false
            }
            if duplicate {
                await writeError(id: id, code: -32600, message: "Invalid Request: request id \(id.serialized()) is already in use")
                return
            }
            let accepted = scheduler.spawn {
                let result = await onToolCall(id, params, cancel)
                _ = self.state.withLock { $0.running.removeValue(forKey: id) }
                cancelSink.finish()
                await self.writeResult(id: id, result)
            }
            if !accepted {
                _ = state.withLock { $0.running.removeValue(forKey: id) }
                await writeError(id: id, code: -32603, message: "the server is shutting down")
            }
        default:
            await writeError(id: id, code: -32601, message: "method not found: \(method)")
        }
    }

    private func initialize(id: JSONValue, params: JSONObject) async {
        let first = state.withLock { state -> Bool in
            defer { state.initialized = true }
            return !state.initialized
        }
        guard first else {
            await writeError(id: id, code: -32600, message: "initialize called more than once")
            return
        }
        client.record(params)
        let asked = params["protocolVersion"]?.stringValue ?? ""
        let version = Self.protocolVersions.contains(asked) ? asked : Self.protocolVersions[Self.protocolVersions.count - 1]
        await writeResult(
            id: id,
            [
                "protocolVersion": .string(version), "capabilities": ["tools": ["listChanged": true]],
                "serverInfo": ["name": .string(info.name), "title": .string(info.title), "version": .string(info.version)],
            ])
    }

    /// Client notifications: `notifications/cancelled` cancels that call; the others are accepted and ignored.
    private func notification(_ method: String, params: JSONValue?) {
        guard method == "notifications/cancelled", let id = params?["requestId"] else { return }
        let sink = state.withLock { $0.running[id] }
        sink?.yield()
    }

    private static func answer(_ response: JSONObject) -> PendingRequests.Answer {
        if let error = response["error"] {
            return .failure(
                .answeredWithError(
                    code: error["code"]?.intValue ?? -32603, message: error["message"]?.stringValue ?? error.serialized()))
        }
        return .success(response["result"] ?? .null)
    }

    // MARK: - Writing

    /// Sends a notification.
    func notify(method: String, params: JSONValue) async {
        await write(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request to the client and waits for its answer. Cancelling the calling task withdraws the
    /// request (the client is told with `notifications/cancelled`).
    func request(method: String, params: JSONValue) async -> PendingRequests.Answer {
        guard let id = pending.open() else { return .failure(.connectionClosed) }
        await write(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
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

    private func writeResult(id: JSONValue, _ result: JSONValue) async {
        await write(["jsonrpc": "2.0", "id": id, "result": result])
    }

    private func writeError(id: JSONValue, code: Int64, message: String) async {
        await write(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code), "message": .string(message)]])
    }

    private func write(_ message: JSONValue) async {
        await writer.write(message.serialized() + "\n")
    }
}

/// Diagnostics of `codex mcp-server`, one line each on stderr (stdout carries only protocol messages).
enum MCPServerLog {
    static func write(_ message: String) {
        StandardStreams.writeError("codex mcp-server: \(message)\n")
    }
}
