public import CodexProtocol

/// Rebuilds the model-facing history from rollout records, for resume and fork.
public enum RolloutHistory {
    /// How much of the earlier user messages a local compaction keeps (about 20,000 tokens).
    public static let retainedUserMessageBytes = 80_000

    /// Replays records: each `response_item` is appended; a `compacted` line replaces everything
    /// before it with its `replacement_history` when present, else (local compaction) with
    /// `initialContext` + the most recent real user messages + the summary as a user message.
    ///
    /// Without compaction `initialContext` is not used: rollouts record the context messages
    /// of each session as ordinary `response_item`s.
    public static func rebuild(_ items: [RolloutItem], initialContext: [ResponseItem]) -> [ResponseItem] {
        var history: [ResponseItem] = []
        for item in items {
            switch item {
            case .responseItem(let responseItem):
                history.append(responseItem)
            case .compacted(let record):
                if let replacement = record.replacementHistory {
                    history = replacement
                } else {
                    history = compactedHistory(
                        initialContext: initialContext, userMessages: realUserMessages(in: history),
                        summary: record.message)
                }
            default:
                break
            }
        }
        return history
    }

    /// The texts of user messages the user typed, leaving out injected context messages.
    public static func realUserMessages(in history: [ResponseItem]) -> [String] {
        history.compactMap { item in
            guard case .message(let message) = item, message.role == "user" else { return nil }
            let text = message.text
            let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
            return contextMarkers.contains { trimmed.hasPrefix($0) } ? nil : text
        }
    }

    private static let contextMarkers = [
        "<environment_context>", "<user_instructions>", "# AGENTS.md instructions", "<skills_instructions>",
        "<turn_aborted>", "<user_shell_command>",
    ]

    private static func compactedHistory(
        initialContext: [ResponseItem], userMessages: [String], summary: String
    ) -> [ResponseItem] {
        var kept: [String] = []
        var remaining = retainedUserMessageBytes
        for message in userMessages.reversed() where remaining > 0 {
            let size = message.utf8.count
            if size <= remaining {
                kept.append(message)
                remaining -= size
            } else {
                kept.append(String(decoding: message.utf8.prefix(remaining), as: UTF8.self))
                remaining = 0
            }
        }
        var history = initialContext
        for message in kept.reversed() {
            history.append(.message(MessageItem(role: "user", content: [.inputText(message)])))
        }
        if !summary.isEmpty {
            history.append(.message(MessageItem(role: "user", content: [.inputText(summary)])))
        }
        return history
    }
}
