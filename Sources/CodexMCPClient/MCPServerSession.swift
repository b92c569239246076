import CodexProtocol

/// An MCP server after a successful handshake: what it said about itself and its tools.
struct MCPServerSession: Sendable {
    /// The client name and title 0.163.0 sends in `initialize`.
    static let clientName = "codex-mcp-client"
    static let protocolVersion = "2025-06-18"

    let connection: MCPClientConnection
    /// `initialize.instructions`, when the server gave any.
    let instructions: String?
    /// The tools of `tools/list` (every page), as the server sent them.
    let tools: [JSONValue]
    /// `initialize.serverInfo` and `initialize.capabilities`, as the server sent them.
    var serverInfo: JSONValue? = nil
    var capabilities: JSONValue? = nil

    /// Why a handshake failed, as the reference words it.
    struct StartupFailure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The error's own text (the startup status shows it).
        var description: String
        /// The error it wraps, when it wraps one: the reference's `required` message lists the whole chain.
        var source: String?

        init(description: String, source: String? = nil) {
            self.description = description
            self.source = source
        }

        /// The text with its wrapped error appended (`outer: inner`), as in the `required` failure message.
        var chained: String {
            source.map { description + ": " + $0 } ?? description
        }
    }

    /// How 0.163.0 names its streamable-HTTP transport in error texts (a Rust type name, kept verbatim).
    static let httpTransportName =
        "codex_rmcp_client::event_notification_transport::EventNotificationTransport<rmcp::transport::worker::WorkerTransport<rmcp::transport::streamable_http_client::StreamableHttpClientWorker<codex_rmcp_client::http_client_adapter::StreamableHttpClientAdapter>>>"

    /// `initialize`, `notifications/initialized`, then `tools/list` following `nextCursor`, all within
    /// `timeout` from now.
    static func handshake(
        connection: MCPClientConnection, clientVersion: String, declaresAuthChange: Bool, timeout: Duration
    ) async throws(StartupFailure) -> MCPServerSession {
        let deadline = ContinuousClock.now + timeout
        func remaining() -> Duration { max(.zero, deadline - ContinuousClock.now) }
        var capabilities: JSONObject = ["elicitation": ["form": [:], "url": [:]]]
        if declaresAuthChange { capabilities["experimental"] = ["codex/auth-change": [:]] }
        let params: JSONValue = [
            "protocolVersion": .string(protocolVersion), "capabilities": .object(capabilities),
            "clientInfo": ["name": .string(clientName), "title": "Codex", "version": .string(clientVersion)],
        ]
        let initialized: JSONValue
        switch await connection.request("initialize", params: params, timeout: remaining()) {
        case .success(let result): initialized = result
        case .failure(let failure): throw handshakeFailure(failure, step: "initialize response", timeout: timeout)
        }
        await connection.notify("notifications/initialized")
        var tools: [JSONValue] = []
        var cursor: JSONValue?
        repeat {
            var listParams: JSONObject = ["_meta": ["progressToken": .int(connection.progressToken())]]
            if let cursor { listParams["cursor"] = cursor }
            switch await connection.request("tools/list", params: .object(listParams), timeout: remaining()) {
            case .success(let result):
                tools += result["tools"]?.arrayValue ?? []
                cursor = result["nextCursor"].flatMap { $0.isNull ? nil : $0 }
            case .failure(let failure):
                throw handshakeFailure(failure, step: "tools/list response", timeout: timeout)
            }
        } while cursor != nil
        return MCPServerSession(
            connection: connection, instructions: initialized["instructions"]?.stringValue, tools: tools,
            serverInfo: initialized["serverInfo"], capabilities: initialized["capabilities"])
    }

    private static func handshakeFailure(
        _ failure: MCPClientConnection.RequestFailure, step: String, timeout: Duration
    ) -> StartupFailure {
        switch failure {
        case .timedOut:
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            return StartupFailure(description: "timed out handshaking with MCP server after \(MCPDurationText.seconds(seconds))")
        case .closed:
            let cause = "connection closed: \(step)"
            return StartupFailure(description: "handshaking with MCP server failed: \(cause)", source: cause)
        case .rpc(let code, let message):
            let cause = "Mcp error: \(code): \(message)"
            return StartupFailure(description: "handshaking with MCP server failed: \(cause)", source: cause)
        case .transport(let message):
            // Observed for `initialize`; the wording for a later step is ours.
            let request = step == "initialize response" ? "initialize" : "tools/list"
            let cause = "Send message error Transport [\(httpTransportName)] error: \(message), when send \(request) request"
            return StartupFailure(description: "handshaking with MCP server failed: \(cause)", source: cause)
        }
    }
}
