import CodexBasics
import CodexProtocol
import Synchronization

/// The client side of one MCP conversation: JSON-RPC 2.0 requests with timeouts, notifications, and the few
/// server-to-client requests a client must answer, over any transport that carries whole messages (a child's
/// stdio, streamable HTTP).
///
/// We speak MCP ourselves rather than through the MCP Swift SDK: the SDK cannot be linked into our static
/// `codex` executable (its static link fails on -lcurl / FoundationNetworking). The server side is
/// `CodexMCPServer/MCPConnection.swift`; both keep to the same newline-delimited JSON-RPC framing.
final class MCPClientConnection: Sendable {
    /// Why a request got no result.
    enum RequestFailure: Error, Sendable, Hashable {
        /// The server answered with a JSON-RPC error.
        case rpc(code: Int64, message: String)
        /// No answer in time.
        case timedOut
        /// The transport closed (or the waiting task was cancelled) before the answer.
        case closed
        /// The transport could not deliver the request or its answer (an HTTP error); its own words.
        case transport(String)
    }

    private let pending = PendingRequests()
    private let send: @Sendable (JSONValue) async -> Bool
    private let nextProgressToken = Mutex<Int64>(0)
    /// Why the transport failed a request, by id, until its waiter reads it.
    private let transportFailures = Mutex<[Int64: String]>([:])

    /// Answers the server's `elicitation/create` (params in, MCP `ElicitResult` out); nil declines them all.
    private let elicit: MCPElicitations.Bound?

    /// - Parameters:
    ///   - elicit: answers the server's elicitations; without it they are declined (nobody to ask).
    ///   - send: hands one message to the transport; false when the transport is gone.
    init(elicit: MCPElicitations.Bound? = nil, send: @escaping @Sendable (JSONValue) async -> Bool) {
        self.elicit = elicit
        self.send = send
    }

    /// The next `progressToken` (they count from 0, apart from request ids).
    func progressToken() -> Int64 {
        nextProgressToken.withLock { token in
            defer { token += 1 }
            return token
        }
    }

    /// Sends a request and waits for its result, at most `timeout`.
    func request(_ method: String, params: JSONValue?, timeout: Duration) async -> Result<JSONValue, RequestFailure> {
        guard let id = pending.open() else { return .failure(.closed) }
        var message = JSONObject([("jsonrpc", "2.0"), ("id", .int(id)), ("method", .string(method))])
        if let params { message["params"] = params }
        guard await send(.object(message)) else {
            pending.resolve(id, with: .failure(.connectionClosed))
            return .failure(.closed)
        }
        enum Race: Sendable {
            case answer(PendingRequests.Answer)
            case deadline
        }
        let pending = self.pending
        let winner = await withTaskGroup(of: Race.self) { group -> Race in
            group.addTask { .answer(await pending.wait(for: id)) }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .deadline
                } catch {
                    // Cancelled: the caller gave up; the waiter is withdrawn below.
                    return .answer(.failure(.connectionClosed))
                }
            }
            let first = await group.next() ?? .deadline
            // Wakes the waiter if it is still waiting, then the sleeper.
            pending.resolve(id, with: .failure(.withdrawn))
            group.cancelAll()
            return first
        }
        switch winner {
        case .deadline:
            return .failure(.timedOut)
        case .answer(.success(let result)):
            return .success(result)
        case .answer(.failure(.answeredWithError(let code, let message))):
            return .failure(.rpc(code: code, message: message))
        case .answer(.failure(.withdrawn)), .answer(.failure(.connectionClosed)):
            if let message = transportFailures.withLock({ $0.removeValue(forKey: id) }) {
                return .failure(.transport(message))
            }
            return .failure(.closed)
        }
    }

    /// Fails request `id` with the transport's reason (nothing happens once it was answered).
    func fail(_ id: Int64, transportError message: String) {
        transportFailures.withLock { $0[id] = message }
        if !pending.resolve(id, with: .failure(.connectionClosed)) {
            transportFailures.withLock { _ = $0.removeValue(forKey: id) }
        }
    }

    /// Fails request `id` as closed (its answer can no longer come; nothing happens once it was answered).
    func failClosed(_ id: Int64) {
        pending.resolve(id, with: .failure(.connectionClosed))
    }

    /// Sends a notification.
    func notify(_ method: String, params: JSONValue? = nil) async {
        var message = JSONObject([("jsonrpc", "2.0"), ("method", .string(method))])
        if let params { message["params"] = params }
        _ = await send(.object(message))
    }

    /// Handles one message from the server: a response resolves its request; requests get the client's
    /// answers (`ping`; elicitations go to `elicit`, else are declined); notifications are ignored. An
    /// elicitation is answered before the next message is read: the server waits on it anyway.
    func receive(_ message: JSONValue) async {
        guard case .object(let object) = message else { return }
        if let method = object["method"]?.stringValue {
            guard let id = object["id"] else { return }
            await answerServerRequest(id: id, method: method, params: object["params"] ?? .null)
            return
        }
        guard let id = object["id"]?.intValue else { return }
        if let error = object["error"] {
            let code = error["code"]?.intValue ?? 0
            let text = error["message"]?.stringValue ?? ""
            pending.resolve(id, with: .failure(.answeredWithError(code: code, message: text)))
        } else {
            pending.resolve(id, with: .success(object["result"] ?? .null))
        }
    }

    /// Fails every waiting request; later requests fail at once.
    func close() {
        pending.closeAll()
    }

    private func answerServerRequest(id: JSONValue, method: String, params: JSONValue) async {
        var reply = JSONObject([("jsonrpc", "2.0"), ("id", id)])
        switch method {
        case "ping":
            reply["result"] = .object(JSONObject())
        case "elicitation/create":
            reply["result"] = await elicit?(params) ?? MCPElicitations.declined
        default:
            reply["error"] = ["code": -32601, "message": .string("Method not found: \(method)")]
        }
        _ = await send(.object(reply))
    }
}
