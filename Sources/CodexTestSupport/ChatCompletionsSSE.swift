public import CodexProtocol

/// Builders for Chat Completions stream chunks (`data: {...}` events ending with `data: [DONE]`).
public enum ChatSSE {
    /// The final event of every Chat Completions stream.
    public static let done = MockSSEEvent(name: nil, data: "[DONE]")

    /// One `chat.completion.chunk` with a single choice.
    public static func chunk(
        delta: JSONValue, finishReason: String? = nil, id: String = "chatcmpl-mock", model: String = SSE.defaultModel
    ) -> MockSSEEvent {
        .dataOnly([
            "id": .string(id), "object": "chat.completion.chunk", "created": 0, "model": .string(model),
            "choices": [
                [
                    "index": 0, "delta": delta,
                    "finish_reason": finishReason.map { JSONValue.string($0) } ?? .null,
                ]
            ],
        ])
    }

    /// The first chunk of an assistant turn: `delta.role = "assistant"`.
    public static func roleDelta() -> MockSSEEvent { chunk(delta: ["role": "assistant", "content": ""]) }

    /// A `delta.content` text piece.
    public static func textDelta(_ text: String) -> MockSSEEvent { chunk(delta: ["content": .string(text)]) }

    /// A `delta.tool_calls[0]` piece; the first piece of a call carries `id`, `type` and the name.
    public static func toolCallDelta(index: Int64 = 0, id: String? = nil, name: String? = nil, arguments: String)
        -> MockSSEEvent
    {
        var call = JSONObject()
        call["index"] = .int(index)
        if let id {
            call["id"] = .string(id)
            call["type"] = "function"
        }
        var function = JSONObject()
        if let name { function["name"] = .string(name) }
        function["arguments"] = .string(arguments)
        call["function"] = .object(function)
        return chunk(delta: ["tool_calls": [.object(call)]])
    }

    /// The closing chunk: empty delta with `finish_reason` (`stop`, `tool_calls`, `length`).
    public static func finish(_ reason: String) -> MockSSEEvent { chunk(delta: [:], finishReason: reason) }
}
