public import CodexBasics
import CodexProtocol

/// Turns Chat Completions stream chunks into the same `ModelStreamEvent`s the Responses wire gives.
///
/// Text deltas (`choices[0].delta.content`) are forwarded as they come, after an `outputItemAdded`
/// for the assistant message; `delta.tool_calls[i]` fragments are accumulated by `index`. When a
/// `finish_reason` arrives the finished items are emitted (`outputItemDone` for the message, then each
/// function call in index order); `completed` follows at `[DONE]` (or when the stream ends after a
/// finish reason), with `usage` if a chunk carried it. Unparseable chunks are ignored.
public struct ChatCompletionsEventMapper: Sendable {
    private struct PendingCall: Sendable {
        var id = ""
        var name = ""
        var arguments = ""
    }

    private var started = false
    private var messageAdded = false
    private var text = ""
    private var reasoningText = ""
    private var calls: [Int: PendingCall] = [:]
    private var responseID = ""
    private var usage: TokenUsage?
    private var finished = false
    /// True once `completed` was emitted; later events are ignored.
    public private(set) var isComplete = false

    public init() {}

    /// The events one SSE event yields.
    public mutating func map(_ event: SSEEvent) -> [ModelStreamEvent] {
        guard !isComplete else { return [] }
        if event.data.trimmingWhitespace == "[DONE]" { return complete() }
        guard let chunk = try? JSONParser.parse(event.data), case .object = chunk else { return [] }
        var events: [ModelStreamEvent] = []
        if !started {
            started = true
            events.append(.created)
        }
        if let id = chunk["id"]?.stringValue, responseID.isEmpty { responseID = id }
        if let usage = Self.usage(chunk["usage"]) { self.usage = usage }
        guard let choice = chunk["choices"]?.arrayValue?.first else { return events }
        let delta = choice["delta"]
        if let content = delta?["content"]?.stringValue, !content.isEmpty {
            if !messageAdded {
                messageAdded = true
                events.append(.outputItemAdded(.message(MessageItem(role: "assistant", content: []))))
            }
            text += content
            events.append(.outputTextDelta(content))
        }
        if let reasoning = Self.reasoningText(delta?["reasoning"] ?? delta?["reasoning_content"]) {
            reasoningText += reasoning
            events.append(.reasoningContentDelta(reasoning, contentIndex: 0))
        }
        for (position, fragment) in (delta?["tool_calls"]?.arrayValue ?? []).enumerated() {
            let index = fragment["index"]?.intValue.map { Int(clamping: $0) } ?? position
            var call = calls[index] ?? PendingCall()
            if let id = fragment["id"]?.stringValue, call.id.isEmpty { call.id = id }
            if let name = fragment["function"]?["name"]?.stringValue, call.name.isEmpty { call.name = name }
            if let arguments = fragment["function"]?["arguments"]?.stringValue { call.arguments += arguments }
            calls[index] = call
        }
        if let reason = choice["finish_reason"]?.stringValue, !reason.isEmpty {
            events += flushItems()
            finished = true
        }
        return events
    }

    /// Called when the body ends: the remaining events when a finish reason (or `[DONE]`) was seen,
    /// nil when the stream was cut short (the caller treats that as a broken stream and retries).
    public mutating func finish() -> [ModelStreamEvent]? {
        if isComplete { return [] }
        return finished ? complete() : nil
    }

    private mutating func complete() -> [ModelStreamEvent] {
        let events = flushItems() + [.completed(responseID: responseID, usage: usage)]
        isComplete = true
        return events
    }

    private mutating func flushItems() -> [ModelStreamEvent] {
        var events: [ModelStreamEvent] = []
        if !reasoningText.isEmpty {
            let item = ReasoningItem(summary: [], content: [ReasoningText(type: "reasoning_text", text: reasoningText)])
            events.append(.outputItemDone(.reasoning(item)))
            reasoningText = ""
        }
        if !text.isEmpty {
            events.append(.outputItemDone(.message(MessageItem(role: "assistant", content: [.outputText(text)]))))
            text = ""
            messageAdded = false
        }
        for index in calls.keys.sorted() {
            guard let call = calls[index] else { continue }
            let item = FunctionCallItem(name: call.name, arguments: call.arguments, callID: call.id)
            events.append(.outputItemDone(.functionCall(item)))
        }
        calls.removeAll()
        return events
    }

    static func reasoningText(_ value: JSONValue?) -> String? {
        let text = value?.stringValue ?? value?["text"]?.stringValue ?? value?["content"]?.stringValue
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    static func usage(_ value: JSONValue?) -> TokenUsage? {
        guard let value, let input = value["prompt_tokens"]?.intValue, let output = value["completion_tokens"]?.intValue
        else { return nil }
        return TokenUsage(
            inputTokens: Int(clamping: input),
            cachedInputTokens: Int(clamping: value["prompt_tokens_details"]?["cached_tokens"]?.intValue ?? 0),
            outputTokens: Int(clamping: output),
            reasoningOutputTokens: Int(clamping: value["completion_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0),
            totalTokens: Int(clamping: value["total_tokens"]?.intValue ?? (input &+ output))
        )
    }
}
