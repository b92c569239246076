import CodexBasics
public import CodexProtocol

/// The `item` of an `item_completed` rollout event, as 0.163.0 writes it (its core `TurnItem`):
/// `{"type":"UserMessage"|"AgentMessage"|"Reasoning"|"CommandExecution"|"FileChange", "id", ...}`.
///
/// Converts between that JSON and `ThreadItem`. Reading is tolerant: a missing optional member gets its
/// default, an item kind this version does not model reads as nil (and is skipped by readers).
public enum RolloutTurnItem {
    /// The JSON for `item`; nil for kinds the rollout does not record (notices).
    public static func json(_ item: ThreadItem) -> JSONValue? {
        switch item {
        case .userMessage(let id, let content):
            return [
                "type": "UserMessage", "id": .string(id), "content": .array(content.map(userInputJSON)),
            ]
        case .agentMessage(let id, let text):
            return ["type": "AgentMessage", "id": .string(id), "content": [["type": "Text", "text": .string(text)]]]
        case .reasoning(let id, let summary, let content):
            return [
                "type": "Reasoning", "id": .string(id), "summary_text": .array(summary.map(JSONValue.string)),
                "raw_content": .array(content.map(JSONValue.string)),
            ]
        case .commandExecution(let command):
            var object = JSONObject([
                ("type", "CommandExecution"), ("id", .string(command.id)),
                ("command", .array(command.command.map(JSONValue.string))), ("cwd", .string(FileURI.encode(command.cwd))),
                ("parsed_cmd", .array(command.parsedCommands.map(\.coreJSON))), ("source", "agent"),
                ("status", .string(commandStatus(command.status))), ("aggregated_output", .string(command.aggregatedOutput)),
            ])
            if let exitCode = command.exitCode { object["exit_code"] = .int(Int64(exitCode)) }
            if let duration = command.durationMs {
                object["duration"] = ["secs": .int(duration / 1000), "nanos": .int((duration % 1000) * 1_000_000)]
            }
            return .object(object)
        case .fileChange(let change):
            var changes = JSONObject()
            for file in change.changes { changes[file.path] = fileChangeJSON(file) }
            return [
                "type": "FileChange", "id": .string(change.id), "changes": .object(changes),
                "status": .string(patchStatus(change.status)),
            ]
        case .contextCompaction(let id):
            return ["type": "ContextCompaction", "id": .string(id)]
        case .enteredReviewMode(let id, let request):
            return [
                "type": "EnteredReviewMode", "id": .string(id), "target": request.target.json,
                "user_facing_hint": .string(request.userFacingHint),
            ]
        case .exitedReviewMode(let id, let output):
            return ["type": "ExitedReviewMode", "id": .string(id), "review_output": output?.json ?? .null]
        case .webSearch(let search):
            var object = JSONObject([("type", "WebSearch"), ("id", .string(search.id)), ("query", .string(search.query))])
            if let action = search.action { object["action"] = webSearchActionJSON(action) }
            return .object(object)
        case .imageView(let id, let path):
            return ["type": "ImageView", "id": .string(id), "path": .string(FileURI.encode(path))]
        case .notice, .externalToolCall:
            return nil
        }
    }

    /// Reads an `item`; nil when it is absent, malformed, or of a kind not modelled here.
    public static func item(_ json: JSONValue?) -> ThreadItem? {
        guard let json, let type = json["type"]?.stringValue, let id = json["id"]?.stringValue else { return nil }
        switch type {
        case "UserMessage":
            return .userMessage(id: id, content: (json["content"]?.arrayValue ?? []).compactMap(userInput))
        case "AgentMessage":
            let texts = (json["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
            return .agentMessage(id: id, text: texts.joined())
        case "Reasoning":
            return .reasoning(
                id: id, summary: (json["summary_text"]?.arrayValue ?? []).compactMap(\.stringValue),
                content: (json["raw_content"]?.arrayValue ?? []).compactMap(\.stringValue))
        case "CommandExecution":
            let argv = (json["command"]?.arrayValue ?? []).compactMap(\.stringValue)
            var durationMs: Int64?
            if let duration = json["duration"], let secs = duration["secs"]?.intValue {
                durationMs = secs * 1000 + (duration["nanos"]?.intValue ?? 0) / 1_000_000
            }
            return .commandExecution(
                CommandExecutionItem(
                    id: id, command: argv, displayCommand: ShellQuoting.join(argv),
                    cwd: FileURI.decode(json["cwd"]?.stringValue ?? ""),
                    status: status(json["status"]?.stringValue), aggregatedOutput: json["aggregated_output"]?.stringValue ?? "",
                    exitCode: json["exit_code"]?.intValue.map { Int32(truncatingIfNeeded: $0) }, durationMs: durationMs,
                    parsedCommands: (json["parsed_cmd"]?.arrayValue ?? []).compactMap(parsedCommand)))
        case "FileChange":
            var files: [FileChange] = []
            for (path, change) in json["changes"]?.objectValue ?? JSONObject() {
                if let file = fileChange(path: path, change) { files.append(file) }
            }
            return .fileChange(FileChangeItem(id: id, changes: files, status: status(json["status"]?.stringValue)))
        case "ContextCompaction":
            return .contextCompaction(id: id)
        case "EnteredReviewMode":
            guard let target = json["target"].flatMap(ReviewTarget.init(json:)) else { return nil }
            let hint = json["user_facing_hint"]?.stringValue ?? ReviewRequest.userFacingHint(for: target)
            return .enteredReviewMode(id: id, request: ReviewRequest(target: target, prompt: "", userFacingHint: hint))
        case "ExitedReviewMode":
            return .exitedReviewMode(id: id, output: json["review_output"].flatMap(ReviewOutput.init(json:)))
        case "WebSearch":
            let action = json["action"].flatMap(WebSearchAction.init(json:))
            return .webSearch(WebSearchItem(id: id, query: json["query"]?.stringValue ?? action?.summary ?? "", action: action))
        case "ImageView":
            guard let path = json["path"]?.stringValue else { return nil }
            return .imageView(id: id, path: FileURI.decode(path))
        default:
            return nil
        }
    }

    // MARK: Parts

    /// A web search's `action` as 0.163.0 records it: `{"type": "search"|"open_page"|"find_in_page"|"other", ...}`,
    /// absent members left out.
    private static func webSearchActionJSON(_ action: WebSearchAction) -> JSONValue {
        var object = JSONObject()
        func put(_ key: String, _ value: JSONValue?) { if let value { object[key] = value } }
        switch action {
        case .search(let query, let queries):
            put("type", "search")
            put("query", query.map(JSONValue.string))
            put("queries", queries.map { .array($0.map(JSONValue.string)) })
        case .openPage(let url):
            put("type", "open_page")
            put("url", url.map(JSONValue.string))
        case .findInPage(let url, let pattern):
            put("type", "find_in_page")
            put("url", url.map(JSONValue.string))
            put("pattern", pattern.map(JSONValue.string))
        case .other:
            put("type", "other")
        }
        return .object(object)
    }

    private static func userInputJSON(_ input: UserInput) -> JSONValue {
        switch input {
        case .text(let text): return ["type": "text", "text": .string(text), "text_elements": []]
        case .image(let url): return ["type": "image", "image_url": .string(url)]
        case .localImage(let path): return ["type": "local_image", "path": .string(path)]
        }
    }

    private static func userInput(_ json: JSONValue) -> UserInput? {
        switch json["type"]?.stringValue {
        case "text": return json["text"]?.stringValue.map(UserInput.text)
        case "image": return json["image_url"]?.stringValue.map { .image(url: $0) }
        case "local_image": return json["path"]?.stringValue.map { .localImage(path: $0) }
        default: return nil
        }
    }

    private static func parsedCommand(_ json: JSONValue) -> ParsedCommand? {
        guard let cmd = json["cmd"]?.stringValue else { return nil }
        switch json["type"]?.stringValue {
        case "read":
            guard let name = json["name"]?.stringValue, let path = json["path"]?.stringValue else { return .unknown(cmd: cmd) }
            return .read(cmd: cmd, name: name, path: path)
        case "list_files": return .listFiles(cmd: cmd, path: json["path"]?.stringValue)
        case "search": return .search(cmd: cmd, query: json["query"]?.stringValue, path: json["path"]?.stringValue)
        default: return .unknown(cmd: cmd)
        }
    }

    private static func fileChangeJSON(_ change: FileChange) -> JSONValue {
        switch change.kind {
        case .add: return ["type": "add", "content": .string(change.diff)]
        case .delete: return ["type": "delete", "content": .string(change.diff)]
        case .update(let movePath):
            return ["type": "update", "unified_diff": .string(change.diff), "move_path": movePath.map(JSONValue.string) ?? .null]
        }
    }

    private static func fileChange(path: String, _ json: JSONValue) -> FileChange? {
        switch json["type"]?.stringValue {
        case "add": return FileChange(path: path, kind: .add, diff: json["content"]?.stringValue ?? "")
        case "delete": return FileChange(path: path, kind: .delete, diff: json["content"]?.stringValue ?? "")
        case "update":
            return FileChange(
                path: path, kind: .update(movePath: json["move_path"]?.stringValue),
                diff: json["unified_diff"]?.stringValue ?? "")
        default: return nil
        }
    }

    private static func commandStatus(_ status: ItemStatus) -> String {
        switch status {
        case .inProgress: return "inProgress"
        case .completed: return "completed"
        case .failed: return "failed"
        case .declined: return "declined"
        }
    }

    private static func patchStatus(_ status: ItemStatus) -> String {
        switch status {
        case .inProgress: return "in_progress"
        case .completed: return "completed"
        case .failed: return "failed"
        case .declined: return "declined"
        }
    }

    private static func status(_ text: String?) -> ItemStatus {
        switch text {
        case "inProgress", "in_progress": return .inProgress
        case "failed": return .failed
        case "declined": return .declined
        default: return .completed
        }
    }
}

/// `file://` URIs as 0.163.0 writes a command's `cwd` (`file:///work/dir`, reserved bytes percent-encoded).
enum FileURI {
    static func encode(_ path: String) -> String {
        var out = "file://"
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// The path of a `file://` URI; any other text is returned as it is (older files hold plain paths).
    static func decode(_ text: String) -> String {
        guard text.hasPrefix("file://") else { return text }
        let bytes = Array(text.utf8.dropFirst(7))
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexDigitValue(bytes[index + 1]), let low = hexDigitValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
