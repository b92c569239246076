public import CodexProtocol
public import FoundationEssentials

/// The `event_msg` records that frame a turn in a rollout, shaped as 0.163.0 writes them: `task_started`,
/// `thread_settings_applied`, `item_completed`, `token_usage_record`, `error`, `task_complete`.
extension RolloutItem {
    /// A turn began (`started_at` in Unix seconds).
    public static func taskStarted(turnID: String, at date: Date) -> RolloutItem {
        .eventMsg(
            .other(
                type: "task_started",
                payload: [
                    "turn_id": .string(turnID), "started_at": .int(unixSeconds(date)), "model_context_window": .null,
                    "collaboration_mode_kind": "default",
                ]))
    }

    /// The settings a turn runs with, as the thread applied them.
    public static func threadSettingsApplied(threadID: String, settings: ThreadSettingsRecord) -> RolloutItem {
        .eventMsg(
            .other(
                type: "thread_settings_applied",
                payload: ["thread_id": .string(threadID), "thread_settings": settings.json]))
    }

    /// An item of the turn finished; nil for items rollouts do not record.
    public static func itemCompleted(threadID: String, turnID: String, item: ThreadItem, at date: Date) -> RolloutItem? {
        guard let json = RolloutTurnItem.json(item) else { return nil }
        let milliseconds = JSONValue.int(unixMilliseconds(date))
        return .eventMsg(
            .other(
                type: "item_completed",
                payload: [
                    "thread_id": .string(threadID), "turn_id": .string(turnID), "item": json,
                    "started_at_ms": milliseconds, "completed_at_ms": milliseconds,
                ]))
    }

    /// One model response's token usage, with the turn's and the thread's running totals.
    public static func tokenUsageRecord(
        threadID: String, turnID: String, usage: TokenUsage, turnTotal: TokenUsage, threadTotal: TokenUsage
    ) -> RolloutItem {
        .unknown(
            type: "token_usage_record",
            payload: [
                "thread_id": .string(threadID), "turn_id": .string(turnID), "session_id": .string(threadID),
                "root_turn_id": .string(turnID), "usage": usage.rolloutJSON, "turn_token_usage": turnTotal.rolloutJSON,
                "thread_token_usage": threadTotal.rolloutJSON,
            ])
    }

    /// The turn failed with `message`.
    public static func turnError(message: String) -> RolloutItem {
        .eventMsg(.other(type: "error", payload: ["message": .string(message)]))
    }

    /// The turn ended (completed or failed; an interrupted turn gets `turn_aborted` instead).
    public static func taskComplete(turnID: String, lastAgentMessage: String?, startedAt: Date, at date: Date) -> RolloutItem {
        .eventMsg(
            .other(
                type: "task_complete",
                payload: [
                    "turn_id": .string(turnID), "last_agent_message": lastAgentMessage.map(JSONValue.string) ?? .null,
                    "started_at": .int(unixSeconds(startedAt)), "completed_at": .int(unixSeconds(date)),
                    "duration_ms": .int(max(0, unixMilliseconds(date) - unixMilliseconds(startedAt))),
                ]))
    }

    private static func unixSeconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    private static func unixMilliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// The members of `thread_settings_applied.thread_settings` this version records.
public struct ThreadSettingsRecord: Sendable, Hashable {
    public var model: String
    public var modelProvider: String
    public var approvalPolicy: String
    /// As in `turn_context.sandbox_policy`, e.g. `{"type":"read-only"}`.
    public var sandboxPolicy: JSONValue
    public var cwd: String
    public var reasoningEffort: String?

    public init(
        model: String, modelProvider: String, approvalPolicy: String, sandboxPolicy: JSONValue, cwd: String,
        reasoningEffort: String?
    ) {
        self.model = model
        self.modelProvider = modelProvider
        self.approvalPolicy = approvalPolicy
        self.sandboxPolicy = sandboxPolicy
        self.cwd = cwd
        self.reasoningEffort = reasoningEffort
    }

    var json: JSONValue {
        [
            "model": .string(model), "model_provider_id": .string(modelProvider), "approval_policy": .string(approvalPolicy),
            "sandbox_policy": sandboxPolicy, "cwd": .string(cwd), "runtime_workspace_roots": [.string(cwd)],
            "collaboration_mode": [
                "mode": "default",
                "settings": [
                    "model": .string(model), "reasoning_effort": reasoningEffort.map(JSONValue.string) ?? .null,
                    "developer_instructions": .null,
                ],
            ],
        ]
    }
}
