public import CodexProtocol

extension ModelRequest {
    /// The `POST /chat/completions` body: `{model, messages, stream, stream_options, tools}`.
    ///
    /// History becomes chat messages: the instructions as the first `system` message; `message`
    /// items as text messages (`developer` becomes `system`, which every chat server knows);
    /// `function_call` and `custom_tool_call` items as assistant `tool_calls` (a custom call's raw
    /// input travels as the function arguments `{"input": ...}`, matching the function form of
    /// freeform tools), merged into the preceding assistant message; outputs as `tool` messages.
    /// Reasoning and other item types are left out. Only function tools are offered (see
    /// `chatTools(from:)`); output schemas are not supported by this wire.
    public func chatCompletionsBody() throws -> JSONValue {
        var body = JSONObject()
        body["model"] = .string(model)
        body["messages"] = .array(Self.chatMessages(instructions: instructions, input: input))
        body["stream"] = true
        body["stream_options"] = ["include_usage": true]
        let chatTools = Self.chatTools(from: tools)
        if !chatTools.isEmpty { body["tools"] = .array(chatTools) }
        return .object(body)
    }

    /// Converts history items to chat messages (see `chatCompletionsBody()`).
    public static func chatMessages(instructions: String, input: [ResponseItem]) -> [JSONValue] {
        var messages: [JSONValue] = []
        if !instructions.isEmpty {
            messages.append(["role": "system", "content": .string(instructions)])
        }
        func appendToolCall(id: String, name: String, arguments: String) {
            let call: JSONValue = [
                "id": .string(id), "type": "function",
                "function": ["name": .string(name), "arguments": .string(arguments)],
            ]
            if case .object(var last)? = messages.last, last["role"]?.stringValue == "assistant" {
                let calls = last["tool_calls"]?.arrayValue ?? []
                last["tool_calls"] = .array(calls + [call])
                messages[messages.count - 1] = .object(last)
            } else {
                messages.append(["role": "assistant", "content": nil, "tool_calls": [call]])
            }
        }
        for item in input {
            switch item {
            case .message(let message):
                let role = message.role == "developer" ? "system" : message.role
                messages.append(["role": .string(role), "content": .string(message.text)])
            case .functionCall(let call):
                appendToolCall(id: call.callID, name: call.name, arguments: call.arguments)
            case .customToolCall(let call):
                let arguments = (["input": .string(call.input)] as JSONValue).serialized()
                appendToolCall(id: call.callID, name: call.name, arguments: arguments)
            case .functionCallOutput(let output):
                messages.append(["role": "tool", "tool_call_id": .string(output.callID), "content": .string(output.output)])
            case .customToolCallOutput(let output):
                messages.append(["role": "tool", "tool_call_id": .string(output.callID), "content": .string(output.output)])
            case .reasoning, .unknown:
                continue
            }
        }
        return messages
    }

    /// Converts Responses-form tools to chat `{"type":"function","function":{name,description,parameters}}`.
    /// Non-function tools (custom/freeform, `local_shell`, `web_search`) cannot be expressed and are dropped.
    public static func chatTools(from tools: [JSONValue]) -> [JSONValue] {
        tools.compactMap { tool -> JSONValue? in
            guard tool["type"]?.stringValue == "function", let name = tool["name"]?.stringValue else { return nil }
            var function = JSONObject()
            function["name"] = .string(name)
            if let description = tool["description"] { function["description"] = description }
            function["parameters"] = tool["parameters"] ?? ["type": "object", "properties": [:]]
            return ["type": "function", "function": .object(function)]
        }
    }
}
