import CodexProtocol

/// Local compaction as 0.163.0 does it: the summarization prompt sent to the model, the prefix its
/// summary is handed back under, and the shape of the history that replaces the old one.
///
/// The compacted history is the initial context, the most recent real user messages (newest first
/// until about 20,000 tokens, the last one cut), and the summary as a user message; the initial context
/// goes just before the last kept user message (before the summary when none is kept), where the
/// reference puts it.
public enum Compaction {
    /// The user message that asks the model for a handoff summary (our words; it plays the part of
    /// 0.163.0's summarization prompt, which `compact_prompt` replaces in both).
    public static let prompt = """
        CONTEXT CHECKPOINT: the conversation so far is about to be replaced by your summary of it. Write a handoff \
        note for the model that will carry on this task with nothing but that note.

        Cover:
        - what has been done so far, and the decisions taken on the way;
        - the context that still matters: constraints, the user's preferences, facts learned about the code;
        - what is left to do, as clear next steps;
        - any data, examples, paths or references the next model needs to continue.

        Keep it short and well organised: its only purpose is to let the work go on without repeating anything.

        """

    /// Put before the summary in the message that carries it (followed by a newline).
    public static let summaryPrefix =
        "Another language model started to solve this problem and produced a summary of its thinking process. "
        + "You also have access to the state of the tools that were used by that language model. Use this to build "
        + "on the work that has already been done and avoid duplicating work. Here is the summary produced by the "
        + "other language model, use the information in this summary to assist with your own analysis:"

    /// The warning shown after every compaction.
    public static let warning =
        "Heads up: Long threads and multiple compactions can cause the model to be less accurate. "
        + "Start a new thread when possible to keep threads small and targeted."

    /// The message the turn fails with when the history does not fit even after compacting.
    public static let contextWindowExceededMessage =
        "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying."

    /// How many tokens of earlier user messages a compacted history keeps.
    static let retainedUserMessageTokens = 20_000

    /// The text of the summary message: the prefix, a newline, the model's summary.
    public static func summaryText(_ summary: String) -> String {
        summaryPrefix + "\n" + summary
    }

    /// The request input of a local compaction: the history, then the prompt as a user message.
    static func requestInput(history: [ResponseItem], prompt: String = prompt) -> [ResponseItem] {
        history + [.message(MessageItem(role: "user", content: [.inputText(prompt)]))]
    }

    /// The request input of a remote compaction (0.163.0's "remote compaction v2" for the OpenAI provider):
    /// the history, then a `compaction_trigger` item; the server answers with one `compaction` item.
    static func remoteRequestInput(history: [ResponseItem]) -> [ResponseItem] {
        history + [.unknown(type: "compaction_trigger", raw: ["type": "compaction_trigger"])]
    }

    /// The history that replaces `history`, ending with `summary` (a summary message, or the server's
    /// `compaction` item).
    static func compactedHistory(
        from history: [ResponseItem], initialContext: [ResponseItem], summary: ResponseItem
    ) -> [ResponseItem] {
        let userMessages = RolloutHistory.realUserMessages(in: history).filter { !$0.hasPrefix(summaryPrefix + "\n") }
        var kept: [String] = []
        var remaining = retainedUserMessageTokens
        for message in userMessages.reversed() where remaining > 0 {
            let tokens = approximateTokens(utf8Count: message.utf8.count)
            if tokens <= remaining {
                kept.append(message)
                remaining -= tokens
            } else {
                kept.append(truncated(message, toTokens: remaining))
                remaining = 0
            }
        }
        var compacted: [ResponseItem] = kept.reversed().map { .message(MessageItem(role: "user", content: [.inputText($0)])) }
        let contextIndex = compacted.isEmpty ? 0 : compacted.count - 1
        compacted.insert(contentsOf: initialContext, at: contextIndex)
        compacted.append(summary)
        return compacted
    }

    /// The reference's rough token count: a token per four bytes, rounded up.
    static func approximateTokens(utf8Count: Int) -> Int {
        (utf8Count + 3) / 4
    }

    /// A rough token count of history items, from their JSON.
    static func approximateTokens(_ items: some Sequence<ResponseItem>) -> Int {
        var bytes = 0
        for item in items {
            guard let json = try? ResponseItemJSON.encode(item) else { continue }
            bytes += json.serialized().utf8.count
        }
        return approximateTokens(utf8Count: bytes)
    }

    /// `text` cut to about `tokens` tokens as the reference cuts it: half the budget from the head, half
    /// from the tail (on character boundaries), and `…N tokens truncated…` between them.
    static func truncated(_ text: String, toTokens tokens: Int) -> String {
        let tokens = max(0, tokens)
        let budget = tokens * 4
        let bytes = Array(text.utf8)
        guard bytes.count > budget else { return text }
        var head = budget / 2
        var tail = bytes.count - (budget - head)
        while head > 0, bytes[head] & 0xC0 == 0x80 { head -= 1 }
        while tail < bytes.count, bytes[tail] & 0xC0 == 0x80 { tail += 1 }
        let removed = approximateTokens(utf8Count: bytes.count) - tokens
        return String(decoding: bytes[..<head], as: UTF8.self) + "…\(removed) tokens truncated…"
            + String(decoding: bytes[tail...], as: UTF8.self)
    }

    /// The auto-compaction threshold: `model_auto_compact_token_limit` when positive, capped at 90% of
    /// the model's context window (the threshold alone when the window is unknown).
    public static func autoCompactTokenLimit(configured: Int?, contextWindow: Int?) -> Int? {
        let configured = configured.flatMap { $0 > 0 ? $0 : nil }
        guard let contextWindow, contextWindow > 0 else { return configured }
        let windowLimit = contextWindow * 9 / 10
        return configured.map { min($0, windowLimit) } ?? windowLimit
    }
}
