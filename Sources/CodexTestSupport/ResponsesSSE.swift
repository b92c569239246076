public import CodexProtocol

/// Token counts reported in `response.completed` (`response.usage`).
public struct MockUsage: Sendable, Hashable {
    public var inputTokens: Int64
    public var cachedInputTokens: Int64
    public var outputTokens: Int64
    public var reasoningOutputTokens: Int64
    public var totalTokens: Int64

    /// Usage with `total_tokens` defaulting to input + output, as the API reports it.
    public init(
        inputTokens: Int64 = 10, cachedInputTokens: Int64 = 0, outputTokens: Int64 = 5,
        reasoningOutputTokens: Int64 = 0, totalTokens: Int64? = nil
    ) {
        self.inputTokens = inputTokens
        self.cachedInputTokens = cachedInputTokens
        self.outputTokens = outputTokens
        self.reasoningOutputTokens = reasoningOutputTokens
        self.totalTokens = totalTokens ?? inputTokens + outputTokens
    }

    /// The `usage` object exactly as the Responses API writes it.
    public var jsonValue: JSONValue {
        [
            "input_tokens": .int(inputTokens),
            "input_tokens_details": ["cached_tokens": .int(cachedInputTokens)],
            "output_tokens": .int(outputTokens),
            "output_tokens_details": ["reasoning_tokens": .int(reasoningOutputTokens)],
            "total_tokens": .int(totalTokens),
        ]
    }
}

/// Builders for Responses API stream events and output items, in the shapes the real API sends.
///
/// Events carry their `type` both as the SSE `event:` name and inside the JSON payload.
public enum SSE {
    /// The model name the builders put into `response` objects.
    public static let defaultModel = "mock-model"

    // MARK: Events

    /// `response.created` with an in-progress response object.
    public static func responseCreated(id: String, model: String = defaultModel) -> MockSSEEvent {
        MockSSEEvent(json: [
            "type": "response.created",
            "response": [
                "id": .string(id), "object": "response", "created_at": 0, "status": "in_progress",
                "model": .string(model), "output": [],
            ],
        ])
    }

    /// `response.output_item.added`: an item begins (UI only for Codex).
    public static func outputItemAdded(_ item: JSONValue, outputIndex: Int64 = 0) -> MockSSEEvent {
        MockSSEEvent(json: ["type": "response.output_item.added", "output_index": .int(outputIndex), "item": item])
    }

    /// `response.output_item.done`: a finished item; this is what Codex records in history.
    public static func outputItemDone(_ item: JSONValue, outputIndex: Int64 = 0) -> MockSSEEvent {
        MockSSEEvent(json: ["type": "response.output_item.done", "output_index": .int(outputIndex), "item": item])
    }

    /// `response.output_text.delta`: a piece of assistant text.
    public static func textDelta(
        _ delta: String, itemID: String = "msg_1", outputIndex: Int64 = 0, contentIndex: Int64 = 0
    ) -> MockSSEEvent {
        MockSSEEvent(json: [
            "type": "response.output_text.delta", "item_id": .string(itemID), "output_index": .int(outputIndex),
            "content_index": .int(contentIndex), "delta": .string(delta),
        ])
    }

    /// `response.reasoning_summary_text.delta`: a piece of a reasoning summary.
    public static func reasoningSummaryDelta(
        _ delta: String, itemID: String = "rs_1", outputIndex: Int64 = 0, summaryIndex: Int64 = 0
    ) -> MockSSEEvent {
        MockSSEEvent(json: [
            "type": "response.reasoning_summary_text.delta", "item_id": .string(itemID),
            "output_index": .int(outputIndex), "summary_index": .int(summaryIndex), "delta": .string(delta),
        ])
    }

    /// `response.completed` with usage; Codex ends the turn's sampling when the stream closes after it.
    public static func completed(id: String, usage: MockUsage = MockUsage()) -> MockSSEEvent {
        MockSSEEvent(json: [
            "type": "response.completed",
            "response": [
                "id": .string(id), "object": "response", "status": "completed", "output": [],
                "usage": usage.jsonValue,
            ],
        ])
    }

    /// `response.failed` with `response.error{code, message}`.
    public static func failed(id: String, code: String, message: String) -> MockSSEEvent {
        MockSSEEvent(json: [
            "type": "response.failed",
            "response": [
                "id": .string(id), "object": "response", "status": "failed",
                "error": ["code": .string(code), "message": .string(message)],
            ],
        ])
    }

    // MARK: Items

    /// A finished assistant message with one `output_text` part.
    public static func messageItem(id: String = "msg_1", text: String) -> JSONValue {
        [
            "type": "message", "id": .string(id), "status": "completed", "role": "assistant",
            "content": [["type": "output_text", "text": .string(text), "annotations": []]],
        ]
    }

    /// A `function_call` item; `arguments` is the JSON text the model produced.
    public static func functionCallItem(
        id: String = "fc_1", callID: String, name: String, arguments: String, status: String = "completed"
    ) -> JSONValue {
        [
            "type": "function_call", "id": .string(id), "status": .string(status), "call_id": .string(callID),
            "name": .string(name), "arguments": .string(arguments),
        ]
    }

    /// A `custom_tool_call` item (freeform tools such as `apply_patch`); `input` is raw text.
    public static func customToolCallItem(
        id: String = "ctc_1", callID: String, name: String, input: String, status: String = "completed"
    ) -> JSONValue {
        [
            "type": "custom_tool_call", "id": .string(id), "status": .string(status), "call_id": .string(callID),
            "name": .string(name), "input": .string(input),
        ]
    }

    /// A `reasoning` item with `summary_text` parts and optional encrypted content.
    public static func reasoningItem(id: String = "rs_1", summary: [String], encryptedContent: String? = nil)
        -> JSONValue
    {
        var object = JSONObject()
        object["type"] = "reasoning"
        object["id"] = .string(id)
        object["summary"] = .array(summary.map { ["type": "summary_text", "text": .string($0)] })
        if let encryptedContent { object["encrypted_content"] = .string(encryptedContent) }
        return .object(object)
    }

    // MARK: Shortcuts (one `response.output_item.done` each)

    /// `response.output_item.done` carrying a finished assistant message.
    public static func assistantMessage(id: String = "msg_1", text: String, outputIndex: Int64 = 0) -> MockSSEEvent {
        outputItemDone(messageItem(id: id, text: text), outputIndex: outputIndex)
    }

    /// `response.output_item.done` carrying a function call.
    public static func functionCall(callID: String, name: String, arguments: String, outputIndex: Int64 = 0)
        -> MockSSEEvent
    {
        outputItemDone(functionCallItem(callID: callID, name: name, arguments: arguments), outputIndex: outputIndex)
    }

    /// `response.output_item.done` carrying a custom tool call.
    public static func customToolCall(callID: String, name: String, input: String, outputIndex: Int64 = 0)
        -> MockSSEEvent
    {
        outputItemDone(customToolCallItem(callID: callID, name: name, input: input), outputIndex: outputIndex)
    }

    /// `response.output_item.done` carrying a reasoning item.
    public static func reasoning(summary: [String], encryptedContent: String? = nil, outputIndex: Int64 = 0)
        -> MockSSEEvent
    {
        outputItemDone(reasoningItem(summary: summary, encryptedContent: encryptedContent), outputIndex: outputIndex)
    }
}
