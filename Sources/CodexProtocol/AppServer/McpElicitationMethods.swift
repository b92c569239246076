// Server -> client requests for MCP tool-call approvals and MCP servers' elicitations, and the
// `request_user_input` fallback (spec mcp-client §6).

extension AppServerV2 {
    /// How an elicitation asks: a form to fill in, or a URL to open.
    public enum McpServerElicitationMode: String, AppServerType, WireStringEnum {
        case form
        case url
    }

    /// Params of `mcpServer/elicitation/request`: the reference's flattened union of the form shape
    /// (`requestedSchema`) and the url shape (`url`, `elicitationId`); the other shape's fields are left out.
    @PublicMemberwiseInit
    public struct McpServerElicitationRequestParams: AppServerType {
        public var threadId: String
        /// The turn the elicitation arrived in, when one could be correlated.
        public var turnId: String?
        public var serverName: String
        public var mode: McpServerElicitationMode
        /// Codex's own hints (`codex_approval_kind`, `persist`, `tool_params`, ...); null for a server's own request.
        public var _meta: JSONValue?
        public var message: String
        /// The form's JSON Schema (form mode).
        @OmitWhenNil public var requestedSchema: JSONValue?
        /// The page to open (url mode).
        @OmitWhenNil public var url: String?
        @OmitWhenNil public var elicitationId: String?

        /// Written by hand: the reference describes the two shapes as alternatives (which the declaration's
        /// optional members cannot say).
        public static var schema: SchemaNode {
            let common = [
                SchemaProperty("threadId", .string, required: true), SchemaProperty("turnId", .nullable(.string)),
                SchemaProperty("serverName", .string, required: true),
            ]
            return .oneOf([
                .object(
                    common + [
                        SchemaProperty("mode", .stringEnum(["form"]), required: true), SchemaProperty("_meta", .any),
                        SchemaProperty("message", .string, required: true),
                        SchemaProperty("requestedSchema", .any, required: true),
                    ]),
                .object(
                    common + [
                        SchemaProperty("mode", .stringEnum(["url"]), required: true), SchemaProperty("_meta", .any),
                        SchemaProperty("message", .string, required: true), SchemaProperty("url", .string, required: true),
                        SchemaProperty("elicitationId", .string, required: true),
                    ]),
            ])
        }
    }

    /// The user's answer to an elicitation.
    public enum McpServerElicitationAction: String, AppServerType, WireStringEnum {
        case accept
        case decline
        case cancel
    }

    /// Result of `mcpServer/elicitation/request` (mirrors MCP's `ElicitResult`).
    @PublicMemberwiseInit
    public struct McpServerElicitationRequestResponse: AppServerType {
        public var action: McpServerElicitationAction
        /// What the user filled in (accept only).
        @OmitWhenNil public var content: JSONValue?
        /// Client hints; for a tool-call approval, `persist: "session" | "always"`.
        @OmitWhenNil public var _meta: JSONValue?
    }

    /// One choice of a `request_user_input` question.
    @PublicMemberwiseInit
    public struct ToolRequestUserInputOption: AppServerType {
        public var label: String
        public var description: String
    }

    /// One question of `item/tool/requestUserInput`.
    @PublicMemberwiseInit
    public struct ToolRequestUserInputQuestion: AppServerType {
        public var id: String
        public var header: String
        public var question: String
        @DefaultWhenAbsent public var isOther: Bool = false
        @DefaultWhenAbsent public var isSecret: Bool = false
        public var options: [ToolRequestUserInputOption]?
    }

    /// Params of `item/tool/requestUserInput`.
    @PublicMemberwiseInit
    public struct ToolRequestUserInputParams: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var questions: [ToolRequestUserInputQuestion]
        public var isBlocking: Bool
        /// Deprecated by the reference (`isBlocking` replaces it); always null here.
        public var autoResolutionMs: Int64?
    }

    /// The chosen labels (or typed text) of one question.
    @PublicMemberwiseInit
    public struct ToolRequestUserInputAnswer: AppServerType {
        public var answers: [String]
    }

    /// Result of `item/tool/requestUserInput`: answers by question id.
    @PublicMemberwiseInit
    public struct ToolRequestUserInputResponse: AppServerType {
        public var answers: [String: ToolRequestUserInputAnswer]
    }
}
