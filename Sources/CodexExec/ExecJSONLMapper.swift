public import CodexCore
public import CodexProtocol

/// Turns the core's event stream into `codex exec --json` lines (a pure state machine).
///
/// Item ids are `item_0`, `item_1`, ... in emission order; started/updated/completed of one item
/// share the id. The plan becomes one `todo_list` item per turn, closed before the turn event.
public struct ExecJSONLMapper: Sendable {
    private var nextItemIndex = 0
    private var execIDs: [String: String] = [:]
    private var openItems: [String: ExecItem] = [:]
    private var openOrder: [String] = []
    private var todoItem: ExecItem?
    private var usage = ExecUsage()
    private var lastError: String?

    public init() {}

    /// The lines for one core event (often none).
    public mutating func map(_ event: AgentEvent) -> [ExecEvent] {
        switch event {
        case .turnStarted:
            return [.turnStarted]
        case .itemStarted(_, let item):
            guard let details = Self.details(of: item, final: false) else { return [] }
            switch item {
            case .commandExecution, .fileChange, .externalToolCall, .webSearch: break
            default: return []
            }
            let execItem = ExecItem(id: execID(for: item.id), details: details)
            openItems[item.id] = execItem
            openOrder.append(item.id)
            return [.itemStarted(execItem)]
        case .itemCompleted(_, let item):
            guard let details = Self.details(of: item, final: true) else { return [] }
            openItems[item.id] = nil
            openOrder.removeAll { $0 == item.id }
            return [.itemCompleted(ExecItem(id: execID(for: item.id), details: details))]
        case .planUpdated(_, _, let plan):
            let items = plan.map { ExecTodoItem(text: $0.step, completed: $0.status == .completed) }
            if var todo = todoItem {
                todo.details = .todoList(items: items)
                todoItem = todo
                return [.itemUpdated(todo)]
            }
            let todo = ExecItem(id: newID(), details: .todoList(items: items))
            todoItem = todo
            return [.itemStarted(todo)]
        case .tokenUsageUpdated(_, let info):
            usage = ExecUsage(
                inputTokens: Int64(info.total.inputTokens), cachedInputTokens: Int64(info.total.cachedInputTokens),
                outputTokens: Int64(info.total.outputTokens),
                reasoningOutputTokens: Int64(info.total.reasoningOutputTokens))
            return []
        case .rateLimitsUpdated:
            return []
        case .streamError(_, let message, _):
            lastError = message
            return [.error(message: message)]
        case .warning(let message):
            return [.itemCompleted(ExecItem(id: newID(), details: .error(message: message)))]
        case .turnCompleted(_, let outcome):
            var lines = closeOpenItems()
            switch outcome {
            case .completed:
                lines.append(.turnCompleted(usage: usage))
            case .failed(let message):
                lines.append(.turnFailed(message: message.isEmpty ? (lastError ?? "turn failed") : message))
            case .interrupted:
                break
            }
            return lines
        case .agentMessageDelta, .reasoningSummaryDelta, .reasoningSummaryPartAdded, .reasoningContentDelta,
            .commandOutputDelta, .terminalInteraction, .approvalRequested, .approvalResolved, .turnDiffUpdated:
            return []
        }
    }

    private mutating func closeOpenItems() -> [ExecEvent] {
        var lines: [ExecEvent] = []
        for coreID in openOrder {
            guard var item = openItems[coreID] else { continue }
            switch item.details {
            case .commandExecution(let command, let output, let exitCode, _):
                item.details = .commandExecution(command: command, aggregatedOutput: output, exitCode: exitCode, status: .failed)
            case .fileChange(let changes, _):
                item.details = .fileChange(changes: changes, status: .failed)
            case .mcpToolCall(let server, let tool, let arguments, let result, let error, _):
                item.details = .mcpToolCall(
                    server: server, tool: tool, arguments: arguments, result: result, error: error, status: .failed)
            default:
                break
            }
            lines.append(.itemCompleted(item))
        }
        openItems = [:]
        openOrder = []
        if let todo = todoItem {
            lines.append(.itemCompleted(todo))
            todoItem = nil
        }
        return lines
    }

    private mutating func newID() -> String {
        defer { nextItemIndex += 1 }
        return "item_\(nextItemIndex)"
    }

    private mutating func execID(for coreID: String) -> String {
        if let existing = execIDs[coreID] { return existing }
        let id = newID()
        execIDs[coreID] = id
        return id
    }

    private static func details(of item: ThreadItem, final: Bool) -> ExecItemDetails? {
        switch item {
        case .userMessage:
            return nil
        case .agentMessage(_, let text):
            return final ? .agentMessage(text: text) : nil
        case .reasoning(_, let summary, _):
            let text = summary.joined(separator: "\n")
            return final && !text.allSatisfy(\.isWhitespace) ? .reasoning(text: text) : nil
        case .commandExecution(let command):
            return .commandExecution(
                command: command.displayCommand, aggregatedOutput: command.aggregatedOutput, exitCode: command.exitCode,
                status: status(command.status, exitCode: command.exitCode))
        case .fileChange(let change):
            let changes = change.changes.map { file -> ExecFileChange in
                switch file.kind {
                case .add: return ExecFileChange(path: file.path, kind: .add)
                case .delete: return ExecFileChange(path: file.path, kind: .delete)
                case .update: return ExecFileChange(path: file.path, kind: .update)
                }
            }
            // exec reports a declined change as failed, as the reference does.
            let status: ExecItemStatus =
                switch change.status {
                case .inProgress: .inProgress
                case .completed: .completed
                case .failed, .declined: .failed
                }
            return .fileChange(changes: changes, status: status)
        case .externalToolCall(let call):
            return .mcpToolCall(
                server: call.server, tool: call.tool, arguments: call.arguments ?? .null, result: mcpResult(call.result),
                error: call.errorMessage.map { ["message": .string($0)] } ?? .null, status: status(call.status, exitCode: nil))
        case .notice(_, let message):
            return .error(message: message)
        case .contextCompaction:
            // exec --json shows a compaction only through its warning, as the reference does.
            return nil
        case .webSearch(let search):
            return .webSearch(id: search.id, query: search.query, action: execAction(search.action ?? .other))
        case .enteredReviewMode, .exitedReviewMode:
            // exec --json shows a review only through its final agent message, as the reference does.
            return nil
        case .imageView:
            // The reference's exec shows nothing for view_image.
            return nil
        }
    }

    /// A web search action in the Responses API's spelling, members left out when absent, as exec prints it.
    private static func execAction(_ action: WebSearchAction) -> JSONValue {
        var object = JSONObject()
        switch action {
        case .search(let query, let queries):
            object["type"] = "search"
            if let query { object["query"] = .string(query) }
            if let queries { object["queries"] = .array(queries.map(JSONValue.string)) }
        case .openPage(let url):
            object["type"] = "open_page"
            if let url { object["url"] = .string(url) }
        case .findInPage(let url, let pattern):
            object["type"] = "find_in_page"
            if let url { object["url"] = .string(url) }
            if let pattern { object["pattern"] = .string(pattern) }
        case .other:
            object["type"] = "other"
        }
        return .object(object)
    }

    /// The exec spelling of an MCP result: `content`, `structured_content`, then `_meta` when the server sent one.
    private static func mcpResult(_ result: JSONValue?) -> JSONValue {
        guard let result, !result.isNull else { return .null }
        var object = JSONObject()
        object["content"] = result["content"] ?? .array([])
        object["structured_content"] = result["structuredContent"] ?? .null
        if let meta = result["_meta"] { object["_meta"] = meta }
        return .object(object)
    }

    private static func status(_ status: ItemStatus, exitCode: Int32?) -> ExecItemStatus {
        switch status {
        case .inProgress: return .inProgress
        case .completed: return exitCode.map { $0 == 0 } ?? true ? .completed : .failed
        case .failed: return .failed
        case .declined: return .declined
        }
    }
}
