import CodexProtocol

/// A Sentry envelope as the feedback upload posts it: a header line (`{"event_id": ...}`), then items,
/// each a header line with its `type` and payload `length`, the payload, and a newline.
struct SentryEnvelope: Sendable {
    /// One framed item.
    struct Item: Sendable {
        var header: JSONObject
        var payload: [UInt8]
    }

    /// The envelope header; every envelope of one report carries the same `event_id`.
    var header: JSONObject
    var items: [Item] = []

    /// An envelope whose header names `eventID` (hyphenated UUID).
    init(eventID: String) {
        header = ["event_id": .string(eventID)]
    }

    /// The event item: `{"type":"event","length":N}` and the event's JSON.
    static func eventItem(_ event: JSONValue) -> Item {
        let payload = event.serializedBytes()
        return Item(header: ["type": "event", "length": .int(Int64(payload.count))], payload: payload)
    }

    /// An attachment item, as sentry-rust frames one: type, length, filename, `event.attachment`, content type.
    static func attachmentItem(_ attachment: FeedbackAttachment) -> Item {
        var header: JSONObject = [
            "type": "attachment", "length": .int(Int64(attachment.bytes.count)),
            "filename": .string(attachment.filename), "attachment_type": "event.attachment",
        ]
        if let contentType = attachment.contentType { header["content_type"] = .string(contentType) }
        return Item(header: header, payload: attachment.bytes)
    }

    /// The bytes posted to the envelope endpoint.
    func serialized() -> [UInt8] {
        var bytes = JSONValue.object(header).serializedBytes()
        bytes.append(UInt8(ascii: "\n"))
        for item in items {
            bytes += JSONValue.object(item.header).serializedBytes()
            bytes.append(UInt8(ascii: "\n"))
            bytes += item.payload
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
