/// One item of conversation history as the Responses API spells it (`{"type": "message", ...}`).
///
/// Used for model input, model output, and the `response_item` lines of rollouts. Item ids are kept
/// when the model sends them but are not needed on input. Unknown item types are kept verbatim.
public enum ResponseItem: Sendable, Hashable {
    case message(MessageItem)
    case reasoning(ReasoningItem)
    case functionCall(FunctionCallItem)
    case functionCallOutput(FunctionCallOutputItem)
    case customToolCall(CustomToolCallItem)
    case customToolCallOutput(CustomToolCallOutputItem)
    /// Any other item type, preserved as received (e.g. `web_search_call`, `local_shell_call`).
    case unknown(type: String, raw: JSONValue)

    /// The wire `type` tag.
    public var type: String {
        switch self {
        case .message: return "message"
        case .reasoning: return "reasoning"
        case .functionCall: return "function_call"
        case .functionCallOutput: return "function_call_output"
        case .customToolCall: return "custom_tool_call"
        case .customToolCallOutput: return "custom_tool_call_output"
        case .unknown(let type, _): return type
        }
    }
}

/// A `message` item: a role and its content parts.
public struct MessageItem: Sendable, Hashable, Codable {
    public var id: String?
    /// `user`, `assistant`, `developer` or `system`.
    public var role: String
    public var content: [ContentItem]

    public init(id: String? = nil, role: String, content: [ContentItem]) {
        self.id = id
        self.role = role
        self.content = content
    }

    enum CodingKeys: String, CodingKey {
        case id, role, content
    }

    /// The concatenated text of all text parts.
    public var text: String {
        content.compactMap(\.text).joined()
    }
}

/// One part of a message's content.
public enum ContentItem: Sendable, Hashable, Codable {
    case inputText(String)
    case inputImage(imageURL: String)
    case outputText(String)
    case unknown(type: String, raw: JSONValue)

    /// The text of a text part.
    public var text: String? {
        switch self {
        case .inputText(let text), .outputText(let text): return text
        default: return nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, text
        case imageURL = "image_url"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "input_text": self = .inputText(try container.decode(String.self, forKey: .text))
        case "output_text": self = .outputText(try container.decode(String.self, forKey: .text))
        case "input_image": self = .inputImage(imageURL: try container.decode(String.self, forKey: .imageURL))
        default: self = .unknown(type: type, raw: try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .unknown(_, let raw) = self {
            try raw.encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .inputText(let text):
            try container.encode("input_text", forKey: .type)
            try container.encode(text, forKey: .text)
        case .outputText(let text):
            try container.encode("output_text", forKey: .type)
            try container.encode(text, forKey: .text)
        case .inputImage(let url):
            try container.encode("input_image", forKey: .type)
            try container.encode(url, forKey: .imageURL)
        case .unknown:
            break
        }
    }
}

/// A `reasoning` item: summary parts, optional raw content, and the opaque encrypted state.
public struct ReasoningItem: Sendable, Hashable, Codable {
    public var id: String?
    public var summary: [ReasoningText]
    public var content: [ReasoningText]?
    public var encryptedContent: String?

    public init(id: String? = nil, summary: [ReasoningText], content: [ReasoningText]? = nil, encryptedContent: String? = nil) {
        self.id = id
        self.summary = summary
        self.content = content
        self.encryptedContent = encryptedContent
    }

    enum CodingKeys: String, CodingKey {
        case id, summary, content
        case encryptedContent = "encrypted_content"
    }
}

/// One text part of a reasoning item (`summary_text` or `reasoning_text`).
public struct ReasoningText: Sendable, Hashable, Codable {
    /// `summary_text` or `reasoning_text`.
    public var type: String
    public var text: String

    public init(type: String = "summary_text", text: String) {
        self.type = type
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case type, text
    }
}

/// A `function_call` item: the model calls a JSON-schema tool; `arguments` is a JSON string.
public struct FunctionCallItem: Sendable, Hashable, Codable {
    public var id: String?
    /// The `namespace` tool the called function belongs to (an MCP server's `mcp__<server>`), when any.
    public var namespace: String?
    public var name: String
    public var arguments: String
    public var callID: String

    public init(id: String? = nil, namespace: String? = nil, name: String, arguments: String, callID: String) {
        self.id = id
        self.namespace = namespace
        self.name = name
        self.arguments = arguments
        self.callID = callID
    }

    enum CodingKeys: String, CodingKey {
        case id, namespace, name, arguments
        case callID = "call_id"
    }
}

/// A `function_call_output` item: the tool's result text for a call.
public struct FunctionCallOutputItem: Sendable, Hashable, Codable {
    public var callID: String
    /// The output as text (for an array output, its text parts joined).
    public var output: String
    /// When set, `output` goes on the wire as this array of content parts (`input_text`, `input_image`)
    /// instead of a string.
    public var contentItems: [JSONValue]?

    public init(callID: String, output: String, contentItems: [JSONValue]? = nil) {
        self.callID = callID
        self.output = output
        self.contentItems = contentItems
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id"
        case output
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        callID = try container.decode(String.self, forKey: .callID)
        if let text = try? container.decode(String.self, forKey: .output) {
            output = text
            contentItems = nil
        } else {
            let items = try container.decode([JSONValue].self, forKey: .output)
            contentItems = items
            output = items.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(callID, forKey: .callID)
        if let contentItems {
            try container.encode(contentItems, forKey: .output)
        } else {
            try container.encode(output, forKey: .output)
        }
    }
}

/// A `custom_tool_call` item: the model calls a freeform tool (e.g. apply_patch) with raw `input`.
public struct CustomToolCallItem: Sendable, Hashable, Codable {
    public var id: String?
    public var status: String?
    public var callID: String
    public var name: String
    public var input: String

    public init(id: String? = nil, status: String? = nil, callID: String, name: String, input: String) {
        self.id = id
        self.status = status
        self.callID = callID
        self.name = name
        self.input = input
    }

    enum CodingKeys: String, CodingKey {
        case id, status, name, input
        case callID = "call_id"
    }
}

/// A `custom_tool_call_output` item: a freeform tool's result text.
public struct CustomToolCallOutputItem: Sendable, Hashable, Codable {
    public var callID: String
    public var output: String

    public init(callID: String, output: String) {
        self.callID = callID
        self.output = output
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id"
        case output
    }
}

extension ResponseItem: Codable {
    enum TypeKey: String, CodingKey {
        case type
    }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "message": self = .message(try MessageItem(from: decoder))
        case "reasoning": self = .reasoning(try ReasoningItem(from: decoder))
        case "function_call": self = .functionCall(try FunctionCallItem(from: decoder))
        case "function_call_output": self = .functionCallOutput(try FunctionCallOutputItem(from: decoder))
        case "custom_tool_call": self = .customToolCall(try CustomToolCallItem(from: decoder))
        case "custom_tool_call_output": self = .customToolCallOutput(try CustomToolCallOutputItem(from: decoder))
        default: self = .unknown(type: type, raw: try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .unknown(_, let raw):
            try raw.encode(to: encoder)
            return
        case .message(let item): try item.encode(to: encoder)
        case .reasoning(let item): try item.encode(to: encoder)
        case .functionCall(let item): try item.encode(to: encoder)
        case .functionCallOutput(let item): try item.encode(to: encoder)
        case .customToolCall(let item): try item.encode(to: encoder)
        case .customToolCallOutput(let item): try item.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(type, forKey: .type)
    }
}
