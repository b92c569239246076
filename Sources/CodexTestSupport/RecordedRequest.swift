public import CodexProtocol

/// One HTTP request the mock server received, kept for assertions.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    /// The request target as sent, including any query string.
    public var uri: String
    /// Header fields in arrival order.
    public var headers: [HTTPHeader]
    /// The raw request body.
    public var bodyBytes: [UInt8]
    /// The body parsed as JSON; nil when it is empty or not JSON.
    public var body: JSONValue?

    public init(method: String, uri: String, headers: [HTTPHeader], bodyBytes: [UInt8]) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.bodyBytes = bodyBytes
        self.body = bodyBytes.isEmpty ? nil : try? JSONParser.parse(bytes: bodyBytes)
    }

    /// The request path without the query string.
    public var path: String {
        if let question = uri.firstIndex(of: "?") { return String(uri[..<question]) }
        return uri
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// `body.input` of a Responses request (empty when absent).
    public var inputItems: [JSONValue] { body?["input"]?.arrayValue ?? [] }

    /// The `function_call_output` or `custom_tool_call_output` input item answering `callID`.
    public func toolOutput(callID: String) -> JSONValue? {
        inputItems.first { item in
            let type = item["type"]?.stringValue
            return (type == "function_call_output" || type == "custom_tool_call_output")
                && item["call_id"]?.stringValue == callID
        }
    }

    /// Text of every `input_text` part of user messages in the input, in order.
    public var userTexts: [String] {
        inputItems.compactMap { item -> [String]? in
            guard item["type"]?.stringValue == "message", item["role"]?.stringValue == "user" else { return nil }
            return (item["content"]?.arrayValue ?? []).compactMap { part in
                part["type"]?.stringValue == "input_text" ? part["text"]?.stringValue : nil
            }
        }.flatMap { $0 }
    }
}
