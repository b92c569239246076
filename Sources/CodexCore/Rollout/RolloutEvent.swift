public import CodexProtocol

/// The payload of an `event_msg` line: the UI events worth replaying when a thread is reopened.
public enum RolloutEvent: Sendable, Hashable {
    /// What the user typed, with attached image URLs.
    case userMessage(message: String, images: [String])
    case agentMessage(message: String)
    case agentReasoning(text: String)
    /// Token accounting: `info` (`total_token_usage`, `last_token_usage`, `model_context_window`) and
    /// `rate_limits`, both as written (null when unknown).
    case tokenCount(info: JSONValue, rateLimits: JSONValue)
    /// A turn ended early (`interrupted`, `replaced`, `review_ended`).
    case turnAborted(reason: String, turnID: String?)
    case contextCompacted
    /// Any other event (e.g. 0.163.0's `task_started`, `item_completed`), kept as written.
    case other(type: String, payload: JSONObject)

    /// The wire `type` tag.
    public var type: String {
        switch self {
        case .userMessage: return "user_message"
        case .agentMessage: return "agent_message"
        case .agentReasoning: return "agent_reasoning"
        case .tokenCount: return "token_count"
        case .turnAborted: return "turn_aborted"
        case .contextCompacted: return "context_compacted"
        case .other(let type, _): return type
        }
    }

    /// The user's text when this event records a user message: a `user_message` event, or the
    /// `item_completed` event with a `UserMessage` item that 0.163.0 writes in its place.
    public var userMessageText: String? {
        switch self {
        case .userMessage(let message, _): return message
        case .other("item_completed", let payload): return Self.userMessageText(ofCompletedItem: payload["item"])
        default: return nil
        }
    }

    static func userMessageText(ofCompletedItem item: JSONValue?) -> String? {
        guard let item, item["type"]?.stringValue == "UserMessage" else { return nil }
        let texts = (item["content"]?.arrayValue ?? []).compactMap { part -> String? in
            part["type"]?.stringValue == "text" ? part["text"]?.stringValue : nil
        }
        return texts.joined(separator: "\n")
    }

    /// Reads an `event_msg` payload; unknown event types become `.other`.
    init(payload: JSONValue) throws(RolloutFieldError) {
        let object = try payload.requireObject(in: "event_msg")
        let type = try object.requiredString("type", in: "event_msg")
        let context = "event_msg \(type)"
        switch type {
        case "user_message":
            let images = (object["images"]?.arrayValue ?? []).compactMap(\.stringValue)
            self = .userMessage(message: try object.requiredString("message", in: context), images: images)
        case "agent_message":
            self = .agentMessage(message: try object.requiredString("message", in: context))
        case "agent_reasoning":
            self = .agentReasoning(text: try object.requiredString("text", in: context))
        case "token_count":
            self = .tokenCount(info: object["info"] ?? .null, rateLimits: object["rate_limits"] ?? .null)
        case "turn_aborted":
            self = .turnAborted(
                reason: try object.requiredString("reason", in: context),
                turnID: try object.optionalString("turn_id", in: context))
        case "context_compacted":
            self = .contextCompacted
        default:
            self = .other(type: type, payload: object)
        }
    }

    /// The payload as written; `user_message` carries the same empty lists 0.163.0 writes.
    var payload: JSONValue {
        var object = JSONObject([("type", .string(type))])
        switch self {
        case .userMessage(let message, let images):
            object["message"] = .string(message)
            object["images"] = .array(images.map(JSONValue.string))
            object["local_images"] = []
            object["text_elements"] = []
        case .agentMessage(let message):
            object["message"] = .string(message)
        case .agentReasoning(let text):
            object["text"] = .string(text)
        case .tokenCount(let info, let rateLimits):
            object["info"] = info
            object["rate_limits"] = rateLimits
        case .turnAborted(let reason, let turnID):
            if let turnID { object["turn_id"] = .string(turnID) }
            object["reason"] = .string(reason)
        case .contextCompacted:
            break
        case .other(_, let payload):
            object.merge(missingFrom: payload)
        }
        return .object(object)
    }
}
