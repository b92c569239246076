/// One dispatched Server-Sent Event: the `event:` name (default `message`), the joined `data:` lines,
/// and the last `id:` seen.
public struct SSEEvent: Sendable, Hashable {
    public var event: String
    public var data: String
    public var id: String?

    public init(event: String = "message", data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}

/// An incremental Server-Sent Events parser (WHATWG event-stream rules): feed it bytes as they arrive,
/// in chunks split anywhere, and it returns the events completed by each chunk. Pure; no I/O.
///
/// Lines end in LF, CR or CRLF (a CRLF split across two chunks counts once). A blank line dispatches
/// the pending event; an event without `data:` lines is dropped. Lines starting with `:` are comments.
/// `data:` lines are joined with `\n`. One space after the colon is stripped. A leading UTF-8 BOM is
/// skipped. `retry:` is parsed into `reconnectionTime` (milliseconds) and otherwise ignored.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var lastByteWasCR = false
    private var atStreamStart = true
    private var eventType = ""
    private var dataBuffer = ""
    private var hasData = false
    private var lastEventID: String?
    /// The last valid `retry:` value, in milliseconds.
    public private(set) var reconnectionTime: Int?

    public init() {}

    /// Consumes a chunk of bytes and returns every event it completed, in order.
    ///
    /// Inlinable so the caller's module (a `ByteBufferView` in the model client) reaches the contiguous
    /// bytes directly: an unspecialized generic walk of the sequence cost ~4 us per streamed delta.
    @inlinable
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        if let events = bytes.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0)) }) {
            return events
        }
        return Array(bytes).withUnsafeBytes { feed($0) }
    }

    /// Consumes a chunk of contiguous bytes and returns every event it completed, in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [SSEEvent] {
        var events: [SSEEvent] = []
        var runStart = 0
        for (index, byte) in bytes.enumerated() {
            if lastByteWasCR {
                lastByteWasCR = false
                if byte == 0x0A {  // the LF of a CRLF
                    runStart = index + 1
                    continue
                }
            }
            guard byte == 0x0D || byte == 0x0A else { continue }
            line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            runStart = index + 1
            lastByteWasCR = byte == 0x0D
            endLine(into: &events)
        }
        line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        return events
    }

    /// Ends the stream. Per the event-stream rules, a final event not followed by a blank line is
    /// discarded, so this returns nothing; it resets the parser for reuse.
    public mutating func finish() -> [SSEEvent] {
        self = SSEParser()
        return []
    }

    private mutating func endLine(into events: inout [SSEEvent]) {
        var bytes = line
        line.removeAll(keepingCapacity: true)
        if atStreamStart {
            atStreamStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        if bytes.isEmpty {
            dispatch(into: &events)
            return
        }
        if bytes.first == UInt8(ascii: ":") { return }
        let field: String
        let value: String
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: bytes[..<colon], as: UTF8.self)
            var valueStart = bytes.index(after: colon)
            if valueStart < bytes.endIndex, bytes[valueStart] == UInt8(ascii: " ") {
                valueStart = bytes.index(after: valueStart)
            }
            value = String(decoding: bytes[valueStart...], as: UTF8.self)
        } else {
            field = String(decoding: bytes, as: UTF8.self)
            value = ""
        }
        switch field {
        case "event":
            eventType = value
        case "data":
            if hasData { dataBuffer.append("\n") }
            dataBuffer.append(value)
            hasData = true
        case "id":
            if !value.contains("\u{0}") { lastEventID = value }
        case "retry":
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                reconnectionTime = Int(value)
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            eventType = ""
            dataBuffer = ""
            hasData = false
        }
        guard hasData else { return }
        events.append(SSEEvent(event: eventType.isEmpty ? "message" : eventType, data: dataBuffer, id: lastEventID))
    }
}
