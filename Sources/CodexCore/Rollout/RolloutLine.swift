public import CodexProtocol
import FoundationEssentials

/// One line of a rollout file: `{"timestamp": ..., "type": ..., "payload": ...}`.
///
/// 0.163.0 adds an `ordinal` (and sometimes `metadata`) to files it writes in its paginated history
/// mode; those are read and kept, but this writer uses the classic three-member form, which is also
/// what 0.163.0 itself appends to such files.
public struct RolloutLine: Sendable, Hashable {
    /// UTC time the line was written, `2026-11-22T01:51:09.525Z`.
    public var timestamp: String
    /// 0.163.0's line counter, when the file has one.
    public var ordinal: Int64?
    public var item: RolloutItem

    public init(timestamp: String, ordinal: Int64? = nil, item: RolloutItem) {
        self.timestamp = timestamp
        self.ordinal = ordinal
        self.item = item
    }

    /// Parses one line of JSON; an unknown `type` becomes `.unknown`, a bad payload is an error.
    init(json: JSONValue) throws(RolloutFieldError) {
        let object = try json.requireObject(in: "rollout line")
        timestamp = try object.optionalString("timestamp", in: "rollout line") ?? ""
        ordinal = object["ordinal"]?.intValue
        let type = try object.requiredString("type", in: "rollout line")
        item = try RolloutItem(type: type, payload: object["payload"] ?? .null)
    }

    /// The line's JSON text, without the trailing newline.
    func serialized() throws(RolloutFieldError) -> String {
        var object = JSONObject([("timestamp", .string(timestamp))])
        if let ordinal { object["ordinal"] = .int(ordinal) }
        object["type"] = .string(item.type)
        object["payload"] = try item.payload()
        return JSONValue.object(object).serialized()
    }
}

/// What a rollout line records.
public enum RolloutItem: Sendable, Hashable {
    case sessionMeta(SessionMeta)
    case responseItem(ResponseItem)
    case eventMsg(RolloutEvent)
    case turnContext(TurnContextRecord)
    case compacted(CompactedRecord)
    /// A line type this version does not know (0.163.0's `world_state`, `token_usage_record`, ...), kept as written.
    case unknown(type: String, payload: JSONValue)

    /// The wire `type` tag.
    public var type: String {
        switch self {
        case .sessionMeta: return "session_meta"
        case .responseItem: return "response_item"
        case .eventMsg: return "event_msg"
        case .turnContext: return "turn_context"
        case .compacted: return "compacted"
        case .unknown(let type, _): return type
        }
    }

    init(type: String, payload: JSONValue) throws(RolloutFieldError) {
        switch type {
        case "session_meta": self = .sessionMeta(try SessionMeta(payload: payload))
        case "response_item": self = .responseItem(try ResponseItemJSON.decode(payload, context: "response_item"))
        case "event_msg": self = .eventMsg(try RolloutEvent(payload: payload))
        case "turn_context": self = .turnContext(try TurnContextRecord(payload: payload))
        case "compacted": self = .compacted(try CompactedRecord(payload: payload))
        default: self = .unknown(type: type, payload: payload)
        }
    }

    func payload() throws(RolloutFieldError) -> JSONValue {
        switch self {
        case .sessionMeta(let meta): return meta.payload
        case .responseItem(let item): return try ResponseItemJSON.encode(item)
        case .eventMsg(let event): return event.payload
        case .turnContext(let context): return context.payload
        case .compacted(let record): return try record.payload()
        case .unknown(_, let payload): return payload
        }
    }
}

/// Converts `ResponseItem`s to and from `JSONValue`, with `type` written first as the reference does.
enum ResponseItemJSON {
    static func decode(_ value: JSONValue, context: String) throws(RolloutFieldError) -> ResponseItem {
        guard value.objectValue?["type"]?.stringValue != nil else {
            throw RolloutFieldError(message: "\(context): a response item needs a string `type`")
        }
        do {
            // Straight from the parsed value (JSONValue.decode would go through Foundation's JSONDecoder).
            return try WireDecoder().decode(ResponseItem.self, from: value)
        } catch {
            throw RolloutFieldError(message: "\(context): \(Self.describe(error))")
        }
    }

    static func encode(_ item: ResponseItem) throws(RolloutFieldError) -> JSONValue {
        let encoded: JSONValue
        do {
            encoded = try JSONValue(encoding: item)
        } catch {
            throw RolloutFieldError(message: "response item \(item.type) could not be encoded: \(error)")
        }
        guard let object = encoded.objectValue else { return encoded }
        var ordered = JSONObject([("type", .string(item.type))])
        ordered.merge(missingFrom: object)
        return .object(ordered)
    }

    private static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        switch decodingError {
        case .keyNotFound(let key, let context):
            return "missing field `\(Self.path(context.codingPath + [key]))`"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad field `\(Self.path(context.codingPath))`: \(context.debugDescription)"
        @unknown default:
            return String(describing: decodingError)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
