import CodexCore
import CodexProtocol
import FoundationEssentials

/// The `msg` of a `codex/event` notification: a core event in the core protocol's shape (`EventMsg`,
/// tagged by a snake_case `type`), made from what the thread reports.
enum CoreEventMessage {
    /// `session_configured`, sent first for a new or resumed thread.
    static func sessionConfigured(threadID: String, settings: ThreadSettings, rolloutPath: String?) -> JSONValue {
        let context = settings.turnContextRecord(turnID: nil)
        return [
            "type": "session_configured", "session_id": .string(threadID), "model": .string(settings.model),
            "model_provider_id": .string(settings.modelProvider), "approval_policy": .string(context.approvalPolicy),
            "sandbox_policy": context.sandboxPolicy, "cwd": .string(settings.cwd),
            "reasoning_effort": settings.reasoningEffort.map(JSONValue.string) ?? .null, "history_log_id": 0,
            "history_entry_count": 0, "rollout_path": rolloutPath.map(JSONValue.string) ?? .null,
        ]
    }

    /// The core event for one thread event; nil for those the core protocol has no event for.
    static func message(for event: AgentEvent) -> JSONValue? {
        switch event {
        case .turnStarted(let turnID):
            return ["type": "task_started", "turn_id": .string(turnID), "model_context_window": .null]
        case .itemStarted(let turnID, let item):
            return started(item, turnID: turnID)
        case .itemCompleted(let turnID, let item):
            return completed(item, turnID: turnID)
        case .agentMessageDelta(_, _, let delta):
            return ["type": "agent_message_delta", "delta": .string(delta)]
        case .reasoningSummaryDelta(_, _, let delta, _):
            return ["type": "agent_reasoning_delta", "delta": .string(delta)]
        case .reasoningContentDelta(_, _, let delta, _):
            return ["type": "agent_reasoning_raw_content_delta", "delta": .string(delta)]
        case .commandOutputDelta(_, let itemID, let delta):
            return [
                "type": "exec_command_output_delta", "call_id": .string(itemID), "stream": "stdout",
                "chunk": .string(Data(delta.utf8).base64EncodedString()),
            ]
        case .terminalInteraction(_, let itemID, let processID, let stdin):
            return [
                "type": "terminal_interaction", "call_id": .string(itemID), "process_id": .string(processID),
                "stdin": .string(stdin),
            ]
        case .approvalRequested(let request):
            return approvalRequest(request)
        case .planUpdated(_, let explanation, let plan):
            let steps = plan.map { step -> JSONValue in ["step": .string(step.step), "status": .string(step.status.rawValue)] }
            return ["type": "plan_update", "explanation": explanation.map(JSONValue.string) ?? .null, "plan": .array(steps)]
        case .turnDiffUpdated(_, let diff):
            return ["type": "turn_diff", "unified_diff": .string(diff)]
        case .tokenUsageUpdated(_, let usage):
            return ["type": "token_count", "info": usage.rolloutJSON, "rate_limits": .null]
        case .rateLimitsUpdated:
            return nil
        case .streamError(_, let message, let willRetry):
            return willRetry
                ? ["type": "stream_error", "message": .string(message)] : ["type": "error", "message": .string(message)]
        case .warning(let message):
            return ["type": "warning", "message": .string(message)]
        case .turnCompleted(let turnID, let outcome):
            switch outcome {
            case .completed(let last):
                return [
                    "type": "task_complete", "turn_id": .string(turnID),
                    "last_agent_message": last.map(JSONValue.string) ?? .null,
                ]
            case .interrupted:
                return ["type": "turn_aborted", "turn_id": .string(turnID), "reason": "interrupted"]
            case .failed(let message):
                return ["type": "error", "message": .string(message)]
            }
        case .reasoningSummaryPartAdded, .approvalResolved:
            return nil
        }
    }

    private static func started(_ item: ThreadItem, turnID: String) -> JSONValue? {
        switch item {
        case .commandExecution(let command):
            return [
                "type": "exec_command_begin", "call_id": .string(command.id), "turn_id": .string(turnID),
                "command": .array(command.command.map(JSONValue.string)), "cwd": .string(command.cwd),
                "parsed_cmd": parsedCommands(command.parsedCommands),
            ]
        case .fileChange(let change):
            return [
                "type": "patch_apply_begin", "call_id": .string(change.id), "turn_id": .string(turnID),
                "auto_approved": false, "changes": changes(change.changes),
            ]
        case .externalToolCall(let call):
            return [
                "type": "mcp_tool_call_begin", "call_id": .string(call.id), "turn_id": .string(turnID),
                "invocation": mcpInvocation(call),
            ]
        case .webSearch(let search):
            return ["type": "web_search_begin", "call_id": .string(search.id)]
        case .userMessage, .agentMessage, .reasoning, .notice, .contextCompaction, .enteredReviewMode,
            .exitedReviewMode, .imageView:
            return nil
        }
    }

    private static func mcpInvocation(_ call: ExternalToolCallItem) -> JSONValue {
        ["server": .string(call.server), "tool": .string(call.tool), "arguments": call.arguments ?? .null]
    }

    private static func completed(_ item: ThreadItem, turnID: String) -> JSONValue? {
        switch item {
        case .userMessage(_, let content):
            let text = content.compactMap { input -> String? in
                if case .text(let text) = input { return text }
                return nil
            }
            return ["type": "user_message", "message": .string(text.joined(separator: "\n")), "images": []]
        case .agentMessage(_, let text):
            return ["type": "agent_message", "message": .string(text)]
        case .reasoning(_, let summary, _):
            return ["type": "agent_reasoning", "text": .string(summary.joined(separator: "\n\n"))]
        case .commandExecution(let command):
            return [
                "type": "exec_command_end", "call_id": .string(command.id), "turn_id": .string(turnID),
                "command": .array(command.command.map(JSONValue.string)), "cwd": .string(command.cwd),
                "exit_code": .int(Int64(command.exitCode ?? -1)), "aggregated_output": .string(command.aggregatedOutput),
                "formatted_output": .string(command.aggregatedOutput),
                "duration": duration(command.durationMs ?? 0), "status": .string(status(command.status)),
            ]
        case .fileChange(let change):
            return [
                "type": "patch_apply_end", "call_id": .string(change.id), "turn_id": .string(turnID),
                "success": .bool(change.status == .completed), "changes": changes(change.changes),
            ]
        case .externalToolCall(let call):
            let result: JSONValue =
                if let error = call.errorMessage { ["Err": .string(error)] } else { ["Ok": call.result ?? .null] }
            return [
                "type": "mcp_tool_call_end", "call_id": .string(call.id), "turn_id": .string(turnID),
                "invocation": mcpInvocation(call), "duration": duration(call.durationMs ?? 0), "result": result,
            ]
        case .notice(_, let message):
            return ["type": "warning", "message": .string(message)]
        case .contextCompaction:
            return ["type": "context_compacted"]
        case .enteredReviewMode(_, let request):
            return [
                "type": "entered_review_mode", "target": request.target.json,
                "user_facing_hint": .string(request.userFacingHint),
            ]
        case .exitedReviewMode(_, let output):
            return ["type": "exited_review_mode", "review_output": output?.json ?? .null]
        case .webSearch(let search):
            return ["type": "web_search_end", "call_id": .string(search.id), "query": .string(search.query)]
        case .imageView(let id, let path):
            return ["type": "view_image_tool_call", "call_id": .string(id), "path": .string(path)]
        }
    }

    private static func approvalRequest(_ request: ApprovalRequest) -> JSONValue? {
        switch request.kind {
        case .command(let command, let reason):
            return [
                "type": "exec_approval_request", "call_id": .string(command.id), "turn_id": .string(request.turnID),
                "command": .array(command.command.map(JSONValue.string)), "cwd": .string(command.cwd),
                "reason": reason.map(JSONValue.string) ?? .null, "parsed_cmd": parsedCommands(command.parsedCommands),
            ]
        case .fileChange(let change, let reason, let grantRoot):
            return [
                "type": "apply_patch_approval_request", "call_id": .string(change.id), "turn_id": .string(request.turnID),
                "changes": changes(change.changes), "reason": reason.map(JSONValue.string) ?? .null,
                "grant_root": grantRoot.map(JSONValue.string) ?? .null,
            ]
        case .externalToolCall:
            // The core protocol's MCP approval is an elicitation event this relay does not model (mcp-server
            // threads run no MCP servers of their own, so none arises).
            return nil
        }
    }

    /// `parsed_cmd` items (`{"type":"read","cmd","name","path"}`, ...).
    static func parsedCommands(_ commands: [ParsedCommand]) -> JSONValue {
        .array(commands.map(\.coreJSON))
    }

    /// The core's `changes` map: path → `{"type":"add","content"}` | `{"type":"delete","content"}` |
    /// `{"type":"update","unified_diff","move_path"}`.
    static func changes(_ changes: [FileChange]) -> JSONValue {
        var object = JSONObject()
        for change in changes {
            switch change.kind {
            case .add: object[change.path] = ["type": "add", "content": .string(change.diff)]
            case .delete: object[change.path] = ["type": "delete", "content": .string(change.diff)]
            case .update(let movePath):
                object[change.path] = [
                    "type": "update", "unified_diff": .string(change.diff), "move_path": movePath.map(JSONValue.string) ?? .null,
                ]
            }
        }
        return .object(object)
    }

    private static func status(_ status: ItemStatus) -> String {
        switch status {
        case .inProgress: return "in_progress"
        case .completed: return "completed"
        case .failed: return "failed"
        case .declined: return "declined"
        }
    }

    /// A Rust `Duration` as serde writes it.
    private static func duration(_ milliseconds: Int64) -> JSONValue {
        ["secs": .int(milliseconds / 1000), "nanos": .int((milliseconds % 1000) * 1_000_000)]
    }
}
