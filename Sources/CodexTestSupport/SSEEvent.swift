public import CodexProtocol

/// One server-sent event as it goes on the wire: an optional `event:` name and a `data:` payload.
public struct SSEEvent: Sendable, Hashable, CustomStringConvertible {
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

    /// A data-only event carrying compact JSON (a Chat Completions chunk).
    public static func dataOnly(_ json: JSONValue) -> SSEEvent {
        SSEEvent(name: nil, data: json.serialized())
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

/// Incremental parser for a `text/event-stream` body: feed bytes, get complete events.
///
/// Follows the SSE rules the clients use: `event:`/`data:` fields, one optional space after the colon,
/// several `data:` lines joined with `\n`, comment lines (`:`) ignored, a blank line dispatches.
public struct SSEParser: Sendable {
    private var splitter = LineSplitter()
    private var name: String?
    private var dataLines: [String] = []

    public init() {}

    /// Feeds raw body bytes and returns every event they complete, in order.
    public mutating func append(_ bytes: some Collection<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for piece in splitter.append(bytes) {
            guard case .line(let lineBytes) = piece else { continue }
            let line = String(decoding: lineBytes, as: UTF8.self)
            if line.isEmpty {
                if name != nil || !dataLines.isEmpty {
                    events.append(SSEEvent(name: name, data: dataLines.joined(separator: "\n")))
                }
                name = nil
                dataLines = []
                continue
            }
            if line.hasPrefix(":") { continue }
            let field: Substring
            var value: Substring
            if let colon = line.firstIndex(of: ":") {
                field = line[..<colon]
                value = line[line.index(after: colon)...]
                if value.hasPrefix(" ") { value = value.dropFirst() }
            } else {
                field = line[...]
                value = ""
            }
            switch field {
            case "event": name = String(value)
            case "data": dataLines.append(String(value))
            default: continue
            }
        }
        return events
    }
}
