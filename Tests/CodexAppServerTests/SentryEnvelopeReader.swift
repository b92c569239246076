import CodexProtocol

/// A Sentry envelope as a test reads it back: the header line and each item's header and payload,
/// framed by the items' `length`.
struct SentryEnvelopeReader {
    /// One item: its header line and payload bytes.
    struct Item {
        var header: JSONValue
        var payload: [UInt8]
        var text: String { String(decoding: payload, as: UTF8.self) }
        var json: JSONValue? { try? JSONParser.parse(bytes: payload) }
    }

    var header: JSONValue
    var items: [Item] = []

    /// The bytes are not an envelope.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    init(_ bytes: [UInt8]) throws {
        var position = 0
        func line() throws -> [UInt8] {
            guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw Malformed(description: "no newline after byte \(position)")
            }
            defer { position = end + 1 }
            return Array(bytes[position..<end])
        }
        header = try JSONParser.parse(bytes: try line())
        while position < bytes.count {
            let itemHeader = try JSONParser.parse(bytes: try line())
            guard let length = itemHeader["length"]?.intValue, length >= 0, position + Int(length) < bytes.count + 1
            else { throw Malformed(description: "bad item length in \(itemHeader.serialized())") }
            let end = position + Int(length)
            let payload = Array(bytes[position..<end])
            position = end
            if position < bytes.count {
                guard bytes[position] == UInt8(ascii: "\n") else { throw Malformed(description: "no newline after item") }
                position += 1
            }
            items.append(Item(header: itemHeader, payload: payload))
        }
    }
}
