/// `[apps]`: which ChatGPT connectors (apps reached through the `codex_apps` gateway) and which of their
/// tools the model gets, and how their calls are approved (`_default` for every app, then per connector id).
public struct AppsConfig: Sendable, Equatable {
    /// The settings of `[apps._default]` or `[apps.<connector id>]`; nil fields fall back.
    public struct App: Sendable, Equatable {
        public var enabled: Bool?
        /// `false` drops every tool whose annotations do not say `destructiveHint: false`.
        public var destructiveEnabled: Bool?
        /// `false` drops every tool whose annotations do not say `openWorldHint: false`.
        public var openWorldEnabled: Bool?
        /// Whether tools without their own `enabled` are offered (per connector only).
        public var defaultToolsEnabled: Bool?
        public var defaultToolsApprovalMode: McpToolApprovalMode?
        /// `tools.<raw tool name>`.
        public var tools: [String: Tool] = [:]

        public init() {}
    }

    /// `[apps.<connector id>.tools.<raw tool name>]`.
    public struct Tool: Sendable, Equatable {
        public var enabled: Bool?
        public var approvalMode: McpToolApprovalMode?

        public init(enabled: Bool? = nil, approvalMode: McpToolApprovalMode? = nil) {
            self.enabled = enabled
            self.approvalMode = approvalMode
        }
    }

    /// `[apps._default]`.
    public var defaults = App()
    /// `[apps.<connector id>]`.
    public var apps: [String: App] = [:]

    public init() {}

    /// Whether the connector is enabled (its own `enabled`, else `_default.enabled`, else on).
    public func isEnabled(_ connectorID: String) -> Bool {
        apps[connectorID]?.enabled ?? defaults.enabled ?? true
    }

    /// Whether the connector's raw tool `tool` with MCP `annotations` (`destructiveHint`, `openWorldHint`, a
    /// JSON object or nil) is offered; a missing hint counts as destructive / open-world.
    public func isToolEnabled(
        connectorID: String, tool: String, destructiveHint: Bool?, openWorldHint: Bool?
    ) -> Bool {
        guard isEnabled(connectorID) else { return false }
        let app = apps[connectorID]
        if let explicit = app?.tools[tool]?.enabled { return explicit }
        if app?.defaultToolsEnabled == false { return false }
        if (app?.destructiveEnabled ?? defaults.destructiveEnabled ?? true) == false, destructiveHint != false { return false }
        if (app?.openWorldEnabled ?? defaults.openWorldEnabled ?? true) == false, openWorldHint != false { return false }
        return true
    }

    /// The approval mode of a connector tool: the tool's, else the connector's default, else `_default`'s.
    public func approvalMode(connectorID: String, tool: String) -> McpToolApprovalMode? {
        let app = apps[connectorID]
        return app?.tools[tool]?.approvalMode ?? app?.defaultToolsApprovalMode ?? defaults.defaultToolsApprovalMode
    }
}
