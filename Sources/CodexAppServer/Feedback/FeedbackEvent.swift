import CodexProtocol
import FoundationEssentials

/// The Sentry event of one feedback report: its title ("[Bug]: Codex session <thread>"), level, tags
/// and the user's reason (as the exception value, so Sentry shows it).
struct FeedbackEvent: Sendable {
    var eventID: UUID
    var classification: String
    var reason: String?
    var threadID: String
    /// Every tag of the event (`tags(...)` builds them).
    var tags: [String: String]
    /// Unix seconds.
    var timestamp: Double

    /// Tags the server sets; a client's tags of these names are dropped.
    static let reservedTags: Set<String> = ["thread_id", "classification", "cli_version", "session_source", "reason"]

    /// The event's tags: thread id, classification, CLI version, session source and reason, then the
    /// client's (and metadata) tags that do not collide with those.
    static func tags(
        threadID: String, classification: String, reason: String?, cliVersion: String, sessionSource: String?,
        extra: [String: String]
    ) -> [String: String] {
        var tags = ["thread_id": threadID, "classification": classification, "cli_version": cliVersion]
        if let sessionSource { tags["session_source"] = sessionSource }
        if let reason { tags["reason"] = reason }
        for (key, value) in extra where !reservedTags.contains(key) && tags[key] == nil {
            tags[key] = value
        }
        return tags
    }

    /// `error` for reports of something wrong (`bug`, `bad_result`, `safety_check`), else `info`.
    var level: String {
        switch classification {
        case "bug", "bad_result", "safety_check": return "error"
        default: return "info"
        }
    }

    /// How Sentry names a classification in the title.
    static func displayName(of classification: String) -> String {
        switch classification {
        case "bug": return "Bug"
        case "bad_result": return "Bad result"
        case "good_result": return "Good result"
        case "safety_check": return "Safety check"
        default: return "Other"
        }
    }

    /// A client-chosen `feedback_title` tag (trimmed, non-empty), which replaces the default title.
    var customTitle: String? {
        guard let raw = tags["feedback_title"] else { return nil }
        let title = String(raw.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        return title.isEmpty ? nil : title
    }

    var title: String { customTitle ?? "[\(Self.displayName(of: classification))]: Codex session \(threadID)" }

    /// The event id as Sentry's events carry it: 32 lowercase hex digits.
    var simpleEventID: String { String(eventID.uuidString.lowercased().filter { $0 != "-" }) }

    /// The event payload. A custom title gets a fingerprint of its own so equal titles do not merge reports.
    func json() -> JSONValue {
        var tagObject = JSONObject()
        for key in tags.keys.sorted() { tagObject[key] = .string(tags[key] ?? "") }
        var event: JSONObject = [
            "event_id": .string(simpleEventID), "timestamp": .double(timestamp), "level": .string(level),
        ]
        if customTitle != nil { event["fingerprint"] = [.string(simpleEventID)] }
        event["message"] = .string(title)
        if let reason {
            event["exception"] = ["values": [["type": .string(title), "value": .string(reason)]]]
        }
        event["tags"] = .object(tagObject)
        return .object(event)
    }
}
