public import CodexProtocol

/// What one started MCP server reported, for `mcpServerStatus/list`: its state, startup error, raw tools,
/// `initialize` metadata and (on request) its resources.
public struct MCPServerInventory: Sendable {
    public var status: MCPConnectionManager.ServerStatus
    /// `MCP startup failed: <cause>` when the server did not start.
    public var startupError: String?
    /// The tools of `tools/list` as the server sent them (unfiltered).
    public var tools: [JSONValue]
    /// `initialize.serverInfo` / `initialize.capabilities` as the server sent them.
    public var serverInfo: JSONValue?
    public var capabilities: JSONValue?
    /// `resources/list` and `resources/templates/list` (every page); empty unless listed.
    public var resources: [JSONValue] = []
    public var resourceTemplates: [JSONValue] = []

    /// How long each resource listing request may take.
    static let listingTimeout: Duration = .seconds(10)

    /// Lists resources and templates; a request that fails leaves its list as far as it got.
    mutating func listResources(over connection: MCPClientConnection) async {
        resources = await Self.pages("resources/list", member: "resources", connection: connection)
        resourceTemplates = await Self.pages("resources/templates/list", member: "resourceTemplates", connection: connection)
    }

    private static func pages(_ method: String, member: String, connection: MCPClientConnection) async -> [JSONValue] {
        var items: [JSONValue] = []
        var cursor: JSONValue?
        repeat {
            var params = JSONObject()
            if let cursor { params["cursor"] = cursor }
            guard case .success(let result) = await connection.request(method, params: .object(params), timeout: listingTimeout)
            else { return items }
            items += result[member]?.arrayValue ?? []
            cursor = result["nextCursor"].flatMap { $0.isNull ? nil : $0 }
        } while cursor != nil
        return items
    }
}
