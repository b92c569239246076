import CodexProtocol

/// Which line format a rollout file is written in; `session_meta.history_mode` says which.
///
/// 0.163.0 writes new sessions `paginated`: every line carries an `ordinal` (0 for `session_meta`, then +1 a
/// line), and what a UI replays is recorded as `item_completed` events between `task_started` and
/// `task_complete`. A file without `history_mode` is `legacy`: three-member lines, with `user_message` and
/// `agent_message` events in place of the items. Appends keep the format of the file appended to.
public enum RolloutHistoryMode: String, Sendable, Hashable {
    case legacy
    case paginated

    /// The `session_meta` member that names the mode.
    static let metaKey = "history_mode"
}

extension SessionMeta {
    /// The file's line format, from `history_mode` (absent or unknown: legacy).
    public var historyMode: RolloutHistoryMode {
        get { otherFields[RolloutHistoryMode.metaKey]?.stringValue == "paginated" ? .paginated : .legacy }
        set {
            switch newValue {
            case .paginated: otherFields[RolloutHistoryMode.metaKey] = .string(RolloutHistoryMode.paginated.rawValue)
            case .legacy: otherFields[RolloutHistoryMode.metaKey] = nil
            }
        }
    }
}

extension RolloutItem {
    /// The records this item is written as in a file of `mode`.
    ///
    /// The turn loop records the paginated event set; a legacy file gets the legacy events instead: a
    /// completed user or agent message item becomes `user_message` / `agent_message` (what 0.163.0 appends
    /// to a legacy file), and other completed items are left out (legacy readers rebuild commands from the
    /// `response_item`s). Every other record is the same in both.
    func records(for mode: RolloutHistoryMode) -> [RolloutItem] {
        guard mode == .legacy, case .eventMsg(.other("item_completed", let payload)) = self else { return [self] }
        switch RolloutTurnItem.item(payload["item"]) {
        case .userMessage(_, let content)?:
            let text = content.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined(separator: "\n")
            let images = content.compactMap { if case .image(let url) = $0 { url } else { nil } }
            return [.eventMsg(.userMessage(message: text, images: images))]
        case .agentMessage(_, let text)?:
            return [.eventMsg(.agentMessage(message: text))]
        case .contextCompaction?:
            return [.eventMsg(.contextCompacted)]
        default:
            return []
        }
    }
}
