import MCP

/// The `tools/call` results of the `codex` tools: the final message as text content, mirrored in
/// `structuredContent {threadId, content}` (some clients read only one of the two).
enum ToolCallResult {
    static func success(text: String, threadID: String) -> CallTool.Result {
        CallTool.Result(
            content: [.text(text: text, annotations: nil, _meta: nil)],
            structuredContent: .object(["threadId": .string(threadID), "content": .string(text)]))
    }

    /// An `isError` result; `structuredContent` names the thread when there is one.
    static func failure(_ error: ToolCallError) -> CallTool.Result {
        CallTool.Result(
            content: [.text(text: error.message, annotations: nil, _meta: nil)],
            structuredContent: error.threadID.map { .object(["threadId": .string($0), "content": .string(error.message)]) },
            isError: true)
    }
}
