import CodexProtocol

/// What listing needs from the start of a rollout file.
struct RolloutHead: Sendable {
    var meta: SessionMeta?
    var firstUserMessage: String?
}

/// Reads just the head of a rollout: the `session_meta` and the first user message.
///
/// It reads 64 KiB (growing to at most 1 MiB while the lines are longer than that) and looks at
/// no more than `maxRecords` lines, skimming members instead of parsing whole payloads.
enum RolloutHeadScanner {
    static let maxRecords = 32
    static let initialBytes = 1 << 16
    static let maxBytes = 1 << 20

    static func scan(path: String) -> RolloutHead? {
        var limit = initialBytes
        while true {
            guard let bytes = try? POSIXFile.readFile(path, limit: limit) else { return nil }
            let reachedEnd = bytes.count < limit
            let (head, needsMore) = scan(bytes: bytes, reachedEnd: reachedEnd)
            if !needsMore || reachedEnd || limit >= maxBytes { return head }
            limit *= 4
        }
    }

    /// Scans the bytes read so far; `needsMore` when they ended mid-line before the search finished.
    static func scan(bytes: [UInt8], reachedEnd: Bool) -> (RolloutHead, needsMore: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            scan(skimmer: JSONObjectSkimmer(bytes: buffer), reachedEnd: reachedEnd)
        }
    }

    private static func scan(skimmer: JSONObjectSkimmer, reachedEnd: Bool) -> (RolloutHead, needsMore: Bool) {
        let bytes = skimmer.bytes
        var head = RolloutHead()
        var records = 0
        var start = 0
        while start < bytes.count && records < maxRecords {
            guard let newline = skimmer.newline(from: start, limit: bytes.count) else {
                if !reachedEnd { return (head, true) }
                inspect(start..<bytes.count, skimmer: skimmer, head: &head, records: &records)
                break
            }
            inspect(start..<newline, skimmer: skimmer, head: &head, records: &records)
            if head.meta != nil && head.firstUserMessage != nil { break }
            start = newline + 1
        }
        return (head, false)
    }

    private static let metaKeys: Set<String> = [
        "id", "timestamp", "cwd", "originator", "cli_version", "source", "model_provider", "forked_from_id", "git",
        "history_mode",
    ]

    private static func inspect(_ range: Range<Int>, skimmer: JSONObjectSkimmer, head: inout RolloutHead, records: inout Int) {
        guard let line = skimmer.members(in: range, wanted: ["type", "payload"]),
            let typeRange = line["type"], let payloadRange = line["payload"],
            let type = skimmer.value(in: typeRange)?.stringValue
        else { return }
        records += 1
        switch type {
        case "session_meta" where head.meta == nil:
            guard let members = skimmer.members(in: payloadRange, wanted: metaKeys) else { return }
            var payload = JSONObject()
            for (key, valueRange) in members.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
                guard let value = skimmer.value(in: valueRange) else { return }
                payload[key] = value
            }
            head.meta = try? SessionMeta(payload: .object(payload))
        case "event_msg" where head.firstUserMessage == nil:
            guard let members = skimmer.members(in: payloadRange, wanted: ["type", "message", "item"]),
                let eventType = members["type"].flatMap(skimmer.value(in:))?.stringValue
            else { return }
            if eventType == "user_message" {
                head.firstUserMessage = members["message"].flatMap(skimmer.value(in:))?.stringValue
            } else if eventType == "item_completed" {
                head.firstUserMessage = RolloutEvent.userMessageText(ofCompletedItem: members["item"].flatMap(skimmer.value(in:)))
            }
        default:
            break
        }
    }
}
