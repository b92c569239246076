public import CodexProtocol
import FoundationEssentials

/// The mock server's scripted replies (consumed in order) and its model list, loadable from JSON.
///
/// JSON form: either an array of replies or `{"replies": [...], "models": ["mock-model"]}`. Each reply is
/// an object with a `type`:
/// - `assistant_text`: `text`, optional `deltas` (array of strings), `response_id`, `item_id`, `usage`
/// - `function_call`: `call_id`, `name`, `arguments` (a string, or any JSON value to serialize), `response_id`, `usage`
/// - `custom_tool_call`: `call_id`, `name`, `input`, `response_id`, `usage`
/// - `response`: `items` (output item objects), `response_id`, `usage`
/// - `events`: `events` (Responses event objects, each with its `type`, sent as is)
/// - `failed`: `code`, `message`, `response_id`
/// - `chat_text`: `text`, optional `deltas`; `chat_tool_call`: `call_id`, `name`, `arguments`, optional
///   `argument_deltas`; `chat_events`: `chunks` (chunk objects; `[DONE]` is appended)
/// - `http_error`: optional `status` (500), `body`; `rate_limited`: optional `retry_after` ("1"), `message`
/// - `json`: `body` (any JSON, sent with `application/json`), optional `status` (200)
///
/// Every reply also accepts `headers` (object of strings), `event_delay_ms`, `hold` (`{"after_events": N,
/// "gate": "name"}`) and `cut_after_events`. `usage` takes `input_tokens`, `cached_input_tokens`,
/// `output_tokens`, `reasoning_output_tokens`, `total_tokens`. Unknown keys are errors.
public struct MockScript: Sendable, Hashable {
    public var replies: [MockReply]
    /// Model ids `GET /v1/models` lists.
    public var models: [String]

    public init(replies: [MockReply] = [], models: [String] = [SSE.defaultModel]) {
        self.replies = replies
        self.models = models
    }

    /// Decodes the JSON form described on the type.
    /// - Throws: `MockScriptError` naming the path of the offending value (for example `replies[2].call_id`).
    public init(jsonValue: JSONValue) throws(MockScriptError) {
        switch jsonValue {
        case .array(let replies):
            self.init(replies: try Self.decodeReplies(replies, path: "replies"))
        case .object(let object):
            try Self.checkKeys(object, allowed: ["replies", "models"], path: "script")
            let replies = try Field(object, "replies", path: "script").array()
            var models = [SSE.defaultModel]
            if object["models"] != nil {
                models = try Field(object, "models", path: "script").strings()
            }
            self.init(replies: try Self.decodeReplies(replies, path: "script.replies"), models: models)
        default:
            throw MockScriptError(
                path: "script", reason: "expected an array of replies or an object, got \(jsonValue.typeName)")
        }
    }

    /// Parses JSON text, then decodes it as `init(jsonValue:)` does.
    public init(jsonText: String) throws(MockScriptError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(jsonText)
        } catch {
            throw MockScriptError(path: "script", reason: "not valid JSON: \(error)")
        }
        try self.init(jsonValue: value)
    }

    /// Reads and decodes a script file; errors name the file.
    public init(contentsOfFile path: String) throws(MockScriptError) {
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
        } catch {
            throw MockScriptError(path: path, reason: "cannot read: \(error)")
        }
        do {
            try self.init(jsonText: text)
        } catch {
            throw MockScriptError(path: "\(path): \(error.path)", reason: error.reason)
        }
    }

    private static func decodeReplies(_ values: [JSONValue], path: String) throws(MockScriptError) -> [MockReply] {
        var replies: [MockReply] = []
        for (index, value) in values.enumerated() {
            replies.append(try decodeReply(value, path: "\(path)[\(index)]"))
        }
        return replies
    }

    private static let commonKeys: Set<String> = ["type", "headers", "event_delay_ms", "hold", "cut_after_events"]

    private static func decodeReply(_ value: JSONValue, path: String) throws(MockScriptError) -> MockReply {
        guard let object = value.objectValue else {
            throw MockScriptError(path: path, reason: "expected an object, got \(value.typeName)")
        }
        let type = try Field(object, "type", path: path).string()
        func field(_ key: String) -> Field { Field(object, key, path: path) }
        var reply: MockReply
        let keys: Set<String>
        switch type {
        case "assistant_text":
            keys = ["text", "deltas", "response_id", "item_id", "usage"]
            reply = .assistantText(
                try field("text").string(),
                deltas: try field("deltas").optional { f throws(MockScriptError) in try f.strings() },
                responseID: try field("response_id").string(default: "resp_1"),
                itemID: try field("item_id").string(default: "msg_1"), usage: try decodeUsage(field("usage")))
        case "function_call":
            keys = ["call_id", "name", "arguments", "response_id", "usage"]
            let arguments = try field("arguments").value()
            reply = .functionCall(
                callID: try field("call_id").string(), name: try field("name").string(),
                arguments: arguments.stringValue ?? arguments.serialized(),
                responseID: try field("response_id").string(default: "resp_1"), usage: try decodeUsage(field("usage")))
        case "custom_tool_call":
            keys = ["call_id", "name", "input", "response_id", "usage"]
            reply = .customToolCall(
                callID: try field("call_id").string(), name: try field("name").string(),
                input: try field("input").string(), responseID: try field("response_id").string(default: "resp_1"),
                usage: try decodeUsage(field("usage")))
        case "response":
            keys = ["items", "response_id", "usage"]
            reply = .response(
                id: try field("response_id").string(default: "resp_1"), items: try field("items").objects(),
                usage: try decodeUsage(field("usage")))
        case "events":
            keys = ["events"]
            reply = .stream(try field("events").objects().map { MockSSEEvent(json: $0) })
        case "failed":
            keys = ["code", "message", "response_id"]
            reply = .failed(
                code: try field("code").string(), message: try field("message").string(),
                responseID: try field("response_id").string(default: "resp_1"))
        case "chat_text":
            keys = ["text", "deltas"]
            reply = .chatText(
                try field("text").string(),
                deltas: try field("deltas").optional { f throws(MockScriptError) in try f.strings() })
        case "chat_tool_call":
            keys = ["call_id", "name", "arguments", "argument_deltas"]
            let arguments = try field("arguments").value()
            reply = .chatToolCall(
                callID: try field("call_id").string(), name: try field("name").string(),
                arguments: arguments.stringValue ?? arguments.serialized(),
                argumentDeltas: try field("argument_deltas").optional { f throws(MockScriptError) in try f.strings() })
        case "chat_events":
            keys = ["chunks"]
            reply = .chatStream(try field("chunks").objects().map { MockSSEEvent.dataOnly($0) })
        case "http_error":
            keys = ["status", "body"]
            reply = .httpError(
                status: try field("status").int(default: 500),
                body: try field("body").string(default: "mock server error"))
        case "json":
            keys = ["status", "body"]
            reply = .json(try field("body").value(), status: try field("status").int(default: 200))
        case "rate_limited":
            keys = ["retry_after", "message"]
            let retryAfter = try field("retry_after").optional { f throws(MockScriptError) in try f.value() }
            reply = .rateLimited(
                retryAfter: retryAfter.map { $0.stringValue ?? $0.serialized() } ?? "1",
                message: try field("message").string(default: "Rate limit reached"))
        default:
            throw MockScriptError(path: "\(path).type", reason: "unknown reply type \"\(type)\"")
        }
        try checkKeys(object, allowed: keys.union(commonKeys), path: path)
        try applyCommonFields(object, to: &reply, path: path)
        return reply
    }

    private static func applyCommonFields(_ object: JSONObject, to reply: inout MockReply, path: String)
        throws(MockScriptError)
    {
        if let headers = object["headers"] {
            guard let headerObject = headers.objectValue else {
                throw MockScriptError(path: "\(path).headers", reason: "expected an object, got \(headers.typeName)")
            }
            for (name, value) in headerObject {
                guard let text = value.stringValue else {
                    throw MockScriptError(
                        path: "\(path).headers.\(name)", reason: "expected a string, got \(value.typeName)")
                }
                reply.headers.append(HTTPHeader(name, text))
            }
        }
        if object["event_delay_ms"] != nil {
            let millis = try Field(object, "event_delay_ms", path: path).int(minimum: 0)
            reply.eventDelay = .milliseconds(millis)
        }
        if let hold = object["hold"] {
            guard let holdObject = hold.objectValue else {
                throw MockScriptError(path: "\(path).hold", reason: "expected an object, got \(hold.typeName)")
            }
            try checkKeys(holdObject, allowed: ["after_events", "gate"], path: "\(path).hold")
            reply.hold = MockReply.Hold(
                afterEvents: try Field(holdObject, "after_events", path: "\(path).hold").int(minimum: 0),
                gate: try Field(holdObject, "gate", path: "\(path).hold").string(default: "hold"))
        }
        if object["cut_after_events"] != nil {
            reply.cutAfterEvents = try Field(object, "cut_after_events", path: path).int(minimum: 0)
        }
    }

    private static func decodeUsage(_ field: Field) throws(MockScriptError) -> MockUsage {
        guard let value = field.object[field.key] else { return MockUsage() }
        guard let object = value.objectValue else {
            throw MockScriptError(path: field.fieldPath, reason: "expected an object, got \(value.typeName)")
        }
        let path = field.fieldPath
        try checkKeys(
            object,
            allowed: [
                "input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens", "total_tokens",
            ],
            path: path)
        func count(_ key: String, _ fallback: Int64) throws(MockScriptError) -> Int64 {
            Int64(try Field(object, key, path: path).int(default: Int(fallback)))
        }
        let defaults = MockUsage()
        let input = try count("input_tokens", defaults.inputTokens)
        let output = try count("output_tokens", defaults.outputTokens)
        return MockUsage(
            inputTokens: input, cachedInputTokens: try count("cached_input_tokens", 0), outputTokens: output,
            reasoningOutputTokens: try count("reasoning_output_tokens", 0),
            totalTokens: try count("total_tokens", input + output))
    }

    private static func checkKeys(_ object: JSONObject, allowed: Set<String>, path: String) throws(MockScriptError) {
        for key in object.keys where !allowed.contains(key) {
            throw MockScriptError(path: "\(path).\(key)", reason: "unknown key")
        }
    }
}

/// A script value that could not be decoded, with the path of the bad value.
public struct MockScriptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, for example `replies[1].call_id`.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "mock script: \(path): \(reason)" }
}

/// Typed access to one member of a script object, with errors naming its path.
private struct Field {
    let object: JSONObject
    let key: String
    let path: String

    init(_ object: JSONObject, _ key: String, path: String) {
        self.object = object
        self.key = key
        self.path = path
    }

    var fieldPath: String { "\(path).\(key)" }

    func value() throws(MockScriptError) -> JSONValue {
        guard let value = object[key] else { throw MockScriptError(path: fieldPath, reason: "missing") }
        return value
    }

    func optional<T>(_ read: (Field) throws(MockScriptError) -> T) throws(MockScriptError) -> T? {
        object[key] == nil ? nil : try read(self)
    }

    func string() throws(MockScriptError) -> String {
        let value = try value()
        guard let text = value.stringValue else { throw mismatch("a string", value) }
        return text
    }

    func string(default fallback: String) throws(MockScriptError) -> String {
        object[key] == nil ? fallback : try string()
    }

    func int(minimum: Int = Int.min) throws(MockScriptError) -> Int {
        let value = try value()
        guard let number = value.intValue, let exact = Int(exactly: number) else { throw mismatch("an integer", value) }
        guard exact >= minimum else { throw MockScriptError(path: fieldPath, reason: "must be at least \(minimum)") }
        return exact
    }

    func int(default fallback: Int) throws(MockScriptError) -> Int {
        object[key] == nil ? fallback : try int()
    }

    func array() throws(MockScriptError) -> [JSONValue] {
        let value = try value()
        guard let elements = value.arrayValue else { throw mismatch("an array", value) }
        return elements
    }

    func strings() throws(MockScriptError) -> [String] {
        var result: [String] = []
        for (index, element) in try array().enumerated() {
            guard let text = element.stringValue else {
                throw MockScriptError(
                    path: "\(fieldPath)[\(index)]", reason: "expected a string, got \(element.typeName)")
            }
            result.append(text)
        }
        return result
    }

    func objects() throws(MockScriptError) -> [JSONValue] {
        let elements = try array()
        for (index, element) in elements.enumerated() where element.objectValue == nil {
            throw MockScriptError(path: "\(fieldPath)[\(index)]", reason: "expected an object, got \(element.typeName)")
        }
        return elements
    }

    private func mismatch(_ expected: String, _ value: JSONValue) -> MockScriptError {
        MockScriptError(path: fieldPath, reason: "expected \(expected), got \(value.typeName)")
    }
}
