// Items inside a turn (tagged by `type`).

extension AppServerV2 {
    /// What a shell command does, as parsed for display.
    public enum CommandAction: AppServerType, TaggedWireUnion {
        case read(command: String, name: String, path: String)
        case listFiles(command: String, path: String?)
        case search(command: String, query: String?, path: String?)
        case unknown(command: String)

        public enum CodingKeys: CodingKey, CaseIterable { case read, listFiles, search, unknown }
    }

    /// Kind of a file change.
    public enum PatchChangeKind: AppServerType, TaggedWireUnion {
        case add
        case delete
        case update(movePath: String?)

        public enum CodingKeys: CodingKey, CaseIterable { case add, delete, update }
        enum UpdateCodingKeys: String, CodingKey { case movePath = "move_path" }
    }

    /// One file touched by a patch.
    @PublicMemberwiseInit
    public struct FileUpdateChange: AppServerType {
        public var path: String
        public var kind: PatchChangeKind
        public var diff: String
    }

    /// One item of a turn; kinds this build does not model are kept verbatim.
    public enum ThreadItem: AppServerType, OpenTaggedWireUnion {
        case userMessage(id: String, content: [UserInput], clientId: String?)
        case agentMessage(id: String, text: String)
        case reasoning(id: String, summary: [String], content: [String])
        case commandExecution(CommandExecutionItem)
        case fileChange(id: String, changes: [FileUpdateChange], status: PatchApplyStatus)
        /// The thread's history was compacted.
        case contextCompaction(id: String)
        case mcpToolCall(McpToolCallItem)
        /// A code review began; `review` is the hint people see (e.g. `current changes`).
        case enteredReviewMode(id: String, review: String)
        /// A code review ended; `review` is the plain-text review.
        case exitedReviewMode(id: String, review: String)
        /// A web search the model's provider ran.
        case webSearch(WebSearchItem)
        /// A local image `view_image` gave the model (`id` is the tool's call id).
        case imageView(id: String, path: String)
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        public enum CodingKeys: CodingKey, CaseIterable {
            case userMessage, agentMessage, reasoning, commandExecution, fileChange, contextCompaction, mcpToolCall
            case enteredReviewMode, exitedReviewMode, webSearch, imageView, unknown
        }

        /// `clientId` is left out when nil; `summary` and `content` of reasoning may be absent.
        public static var omitsNilMembers: Bool { true }
        public static var absentMemberDefaults: [String: [String: JSONValue]] {
            ["reasoning": ["summary": [], "content": []]]
        }

        public init(unknownVariant raw: JSONValue) { self = .unknown(raw) }

        public var unknownVariantPayload: JSONValue? {
            if case .unknown(let raw) = self { return raw }
            return nil
        }
    }

    /// A shell command the agent ran.
    @PublicMemberwiseInit
    public struct CommandExecutionItem: Codable, Sendable, Hashable {
        public var id: String
        public var command: String
        public var cwd: String
        public var processId: String?
        public var status: CommandExecutionStatus
        public var commandActions: [CommandAction]
        public var aggregatedOutput: String?
        public var exitCode: Int32?
        public var durationMs: Int64?
        @DefaultWhenAbsent public var source: CommandExecutionSource = .agent
    }

    /// Lifecycle state of a command execution item.
    public enum CommandExecutionStatus: String, AppServerType, WireStringEnum {
        case inProgress
        case completed
        case failed
        case declined
    }

    /// What started a command execution.
    public enum CommandExecutionSource: String, AppServerType, WireStringEnum, WireDefaultValue {
        case agent
        case userShell
        case unifiedExecStartup
        case unifiedExecInteraction

        public static var wireDefault: Self { .agent }
    }

    /// A call to an MCP server's tool (`server` and `tool` are raw names; `id` is the model's call id).
    @PublicMemberwiseInit
    public struct McpToolCallItem: Codable, Sendable, Hashable {
        public var id: String
        public var server: String
        public var tool: String
        public var status: McpToolCallStatus
        /// The call's arguments (null when none were sent).
        public var arguments: JSONValue
        public var result: McpToolCallResult?
        public var error: McpToolCallError?
        /// The duration of the MCP tool call in milliseconds (null while it runs).
        public var durationMs: Int64?
        public var readOnlyHint: Bool?
        public var mcpAppResourceUri: String?
        public var pluginId: String?
        /// The app (ChatGPT connector) of a `codex_apps` tool; left out otherwise.
        @OmitWhenNil public var appContext: McpToolCallAppContext?
    }

    /// The app behind an MCP tool call of the connectors gateway.
    @PublicMemberwiseInit
    public struct McpToolCallAppContext: AppServerType {
        public var connectorId: String
        public var appName: String?
        public var linkId: String?
        public var resourceUri: String?
        public var actionName: String?
    }

    /// A web search the model's provider ran (`id` is the provider's item id).
    @PublicMemberwiseInit
    public struct WebSearchItem: Codable, Sendable, Hashable {
        public var id: String
        /// The search in one line: the query, the page URL, or `'pattern' in url`.
        public var query: String
        public var action: WebSearchAction?
        /// Results a standalone web search returns out of band (null for the provider's tool).
        public var results: [JSONValue]?
    }

    /// What a web search did.
    public enum WebSearchAction: AppServerType, TaggedWireUnion {
        case search(query: String?, queries: [String]?)
        case openPage(url: String?)
        case findInPage(url: String?, pattern: String?)
        case other

        public enum CodingKeys: CodingKey, CaseIterable { case search, openPage, findInPage, other }
    }

    /// Lifecycle state of an MCP tool call item.
    public enum McpToolCallStatus: String, AppServerType, WireStringEnum {
        case inProgress
        case completed
        case failed
    }

    /// What an MCP tool returned: its content blocks, structured content and `_meta`.
    @PublicMemberwiseInit
    public struct McpToolCallResult: AppServerType {
        public var content: [JSONValue]
        public var structuredContent: JSONValue?
        public var _meta: JSONValue?
    }

    /// Why an MCP tool call failed without a result.
    @PublicMemberwiseInit
    public struct McpToolCallError: AppServerType {
        public var message: String
    }

    /// Lifecycle state of a file change item.
    public enum PatchApplyStatus: String, AppServerType, WireStringEnum {
        case inProgress
        case completed
        case failed
        case declined
    }
}
