public import CodexProtocol

/// A rollout line that was skipped while reading (torn by a crash, corrupt, or of the wrong shape).
public struct RolloutWarning: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// 1-based.
    public let lineNumber: Int
    public let reason: String

    public var description: String { "\(path):\(lineNumber): skipped line: \(reason)" }
}

/// Everything a rollout file holds, as read: its `session_meta`, the readable lines, and what was skipped.
public struct LoadedRollout: Sendable {
    public let path: String
    /// The first `session_meta` line: it names the thread.
    public let meta: SessionMeta
    /// Every readable line in file order (including the `session_meta` ones).
    public let lines: [RolloutLine]
    public let warnings: [RolloutWarning]

    public var threadID: ThreadID { meta.id }

    /// The `event_msg` payloads in order: what a UI replays as the thread's initial messages.
    public var events: [RolloutEvent] {
        lines.compactMap { line in
            if case .eventMsg(let event) = line.item { return event }
            return nil
        }
    }

    /// The settings of the last turn, to restore model and policies on resume.
    public var lastTurnContext: TurnContextRecord? {
        for line in lines.reversed() {
            if case .turnContext(let context) = line.item { return context }
        }
        return nil
    }

    /// The text of the first user message (the listing preview), nil before the first turn.
    public var firstUserMessage: String? {
        for line in lines {
            if case .eventMsg(let event) = line.item, let text = event.userMessageText { return text }
        }
        return nil
    }

    /// The conversation history to continue from: every `response_item` in order, where a
    /// `compacted` line replaces what came before it (see `RolloutHistory`).
    public func history(initialContext: [ResponseItem] = []) -> [ResponseItem] {
        RolloutHistory.rebuild(lines.map(\.item), initialContext: initialContext)
    }
}

/// Which lines a read parses in full. The others stay in `LoadedRollout.lines`, in place, as
/// `.unknown(type:payload: null)` placeholders: positions (and so 0.163.0's `rollout-<index>` turn names)
/// are kept, the cost of parsing is not paid.
public enum RolloutLineSelection: Sendable {
    /// Every line (resume, fork).
    case all
    /// What rebuilding turns needs (`thread/read`): events, turn contexts, tool calls and their outputs;
    /// not model messages and reasoning, token records, world state or compactions.
    case turns

    func skips(type: String, payloadType: String?) -> Bool {
        switch self {
        case .all: return false
        case .turns:
            switch type {
            case "response_item": return payloadType == "message" || payloadType == "reasoning"
            case "event_msg": return payloadType == "token_count"
            case "world_state", "token_usage_record", "compacted": return true
            default: return false
            }
        }
    }
}

/// Reads rollout files. Bad lines never fail a read: they are skipped and reported as warnings.
public enum RolloutReader {
    /// Reads a whole rollout file.
    /// - Throws: `RolloutError.io` when it cannot be read; `.malformedRollout` when no line is a valid `session_meta`.
    public static func load(path: String, selection: RolloutLineSelection = .all) throws(RolloutError) -> LoadedRollout {
        try parse(POSIXFile.readFile(path), path: path, selection: selection)
    }

    /// Parses rollout bytes; `path` is only used in warnings and errors.
    public static func parse(
        _ bytes: [UInt8], path: String, selection: RolloutLineSelection = .all
    ) throws(RolloutError) -> LoadedRollout {
        var lines: [RolloutLine] = []
        var warnings: [RolloutWarning] = []
        var meta: SessionMeta?
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let newline = bytes.withUnsafeBufferPointer { JSONObjectSkimmer(bytes: $0).newline(from: start, limit: bytes.count) }
            let end = newline ?? bytes.count
            var content = bytes[start..<end]
            start = end + 1
            if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let torn = newline == nil
            if case .turns = selection, !torn, let skipped = skippedLine(content, in: bytes, selection: selection) {
                lines.append(skipped)
                continue
            }
            do {
                let value = try JSONParser.parse(bytes: Array(content))
                let line = try RolloutLine(json: value)
                if meta == nil, case .sessionMeta(let first) = line.item { meta = first }
                lines.append(line)
            } catch let error as JSONParseError {
                let prefix = torn ? "truncated last line (no newline at end of file): " : "invalid JSON: "
                warnings.append(RolloutWarning(path: path, lineNumber: lineNumber, reason: prefix + error.description))
            } catch {
                warnings.append(RolloutWarning(path: path, lineNumber: lineNumber, reason: "\(error)"))
            }
        }
        guard let meta else {
            let detail = warnings.isEmpty ? "" : " (\(warnings.count) unreadable line(s), first: \(warnings[0].reason))"
            throw .malformedRollout(path: path, reason: "no session_meta line" + detail)
        }
        return LoadedRollout(path: path, meta: meta, lines: lines, warnings: warnings)
    }

    /// The placeholder for a line `selection` does not parse, nil when the line is to be parsed. Only the
    /// line's `type`, `timestamp` and its payload's leading `type` are looked at; the payload is not walked.
    private static func skippedLine(
        _ content: ArraySlice<UInt8>, in bytes: [UInt8], selection: RolloutLineSelection
    ) -> RolloutLine? {
        bytes.withUnsafeBufferPointer { buffer -> RolloutLine? in
            let skimmer = JSONObjectSkimmer(bytes: buffer)
            let range = content.startIndex..<content.endIndex
            guard let typeRange = skimmer.member("type", in: range), let type = skimmer.string(in: typeRange) else {
                return nil
            }
            var payloadType: String?
            if type == "response_item" || type == "event_msg" {
                guard let payload = skimmer.member("payload", in: range, wholeValue: false),
                    let typeMember = skimmer.member("type", in: payload.lowerBound..<range.upperBound)
                else { return nil }
                payloadType = skimmer.string(in: typeMember)
            }
            guard selection.skips(type: type, payloadType: payloadType) else { return nil }
            let timestamp = skimmer.member("timestamp", in: range).flatMap { skimmer.string(in: $0) } ?? ""
            return RolloutLine(timestamp: timestamp, item: .unknown(type: type, payload: .null))
        }
    }
}
