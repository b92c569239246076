/// One line of `codex exec --json` output (`{"type": "thread.started", ...}`).
public enum ExecEvent: Sendable, Hashable {
    case threadStarted(threadID: String)
    case turnStarted
    case turnCompleted(usage: ExecUsage)
    case turnFailed(message: String)
    case itemStarted(ExecItem)
    case itemUpdated(ExecItem)
    case itemCompleted(ExecItem)
    /// A stream-level error, fatal or transient (`Reconnecting... 1/5 (...)`).
    case error(message: String)

    /// The event as a JSON object, keys in the reference's order.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        switch self {
        case .threadStarted(let threadID):
            object["type"] = "thread.started"
            object["thread_id"] = .string(threadID)
        case .turnStarted:
            object["type"] = "turn.started"
        case .turnCompleted(let usage):
            object["type"] = "turn.completed"
            object["usage"] = usage.jsonValue
        case .turnFailed(let message):
            object["type"] = "turn.failed"
            object["error"] = ["message": .string(message)]
        case .itemStarted(let item):
            object["type"] = "item.started"
            object["item"] = item.jsonValue
        case .itemUpdated(let item):
            object["type"] = "item.updated"
            object["item"] = item.jsonValue
        case .itemCompleted(let item):
            object["type"] = "item.completed"
            object["item"] = item.jsonValue
        case .error(let message):
            object["type"] = "error"
            object["message"] = .string(message)
        }
        return .object(object)
    }

    /// One JSONL line, ending in `\n`. An item's own members follow its `id` as written, so a `web_search`
    /// item repeats `id` (the exec id, then the provider's), exactly as the reference prints it.
    public var serializedLine: String {
        let type: String
        let item: ExecItem
        switch self {
        case .itemStarted(let started):
            type = "item.started"
            item = started
        case .itemUpdated(let updated):
            type = "item.updated"
            item = updated
        case .itemCompleted(let completed):
            type = "item.completed"
            item = completed
        default:
            return jsonValue.serialized() + "\n"
        }
        var bytes = Array("{\"type\":".utf8)
        JSONValue.appendSerialized(string: type, to: &bytes)
        bytes += Array(",\"item\":{\"id\":".utf8)
        JSONValue.appendSerialized(string: item.id, to: &bytes)
        for (key, value) in item.details.fields {
            bytes.append(UInt8(ascii: ","))
            JSONValue.appendSerialized(string: key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            value.appendSerialized(to: &bytes)
        }
        bytes += Array("}}\n".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Token totals reported with `turn.completed` (the thread's cumulative usage).
public struct ExecUsage: Sendable, Hashable {
    public var inputTokens: Int64
    public var cachedInputTokens: Int64
    public var cacheWriteInputTokens: Int64
    public var outputTokens: Int64
    public var reasoningOutputTokens: Int64

    public init(
        inputTokens: Int64 = 0, cachedInputTokens: Int64 = 0, cacheWriteInputTokens: Int64 = 0,
        outputTokens: Int64 = 0, reasoningOutputTokens: Int64 = 0
    ) {
        self.inputTokens = inputTokens
        self.cachedInputTokens = cachedInputTokens
        self.cacheWriteInputTokens = cacheWriteInputTokens
        self.outputTokens = outputTokens
        self.reasoningOutputTokens = reasoningOutputTokens
    }

    var jsonValue: JSONValue {
        [
            "input_tokens": .int(inputTokens), "cached_input_tokens": .int(cachedInputTokens),
            "cache_write_input_tokens": .int(cacheWriteInputTokens), "output_tokens": .int(outputTokens),
            "reasoning_output_tokens": .int(reasoningOutputTokens),
        ]
    }
}

/// An item of `codex exec --json` output: an id (`item_N`) and a typed payload.
public struct ExecItem: Sendable, Hashable {
    public var id: String
    public var details: ExecItemDetails

    public init(id: String, details: ExecItemDetails) {
        self.id = id
        self.details = details
    }

    var jsonValue: JSONValue {
        var object = JSONObject()
        object["id"] = .string(id)
        for (key, value) in details.fields { object[key] = value }
        return .object(object)
    }
}

/// Status of a command or file change item.
public enum ExecItemStatus: String, Sendable, Hashable {
    case inProgress = "in_progress"
    case completed
    case failed
    case declined
}

/// What an exec item carries, by type.
public enum ExecItemDetails: Sendable, Hashable {
    case agentMessage(text: String)
    case reasoning(text: String)
    case commandExecution(command: String, aggregatedOutput: String, exitCode: Int32?, status: ExecItemStatus)
    case fileChange(changes: [ExecFileChange], status: ExecItemStatus)
    case todoList(items: [ExecTodoItem])
    /// A call to an MCP server's tool: `result` is `{content, structured_content[, _meta]}` or null, `error`
    /// `{message}` or null.
    case mcpToolCall(server: String, tool: String, arguments: JSONValue, result: JSONValue, error: JSONValue, status: ExecItemStatus)
    /// A web search the provider ran: its own item `id`, the one-line `query`, and the `action` in the Responses
    /// API's spelling (`{"type": "search", "query": ...}`, `open_page`, `find_in_page`, `other`).
    case webSearch(id: String, query: String, action: JSONValue)
    case error(message: String)

    /// The flattened members, `type` first.
    var fields: JSONObject {
        var object = JSONObject()
        switch self {
        case .agentMessage(let text):
            object["type"] = "agent_message"
            object["text"] = .string(text)
        case .reasoning(let text):
            object["type"] = "reasoning"
            object["text"] = .string(text)
        case .commandExecution(let command, let output, let exitCode, let status):
            object["type"] = "command_execution"
            object["command"] = .string(command)
            object["aggregated_output"] = .string(output)
            object["exit_code"] = exitCode.map { .int(Int64($0)) } ?? .null
            object["status"] = .string(status.rawValue)
        case .fileChange(let changes, let status):
            object["type"] = "file_change"
            object["changes"] = .array(changes.map { ["path": .string($0.path), "kind": .string($0.kind.rawValue)] })
            object["status"] = .string(status.rawValue)
        case .todoList(let items):
            object["type"] = "todo_list"
            object["items"] = .array(items.map { ["text": .string($0.text), "completed": .bool($0.completed)] })
        case .mcpToolCall(let server, let tool, let arguments, let result, let error, let status):
            object["type"] = "mcp_tool_call"
            object["server"] = .string(server)
            object["tool"] = .string(tool)
            object["arguments"] = arguments
            object["result"] = result
            object["error"] = error
            object["status"] = .string(status.rawValue)
        case .webSearch(let id, let query, let action):
            object["type"] = "web_search"
            object["id"] = .string(id)
            object["query"] = .string(query)
            object["action"] = action
        case .error(let message):
            object["type"] = "error"
            object["message"] = .string(message)
        }
        return object
    }
}

/// One file of a `file_change` item.
public struct ExecFileChange: Sendable, Hashable {
    /// How the file changed.
    public enum Kind: String, Sendable, Hashable {
        case add, delete, update
    }

    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}

/// One entry of a `todo_list` item.
public struct ExecTodoItem: Sendable, Hashable {
    public var text: String
    public var completed: Bool

    public init(text: String, completed: Bool) {
        self.text = text
        self.completed = completed
    }
}
