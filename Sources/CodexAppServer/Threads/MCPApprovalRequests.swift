import CodexConfig
import CodexCore
import CodexProtocol

/// The app-server's words for MCP approvals and elicitations (spec mcp-client §6.2–§6.4): the
/// `mcpServer/elicitation/request` for a tool call needing approval, its `item/tool/requestUserInput`
/// fallback (feature `tool_call_mcp_elicitation` off), an MCP server's own `elicitation/create` forwarded, and
/// how each answer reads.
enum MCPApprovalRequests {
    /// The feature that chooses the elicitation over the `request_user_input` fallback (on unless disabled).
    static let elicitationFeature = "tool_call_mcp_elicitation"

    /// What a tool-call approval answer means for the call, and whether to write `approval_mode = "approve"`.
    struct ToolCallAnswer: Sendable, Hashable {
        var decision: ReviewDecision
        var rememberAlways: Bool = false
    }

    /// `Allow the <server> MCP server to run tool "<tool>"?`
    static func question(_ prompt: ExternalToolApprovalPrompt) -> String {
        "Allow the \(prompt.target.server) MCP server to run tool \"\(prompt.target.tool)\"?"
    }

    /// The approval asked as an elicitation: an empty form, the question, and Codex's hints in `_meta`.
    static func elicitationParams(threadID: String, turnID: String, prompt: ExternalToolApprovalPrompt)
        -> AppServerV2.McpServerElicitationRequestParams
    {
        var meta = JSONObject([("codex_approval_kind", "mcp_tool_call")])
        if prompt.offersRemembering { meta["persist"] = ["session", "always"] }
        if let title = prompt.target.title { meta["tool_title"] = .string(title) }
        if let description = prompt.target.description { meta["tool_description"] = .string(description) }
        if let arguments = prompt.arguments {
            meta["tool_params"] = arguments
            meta["tool_params_display"] = .array(paramsDisplay(arguments))
        }
        return AppServerV2.McpServerElicitationRequestParams(
            threadId: threadID, turnId: turnID, serverName: prompt.target.server, mode: .form, _meta: .object(meta),
            message: question(prompt), requestedSchema: ["type": "object", "properties": .object(JSONObject())])
    }

    /// `[{name, value, display_name}]` for each argument, by name.
    static func paramsDisplay(_ arguments: JSONValue) -> [JSONValue] {
        guard case .object(let object) = arguments else { return [] }
        return object.keys.sorted().map { name in
            ["name": .string(name), "value": object[name] ?? .null, "display_name": .string(name)]
        }
    }

    /// accept (with `_meta.persist` `session` or `always`), decline, cancel; an error reply or an answer that
    /// cannot be read is a decline.
    static func toolCallAnswer(elicitationReply reply: Result<JSONValue, JSONRPCErrorObject>) -> ToolCallAnswer {
        guard case .success(let result) = reply,
            let response = try? AppServerV2.McpServerElicitationRequestResponse.decoded(from: result)
        else { return ToolCallAnswer(decision: .denied) }
        switch response.action {
        case .accept:
            switch response._meta?["persist"]?.stringValue {
            case "session": return ToolCallAnswer(decision: .approvedForSession)
            case "always": return ToolCallAnswer(decision: .approvedForSession, rememberAlways: true)
            default: return ToolCallAnswer(decision: .approved)
            }
        case .decline: return ToolCallAnswer(decision: .denied)
        case .cancel: return ToolCallAnswer(decision: .abort)
        }
    }

    static let allowLabel = "Allow"
    static let allowForSessionLabel = "Allow for this session"
    static let cancelLabel = "Cancel"

    /// The approval asked as one `request_user_input` question (the fallback of §6.4).
    static func userInputParams(threadID: String, turnID: String, callID: String, prompt: ExternalToolApprovalPrompt)
        -> AppServerV2.ToolRequestUserInputParams
    {
        var options = [AppServerV2.ToolRequestUserInputOption(label: allowLabel, description: "Run the tool and continue.")]
        if prompt.offersRemembering {
            options.append(.init(label: allowForSessionLabel, description: "Run the tool and remember this choice for this session."))
        }
        options.append(.init(label: cancelLabel, description: "Cancel this tool call."))
        let question = AppServerV2.ToolRequestUserInputQuestion(
            id: questionID(callID: callID), header: "Approve app tool call?", question: question(prompt), isOther: false,
            isSecret: false, options: options)
        return AppServerV2.ToolRequestUserInputParams(
            threadId: threadID, turnId: turnID, itemId: callID, questions: [question], isBlocking: true, autoResolutionMs: nil)
    }

    static func questionID(callID: String) -> String { "mcp_tool_call_approval_\(callID)" }

    /// "Allow" runs once, "Allow for this session" remembers; anything else (Cancel, another answer, none)
    /// cancels the call, as the reference does.
    static func toolCallAnswer(userInputReply reply: Result<JSONValue, JSONRPCErrorObject>, callID: String) -> ToolCallAnswer {
        guard case .success(let result) = reply,
            let response = try? AppServerV2.ToolRequestUserInputResponse.decoded(from: result),
            let answers = response.answers[questionID(callID: callID)]?.answers
        else { return ToolCallAnswer(decision: .abort) }
        if answers.contains(allowForSessionLabel) { return ToolCallAnswer(decision: .approvedForSession) }
        if answers.contains(allowLabel) { return ToolCallAnswer(decision: .approved) }
        return ToolCallAnswer(decision: .abort)
    }

    /// An MCP server's `elicitation/create` params as the client's request: `form` with the server's schema, or
    /// `url` with its page and id; `_meta` null. Nil when the params are not an elicitation (no message).
    static func serverElicitationParams(threadID: String, turnID: String?, server: String, params: JSONValue)
        -> AppServerV2.McpServerElicitationRequestParams?
    {
        guard let message = params["message"]?.stringValue else { return nil }
        if params["mode"]?.stringValue == "url" {
            guard let url = params["url"]?.stringValue, let id = params["elicitationId"]?.stringValue else { return nil }
            return AppServerV2.McpServerElicitationRequestParams(
                threadId: threadID, turnId: turnID, serverName: server, mode: .url, _meta: nil, message: message, url: url,
                elicitationId: id)
        }
        return AppServerV2.McpServerElicitationRequestParams(
            threadId: threadID, turnId: turnID, serverName: server, mode: .form, _meta: nil, message: message,
            requestedSchema: params["requestedSchema"] ?? ["type": "object", "properties": .object(JSONObject())])
    }

    /// The client's answer as the MCP `ElicitResult` (`{action, content?}`); an error or unreadable answer
    /// declines.
    static func elicitResult(_ reply: Result<JSONValue, JSONRPCErrorObject>) -> JSONValue {
        guard case .success(let result) = reply,
            let response = try? AppServerV2.McpServerElicitationRequestResponse.decoded(from: result)
        else { return ["action": "decline"] }
        var answer = JSONObject([("action", .string(response.action.rawValue))])
        if response.action == .accept, let content = response.content, !content.isNull { answer["content"] = content }
        return .object(answer)
    }
}
