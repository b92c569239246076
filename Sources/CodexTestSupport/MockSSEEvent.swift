public import CodexBasics
public import CodexProtocol

/// One server-sent event as the mock server writes it: an optional `event:` name and a `data:` payload.
/// Parsing goes through CodexBasics' `SSEParser`; `init(parsed:)` turns its events into this shape.
public struct MockSSEEvent: Sendable, Hashable, CustomStringConvertible {
    /// The `event:` field; nil writes a data-only event (the Chat Completions style).
    public var name: String?
    /// The `data:` payload; a payload with newlines is written as several `data:` lines.
    public var data: String

    public init(name: String?, data: String) {
        self.name = name
        self.data = data
    }

    /// A Responses API event: the name is the payload's `type` member, the data its compact JSON.
    public init(json: JSONValue) {
        self.init(name: json["type"]?.stringValue, data: json.serialized())
    }

    /// A parsed event: the default type `message` (what a data-only event dispatches as) becomes no name.
    public init(parsed: SSEEvent) {
        self.init(name: parsed.event == "message" ? nil : parsed.event, data: parsed.data)
    }

    /// A data-only event carrying compact JSON (a Chat Completions chunk).
    public static func dataOnly(_ json: JSONValue) -> MockSSEEvent {
        MockSSEEvent(name: nil, data: json.serialized())
    }

    /// Every event that `bytes` complete, parsed by `parser` (which keeps any partial event for the next call).
    public static func parse(_ bytes: some Sequence<UInt8>, with parser: inout SSEParser) -> [MockSSEEvent] {
        parser.feed(bytes).map(MockSSEEvent.init(parsed:))
    }

    /// The payload parsed as JSON, or nil when it is not JSON (for example `[DONE]`).
    public var json: JSONValue? { try? JSONParser.parse(data) }

    /// The event exactly as written to the stream, ending with the blank line that dispatches it.
    public var wireText: String {
        var text = ""
        if let name { text += "event: \(name)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        return text + "\n"
    }

    public var description: String { wireText }
}
