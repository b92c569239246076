public import CodexProtocol

/// A tool call the model made.
public struct ToolCall: Sendable, Hashable {
    /// How the call's payload arrived.
    public enum Payload: Sendable, Hashable {
        /// A `function_call` with a JSON arguments string.
        case function(arguments: String)
        /// A `custom_tool_call` with freeform input.
        case custom(input: String)
    }

    public var callID: String
    /// The `namespace` of a `function_call` that named one (external tools).
    public var namespace: String?
    public var name: String
    public var payload: Payload

    public init(callID: String, namespace: String? = nil, name: String, payload: Payload) {
        self.callID = callID
        self.namespace = namespace
        self.name = name
        self.payload = payload
    }

    /// The history item carrying `output` back to the model, matching the call's kind.
    public func outputItem(_ output: String) -> ResponseItem {
        switch payload {
        case .function: return .functionCallOutput(FunctionCallOutputItem(callID: callID, output: output))
        case .custom: return .customToolCallOutput(CustomToolCallOutputItem(callID: callID, output: output))
        }
    }

    /// The history item carrying a tool's result back to the model (content parts when it has them).
    public func outputItem(_ result: ToolResult) -> ResponseItem {
        switch payload {
        case .function:
            return .functionCallOutput(
                FunctionCallOutputItem(callID: callID, output: result.output, contentItems: result.contentItems))
        case .custom:
            return .customToolCallOutput(CustomToolCallOutputItem(callID: callID, output: result.output))
        }
    }
}

/// What a tool gives back.
public struct ToolResult: Sendable, Hashable {
    /// The text the model sees.
    public var output: String
    /// True when the user chose to abort: the turn ends as interrupted.
    public var abortTurn: Bool
    /// The output as content parts (`input_text`, `input_image`), for tools whose output is an array.
    public var contentItems: [JSONValue]?

    public init(output: String, abortTurn: Bool = false, contentItems: [JSONValue]? = nil) {
        self.output = output
        self.abortTurn = abortTurn
        self.contentItems = contentItems
    }
}

/// What a tool may use while it runs: the turn's settings, the event stream, the approval round trip.
public struct ToolCallContext: Sendable {
    public var threadID: String
    public var turnID: String
    public var settings: ThreadSettings
    /// Reports an event to the thread's consumers.
    public var emit: @Sendable (AgentEvent) async -> Void
    /// Asks the user and waits for the decision (cancellation counts as abort).
    public var requestApproval: @Sendable (ApprovalRequest) async -> ReviewDecision
    /// Whether the user already approved this exact command for the session.
    public var isApprovedForSession: @Sendable ([String]) async -> Bool
    /// Remembers a command approved for the session.
    public var approveForSession: @Sendable ([String]) async -> Void
    /// The exec-policy rules, and where an "always allow" answer is remembered.
    public var execPolicy: ExecPolicyManager
    /// Whether the user approved this external tool (server, tool) for the session.
    public var isExternalToolApprovedForSession: @Sendable (String, String) async -> Bool
    /// Remembers an external tool (server, tool) approved for the session.
    public var approveExternalToolForSession: @Sendable (String, String) async -> Void

    public init(
        threadID: String, turnID: String, settings: ThreadSettings, emit: @escaping @Sendable (AgentEvent) async -> Void,
        requestApproval: @escaping @Sendable (ApprovalRequest) async -> ReviewDecision,
        isApprovedForSession: @escaping @Sendable ([String]) async -> Bool,
        approveForSession: @escaping @Sendable ([String]) async -> Void,
        execPolicy: ExecPolicyManager = ExecPolicyManager(codexHome: nil),
        isExternalToolApprovedForSession: @escaping @Sendable (String, String) async -> Bool = { _, _ in false },
        approveExternalToolForSession: @escaping @Sendable (String, String) async -> Void = { _, _ in }
    ) {
        self.execPolicy = execPolicy
        self.isExternalToolApprovedForSession = isExternalToolApprovedForSession
        self.approveExternalToolForSession = approveExternalToolForSession
        self.threadID = threadID
        self.turnID = turnID
        self.settings = settings
        self.emit = emit
        self.requestApproval = requestApproval
        self.isApprovedForSession = isApprovedForSession
        self.approveForSession = approveForSession
    }
}

/// The port through which the turn loop runs tools; `ToolRouter` is the real one.
public protocol ToolExecuting: Sendable {
    /// The tool definitions to offer the model for these settings.
    func toolSpecs(for settings: ThreadSettings) -> [JSONValue]
    /// Runs one call to completion (never throws: failures become output text for the model).
    func execute(_ call: ToolCall, context: ToolCallContext) async -> ToolResult
    /// Ends whatever the thread's tools keep running between calls (exec sessions): called when a
    /// turn is interrupted and when the thread shuts down.
    func endBackgroundWork(threadID: String) async
    /// The tool definitions for a thread's next model request: `toolSpecs(for:)` plus any external tools.
    func modelToolSpecs(threadID: String, settings: ThreadSettings) async -> [JSONValue]
}

extension ToolExecuting {
    /// Tools that keep nothing running between calls have nothing to end.
    public func endBackgroundWork(threadID: String) async {}

    /// Without external tools, the built-in definitions.
    public func modelToolSpecs(threadID: String, settings: ThreadSettings) async -> [JSONValue] {
        toolSpecs(for: settings)
    }
}
