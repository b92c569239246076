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
        var description: String
    }

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
            return StartupFailure(description: "handshaking with MCP server failed: connection closed: \(step)")
        case .rpc(let code, let message):
            return StartupFailure(description: "handshaking with MCP server failed: Mcp error: \(code): \(message)")
        }
    }
}
