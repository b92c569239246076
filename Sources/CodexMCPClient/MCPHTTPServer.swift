import AsyncHTTPClient
import CodexBasics
import CodexProtocol
import NIOCore
import NIOHTTP1
import Synchronization

/// A streamable-HTTP MCP server (spec §2.3): every client message is one POST to the server's URL, answered
/// with JSON or an SSE stream; the server's `Mcp-Session-Id` is echoed from then on, and after `initialize`
/// the negotiated `MCP-Protocol-Version` too. Once ready, a GET opens the server's own stream (a refusal is
/// tolerated); when the server's task ends, a DELETE ends the session.
enum MCPHTTPServer {
    /// Where to reach the server and the headers every request carries.
    struct Endpoint: Sendable, Hashable {
        var url: String
        /// `http_headers`, the set `env_http_headers`, and `Authorization` from `bearer_token_env_var`.
        var headers: [String: String]
        /// Why the server cannot be started at all (its `bearer_token_env_var` is unset or empty), in 0.163.0's words.
        var unusable: String?
    }

    /// The endpoint of a config entry: static headers, then the `env_http_headers` whose variable is set and
    /// not blank, then `Authorization: Bearer <token>` when `bearer_token_env_var` names a set variable.
    /// A `bearer_token_env_var` naming an unset or empty variable makes the server fail to start (0.163.0's texts).
    static func endpoint(
        server: String, url: String, bearerTokenEnvVar: String?, httpHeaders: [String: String],
        envHTTPHeaders: [String: String], environment: [String: String]
    ) -> Endpoint {
        var headers = httpHeaders
        for (header, variable) in envHTTPHeaders {
            guard let value = environment[variable], !value.trimmingWhitespace().isEmpty else { continue }
            headers[header] = value
        }
        var unusable: String?
        if let variable = bearerTokenEnvVar {
            switch environment[variable] {
            case nil: unusable = "Environment variable \(variable) for MCP server '\(server)' is not set"
            case ""?: unusable = "Environment variable \(variable) for MCP server '\(server)' is empty"
            // A blank token is sent as it is (observed).
            case let token?: headers["Authorization"] = "Bearer \(token)"
            }
        }
        return Endpoint(url: url, headers: headers, unusable: unusable)
    }

    /// The one HTTP client of every MCP server in the process (never shut down, like the model's): a 10 s connect
    /// timeout, no read timeout (the request and tool timeouts decide), and no `Accept-Encoding` (0.163.0 sends none).
    static let httpClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: nil)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Runs the handshake, reports the outcome through `onStartup`, then serves the connection until the
    /// calling task is cancelled (or, after a failed startup, returns at once); ends the session on the way out.
    static func run(
        _ endpoint: Endpoint, startupTimeout: Duration, clientVersion: String,
        elicit: MCPElicitations.Bound? = nil,
        onStartup: @escaping @Sendable (Result<MCPServerSession, MCPServerSession.StartupFailure>) async -> Void
    ) async {
        if let unusable = endpoint.unusable {
            await onStartup(.failure(.init(description: unusable)))
            return
        }
        let transport = Transport(endpoint: endpoint, clientVersion: clientVersion)
        let (outgoing, sink) = AsyncStream<JSONValue>.makeStream()
        let connection = MCPClientConnection(elicit: elicit) { message in
            if case .terminated = sink.yield(message) { return false }
            return true
        }
        await withDiscardingTaskGroup { group in
            group.addTask {
                let outcome: Result<MCPServerSession, MCPServerSession.StartupFailure>
                do throws(MCPServerSession.StartupFailure) {
                    outcome = .success(
                        try await MCPServerSession.handshake(
                            connection: connection, clientVersion: clientVersion, declaresAuthChange: false,
                            timeout: startupTimeout))
                } catch {
                    outcome = .failure(error)
                }
                await onStartup(outcome)
                guard case .success = outcome else {
                    sink.finish()
                    return
                }
                await transport.listen(connection: connection)
            }
            // Ends when the server's task is cancelled (shutdown) or after a failed startup. Requests run
            // concurrently (an answer may stream for long); notifications and our answers go out in order.
            for await message in outgoing {
                if message["method"] != nil, message["id"] != nil {
                    group.addTask { await transport.post(message, connection: connection) }
                } else {
                    await transport.post(message, connection: connection)
                }
            }
            connection.close()
            await transport.endSession()
            group.cancelAll()
        }
    }

    /// The HTTP side of one connection: the session id and protocol version learnt from the server.
    final class Transport: Sendable {
        private struct Session {
            var id: String?
            var protocolVersion: String?
        }

        let endpoint: Endpoint
        let userAgent: String
        private let session = Mutex(Session())
        /// The largest JSON answer read (an SSE stream is read as it comes, without a bound).
        static let maxJSONBody = 64 << 20

        init(endpoint: Endpoint, clientVersion: String) {
            self.endpoint = endpoint
            self.userAgent = "\(MCPServerSession.clientName)/\(clientVersion)"
        }

        private var client: HTTPClient { MCPHTTPServer.httpClient }

        private func request(_ method: HTTPMethod, accept: String) -> HTTPClientRequest {
            var request = HTTPClientRequest(url: endpoint.url)
            request.method = method
            request.headers.add(name: "User-Agent", value: userAgent)
            for (name, value) in endpoint.headers.sorted(by: { $0.key < $1.key }) {
                request.headers.replaceOrAdd(name: name, value: value)
            }
            request.headers.replaceOrAdd(name: "Accept", value: accept)
            let current = session.withLock { $0 }
            if let version = current.protocolVersion { request.headers.replaceOrAdd(name: "MCP-Protocol-Version", value: version) }
            if let id = current.id { request.headers.replaceOrAdd(name: "Mcp-Session-Id", value: id) }
            return request
        }

        /// The reference's words for a request that never got an HTTP answer.
        private var sendFailure: String {
            "Client error: HTTP request failed: http/request failed: error sending request for url (\(endpoint.url))"
        }

        /// POSTs one message; the answers it brings (JSON or SSE) go to `connection`. A request whose POST
        /// fails, or whose stream ends without its answer, is failed at once with the transport's reason.
        func post(_ message: JSONValue, connection: MCPClientConnection) async {
            let requestID = message["method"] != nil ? message["id"]?.intValue : nil
            let isInitialize = message["method"] == "initialize"
            var request = request(.POST, accept: "text/event-stream, application/json")
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: message.serializedBytes()))
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, deadline: .distantFuture)
            } catch {
                if let requestID { connection.fail(requestID, transportError: sendFailure) }
                return
            }
            if let id = response.headers.first(name: "Mcp-Session-Id"), !id.isEmpty {
                session.withLock { $0.id = id }
            }
            guard (200..<300).contains(response.status.code) else {
                let body = await Self.text(of: response)
                if let requestID {
                    connection.fail(requestID, transportError: "unexpected server response: HTTP \(response.status.code): \(body)")
                }
                return
            }
            let unreadable = await deliver(response, to: connection, isInitialize: isInitialize)
            guard let requestID else { return }
            // Its answer can no longer come: the body was not JSON, or the stream ended without it.
            if let unreadable {
                connection.fail(requestID, transportError: "Deserialize error: \(unreadable)")
            } else {
                connection.failClosed(requestID)
            }
        }

        /// Opens the server's stream (GET) and delivers what it sends until it ends; a refusal (405) or any
        /// failure just ends it.
        func listen(connection: MCPClientConnection) async {
            let request = request(.GET, accept: "text/event-stream, application/json")
            guard let response = try? await client.execute(request, deadline: .distantFuture),
                (200..<300).contains(response.status.code)
            else { return }
            _ = await deliver(response, to: connection, isInitialize: false)
        }

        /// Ends the session with a DELETE, when the server gave one (its answer does not matter). Runs in its
        /// own task so that it goes out even though the server's task is being cancelled; waits for it.
        func endSession() async {
            guard session.withLock({ $0.id }) != nil else { return }
            let request = request(.DELETE, accept: "*/*")
            let client = self.client
            await Task {
                do {
                    _ = try await client.execute(request, timeout: .seconds(2))
                } catch {
                    // The server is gone or slow: nothing is left to end.
                    return
                }
            }.value
        }

        /// Feeds the messages of a JSON or SSE answer to `connection`; the protocol version of an `initialize`
        /// result is kept first, so the requests that follow carry it. Returns why a message was not JSON, if one
        /// was not (the rest of the answer is still read).
        private func deliver(
            _ response: HTTPClientResponse, to connection: MCPClientConnection, isInitialize: Bool
        ) async -> String? {
            let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
            var unreadable: String?
            if contentType.hasPrefix("text/event-stream") {
                var parser = SSEParser()
                do {
                    for try await chunk in response.body {
                        for event in parser.feed(chunk.readableBytesView) where event.event == "message" {
                            let failure = await receive(Array(event.data.utf8), connection: connection, isInitialize: isInitialize)
                            unreadable = unreadable ?? failure
                        }
                    }
                } catch {
                    return unreadable
                }
            } else {
                let body: ByteBuffer
                do {
                    body = try await response.body.collect(upTo: Self.maxJSONBody)
                } catch {
                    return "\(error)"
                }
                guard body.readableBytes > 0 else { return nil }
                unreadable = await receive(Array(body.readableBytesView), connection: connection, isInitialize: isInitialize)
            }
            return unreadable
        }

        /// One JSON-RPC message (or a batch); returns the parse error when it is not JSON.
        private func receive(_ bytes: [UInt8], connection: MCPClientConnection, isInitialize: Bool) async -> String? {
            let message: JSONValue
            do {
                message = try JSONParser.parse(bytes: bytes)
            } catch {
                return "\(error)"
            }
            let messages = message.arrayValue ?? [message]
            for message in messages {
                if isInitialize, let version = message["result"]?["protocolVersion"]?.stringValue {
                    session.withLock { $0.protocolVersion = version }
                }
                await connection.receive(message)
            }
            return nil
        }

        private static func text(of response: HTTPClientResponse) async -> String {
            guard let body = try? await response.body.collect(upTo: 1 << 20) else { return "" }
            return String(decoding: body.readableBytesView, as: UTF8.self)
        }
    }
}
