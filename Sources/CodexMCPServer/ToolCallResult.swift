import CodexProtocol

/// The `tools/call` results of the `codex` tools: the final message as text content, mirrored in
/// `structuredContent {threadId, content}` (some clients read only one of the two).
enum ToolCallResult {
    static func success(text: String, threadID: String) -> JSONValue {
        [
            "content": [["type": "text", "text": .string(text)]],
            "structuredContent": ["threadId": .string(threadID), "content": .string(text)],
        ]
    }

    /// An `isError` result; `structuredContent` names the thread when there is one.
    static func failure(_ error: ToolCallError) -> JSONValue {
        var result: JSONObject = ["content": [["type": "text", "text": .string(error.message)]]]
        if let threadID = error.threadID {
            result["structuredContent"] = ["threadId": .string(threadID), "content": .string(error.message)]
        }
        result["isError"] = true
        return .object(result)
    }
}
