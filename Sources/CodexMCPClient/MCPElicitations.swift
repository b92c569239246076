public import CodexProtocol

/// Where an MCP server's `elicitation/create` requests go (spec mcp-client §6.3): a front end with a user to ask
/// (the app-server) passes a handler; without one (`codex exec`) every elicitation is declined.
public enum MCPElicitations {
    /// Answers one elicitation: the server's name and the request's params in, the MCP `ElicitResult`
    /// (`{action, content?}`) out.
    public typealias Handler = @Sendable (_ server: String, _ params: JSONValue) async -> JSONValue
    /// A handler bound to one server.
    typealias Bound = @Sendable (_ params: JSONValue) async -> JSONValue

    /// The answer when nobody can be asked.
    public static let declined: JSONValue = ["action": "decline"]
}
