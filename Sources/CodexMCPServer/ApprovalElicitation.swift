import CodexCore
import CodexProtocol

/// An exec or patch approval as the MCP `elicitation/create` request upstream sends (a form elicitation plus
/// Codex's correlation fields at the top level of `params`), and the client's answer as a core decision.
enum ApprovalElicitation {
    static let method = "elicitation/create"

    /// The decisions a client may put in `content.decision` (or, upstream's way, in `decision`).
    static let decisions = ["approved", "approved_for_session", "denied", "abort"]

    /// The form: one optional `decision`; a plain accept means "approved".
    static let requestedSchema: JSONValue = [
        "type": "object",
        "properties": [
            "decision": [
                "type": "string", "enum": .array(decisions.map(JSONValue.string)),
                "description": "approved, approved_for_session, denied or abort; accepting without one approves once.",
            ]
        ],
    ]

    /// `params` of the elicitation for `request`, asked during tool call `toolCallID` on `threadID`.
    static func params(for request: ApprovalRequest, threadID: String, toolCallID: String, eventID: String) -> JSONValue {
        var params = JSONObject()
        switch request.kind {
        case .command(let command, _):
            params["message"] = .string("Allow Codex to run `\(command.displayCommand)` in `\(command.cwd)`?")
            params["requestedSchema"] = requestedSchema
            params["threadId"] = .string(threadID)
            params["codex_elicitation"] = "exec-approval"
            params["codex_mcp_tool_call_id"] = .string(toolCallID)
            params["codex_event_id"] = .string(eventID)
            params["codex_call_id"] = .string(command.id)
            params["codex_command"] = .array(command.command.map(JSONValue.string))
            params["codex_cwd"] = .string(command.cwd)
            params["codex_parsed_cmd"] = CoreEventMessage.parsedCommands(command.parsedCommands)
        case .fileChange(let change, let reason, let grantRoot):
            let question = "Allow Codex to apply proposed code changes?"
            params["message"] = .string(reason.map { "\($0)\n\(question)" } ?? question)
            params["requestedSchema"] = requestedSchema
            params["threadId"] = .string(threadID)
            params["codex_elicitation"] = "patch-approval"
            params["codex_mcp_tool_call_id"] = .string(toolCallID)
            params["codex_event_id"] = .string(eventID)
            params["codex_call_id"] = .string(change.id)
            if let reason { params["codex_reason"] = .string(reason) }
            params["codex_changes"] = CoreEventMessage.changes(change.changes)
            if let grantRoot { params["codex_grant_root"] = .string(grantRoot) }
        case .externalToolCall(let prompt):
            // Not reached today: mcp-server threads have no MCP servers of their own.
            params["message"] = .string("Allow the \(prompt.target.server) MCP server to run tool \"\(prompt.target.tool)\"?")
            params["requestedSchema"] = requestedSchema
            params["threadId"] = .string(threadID)
            params["codex_elicitation"] = "mcp-tool-call-approval"
            params["codex_mcp_tool_call_id"] = .string(toolCallID)
            params["codex_event_id"] = .string(eventID)
            params["codex_call_id"] = .string(request.approvalID)
        }
        return .object(params)
    }

    /// The core decision for the client's answer: upstream's `{"decision": ...}`, or a standard elicitation
    /// result (`accept` approves, or applies `content.decision`; `decline` denies; `cancel` aborts the turn).
    /// An error, a closed connection or an answer that does not parse is a denial.
    static func decision(from answer: PendingRequests.Answer) -> ReviewDecision {
        guard case .success(let result) = answer else { return .denied }
        if let decision = result["decision"] { return parse(decision) ?? .denied }
        switch result["action"]?.stringValue {
        case "accept":
            guard let decision = result["content"]?["decision"] else { return .approved }
            return parse(decision) ?? .denied
        case "cancel":
            return .abort
        default:
            return .denied
        }
    }

    private static func parse(_ decision: JSONValue) -> ReviewDecision? {
        switch decision.stringValue {
        case "approved": return .approved
        case "approved_for_session": return .approvedForSession
        case "denied", "timed_out": return .denied
        case "abort": return .abort
        default: return nil
        }
    }
}
