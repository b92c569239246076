public import CodexProtocol

/// Tools that come from outside the core (MCP servers, plugged in by the front ends): the core offers their
/// specs to the model and routes the calls it cannot answer itself, without knowing how they are served.
public protocol ExternalToolProvider: Sendable {
    /// The tool definitions to add after the built-in ones for this thread's next model request (may wait a
    /// short while for tools still starting).
    func toolSpecs(threadID: String) async -> [JSONValue]
    /// Which of this provider's tools a model call names; nil when none (the call is then unsupported).
    func resolve(namespace: String?, name: String, threadID: String) async -> ExternalToolTarget?
    /// Runs one call to completion; failures are part of the outcome, never thrown.
    func call(_ request: ExternalToolCallRequest) async -> ExternalToolCallOutcome
}

/// One tool of an external provider, as the user and the items name it, with what the approval rules read.
public struct ExternalToolTarget: Sendable, Hashable {
    /// The provider's own name for where the tool lives (an MCP server name).
    public var server: String
    /// The tool's raw name at that server.
    public var tool: String
    /// What decides whether a call needs the user's approval.
    public var approval: ExternalToolApprovalTraits
    /// The tool's description and title as its provider gave them (shown when asking).
    public var description: String?
    public var title: String?
    /// The app (ChatGPT connector) the tool belongs to, when the provider knows one.
    public var connector: ExternalToolConnector?

    public init(
        server: String, tool: String, approval: ExternalToolApprovalTraits = ExternalToolApprovalTraits(),
        description: String? = nil, title: String? = nil, connector: ExternalToolConnector? = nil
    ) {
        self.server = server
        self.tool = tool
        self.approval = approval
        self.description = description
        self.title = title
        self.connector = connector
    }
}

/// The app (ChatGPT connector) behind an external tool: its id and display name.
public struct ExternalToolConnector: Sendable, Hashable {
    public var id: String
    public var name: String?

    public init(id: String, name: String?) {
        self.id = id
        self.name = name
    }
}

/// What the core decided about running a call (spec mcp-client §6.1–§6.2): the provider runs a granted call
/// and reports a refused one, in its own words, without running it.
public enum ExternalToolCallApproval: Sendable, Hashable {
    /// Needs no approval, or the user approved it.
    case granted
    /// It needs approval and the approval policy is `never`.
    case refusedByPolicy
    /// The user declined (or the answer could not be read).
    case rejectedByUser
    /// The user cancelled; the turn goes on.
    case cancelledByUser
}

/// A call routed to an external provider.
public struct ExternalToolCallRequest: Sendable, Hashable {
    public var target: ExternalToolTarget
    /// The parsed arguments; nil when the model sent none.
    public var arguments: JSONValue?
    /// The model's `call_id`.
    public var callID: String
    public var threadID: String
    public var turnID: String
    /// Whether the call may run (the core asked the user when it had to).
    public var approval: ExternalToolCallApproval

    public init(
        target: ExternalToolTarget, arguments: JSONValue?, callID: String, threadID: String, turnID: String,
        approval: ExternalToolCallApproval = .granted
    ) {
        self.target = target
        self.arguments = arguments
        self.callID = callID
        self.threadID = threadID
        self.turnID = turnID
        self.approval = approval
    }
}

/// How an external call ended: what the model sees and what the item reports.
public struct ExternalToolCallOutcome: Sendable, Hashable {
    /// The model's output as text (used when `modelContentItems` is nil, and for display).
    public var modelOutput: String
    /// The model's output as content parts (`input_text`, `input_image`), when it is an array.
    public var modelContentItems: [JSONValue]?
    /// The tool's result for the item (`{content, structuredContent, _meta}`); nil when the call failed
    /// before producing one.
    public var result: JSONValue?
    /// Why the call failed (transport, protocol, timeout); nil when a result came back.
    public var errorMessage: String?
    /// The tool reported an error in its own result (the item then ends failed, with the result).
    public var isError: Bool

    public init(
        modelOutput: String, modelContentItems: [JSONValue]? = nil, result: JSONValue? = nil, errorMessage: String? = nil,
        isError: Bool = false
    ) {
        self.modelOutput = modelOutput
        self.modelContentItems = modelContentItems
        self.result = result
        self.errorMessage = errorMessage
        self.isError = isError
    }
}

/// A call to an external provider's tool (an MCP tool call), as items report it.
public struct ExternalToolCallItem: Sendable, Hashable {
    /// The model's `call_id`.
    public var id: String
    public var server: String
    public var tool: String
    public var status: ItemStatus
    /// The call's arguments; nil when none were sent.
    public var arguments: JSONValue?
    /// `{content, structuredContent, _meta}`; nil while running or when the call failed without a result.
    public var result: JSONValue?
    public var errorMessage: String?
    public var durationMs: Int64?
    /// The tool's `readOnlyHint`, when it declared one.
    public var readOnlyHint: Bool?
    /// The app the tool belongs to (connector tools).
    public var connector: ExternalToolConnector?

    public init(
        id: String, server: String, tool: String, status: ItemStatus, arguments: JSONValue?, result: JSONValue? = nil,
        errorMessage: String? = nil, durationMs: Int64? = nil, readOnlyHint: Bool? = nil
    ) {
        self.readOnlyHint = readOnlyHint
        self.id = id
        self.server = server
        self.tool = tool
        self.status = status
        self.arguments = arguments
        self.result = result
        self.errorMessage = errorMessage
        self.durationMs = durationMs
    }
}
