/// Exec session ids are random, so a scripted `write_stdin` cannot know its `session_id` in
/// advance: the placeholder `{{last_session_id}}` in a reply's events becomes the number after the
/// last "session ID " in the request being answered (the output of the `exec_command` that started
/// the session), or 0 when there is none.
extension MockReply {
    /// The placeholder replaced by `substitutingSessionID(from:)`.
    public static let lastSessionIDPlaceholder = "{{last_session_id}}"

    /// This reply with the placeholder replaced from `requestBody`.
    func substitutingSessionID(from requestBody: [UInt8]) -> MockReply {
        guard case .eventStream(let events) = body,
            events.contains(where: { $0.data.contains(Self.lastSessionIDPlaceholder) })
        else { return self }
        let id = Self.lastSessionID(in: String(decoding: requestBody, as: UTF8.self)) ?? "0"
        var copy = self
        copy.body = .eventStream(
            events.map { event in
                MockSSEEvent(
                    name: event.name, data: event.data.replacing(Self.lastSessionIDPlaceholder, with: id))
            })
        return copy
    }

    /// The digits after the last "session ID " in `text`.
    static func lastSessionID(in text: String) -> String? {
        let marker = "session ID "
        var found: String?
        var rest = text[...]
        while let range = rest.firstRange(of: marker) {
            let digits = rest[range.upperBound...].prefix(while: \.isNumber)
            if !digits.isEmpty { found = String(digits) }
            rest = rest[range.upperBound...]
        }
        return found
    }
}
