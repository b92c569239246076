import CodexCore
import CodexProtocol

/// A `tools/call` outcome as the model and the item see it (spec §5.2–§5.4).
enum MCPToolResultMapping {
    /// Why a call produced no result.
    enum Failure: Error, Sendable, Hashable {
        /// The server answered with a JSON-RPC error.
        case rpc(code: Int64, message: String)
        /// No answer within the tool timeout.
        case timedOut(seconds: Double)
        /// The server went away.
        case transportClosed
        /// The answer had no `content`.
        case unexpectedResponse
        /// The transport could not send the call (an HTTP server gone or answering with an error status).
        case transportSend(String)

        /// The cause line of the reference's error text.
        var cause: String {
            switch self {
            case .rpc(let code, let message): return "Mcp error: \(code): \(message)"
            case .timedOut(let seconds): return "timed out awaiting tools/call after \(MCPDurationText.toolTimeout(seconds))"
            case .transportClosed: return "Transport closed"
            case .unexpectedResponse: return "Unexpected response type"
            case .transportSend(let message):
                return "Transport send error: Transport [\(MCPServerSession.httpTransportName)] error: \(message)"
            }
        }
    }

    /// `Wall time: <t> seconds` with four decimals.
    static func wallTimeHeader(_ elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return "Wall time: \(MCPDurationText.fixed(seconds, decimals: 4)) seconds\nOutput:"
    }

    /// The outcome of a call that answered with a result object.
    static func outcome(
        result: JSONValue, server: String, tool: String, elapsed: Duration, supportsImages: Bool
    ) -> ExternalToolCallOutcome {
        guard case .array(let blocks)? = result["content"] else {
            return failure(.unexpectedResponse, server: server, tool: tool, elapsed: elapsed)
        }
        let header = wallTimeHeader(elapsed)
        let isError = result["isError"]?.boolValue ?? false
        let shownBlocks = blocks.map { itemBlock($0, supportsImages: supportsImages) }
        var itemResult = JSONObject()
        itemResult["content"] = .array(shownBlocks)
        itemResult["structuredContent"] = result["structuredContent"] ?? .null
        if let meta = result["_meta"] { itemResult["_meta"] = meta }
        if let structured = result["structuredContent"], !structured.isNull {
            let text = header + "\n" + structured.serialized()
            return ExternalToolCallOutcome(modelOutput: text, result: .object(itemResult), isError: isError)
        }
        var parts: [JSONValue] = [["type": "input_text", "text": .string(header)]]
        parts += blocks.map { modelPart($0, supportsImages: supportsImages) }
        let text = parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        return ExternalToolCallOutcome(
            modelOutput: text, modelContentItems: parts, result: .object(itemResult), isError: isError)
    }

    /// The outcome of a call that failed before a result (the texts of §5.4).
    static func failure(_ failure: Failure, server: String, tool: String, elapsed: Duration) -> ExternalToolCallOutcome {
        let message = "tool call error: tool call failed for `\(server)/\(tool)`\n\nCaused by:\n    \(failure.cause)"
        let parts: [JSONValue] = [
            ["type": "input_text", "text": .string(wallTimeHeader(elapsed))], ["type": "input_text", "text": .string(message)],
        ]
        return ExternalToolCallOutcome(
            modelOutput: wallTimeHeader(elapsed) + "\n" + message, modelContentItems: parts, errorMessage: message)
    }

    /// A call refused before it ran (approval needed under approval policy `never`): the header and the reason.
    static func refusal(_ message: String, elapsed: Duration) -> ExternalToolCallOutcome {
        let parts: [JSONValue] = [
            ["type": "input_text", "text": .string(wallTimeHeader(elapsed))], ["type": "input_text", "text": .string(message)],
        ]
        return ExternalToolCallOutcome(
            modelOutput: wallTimeHeader(elapsed) + "\n" + message, modelContentItems: parts, errorMessage: message)
    }

    static let approvalRefused = "MCP tool call requires approval, but approval policy is never"
    static let userRejected = "user rejected MCP tool call"
    static let userCancelled = "user cancelled MCP tool call"

    /// The reference's words for a call the core did not let run (spec §6.1–§6.2); nil when it may run.
    static func refusalText(_ approval: ExternalToolCallApproval) -> String? {
        switch approval {
        case .granted: nil
        case .refusedByPolicy: approvalRefused
        case .rejectedByUser: userRejected
        case .cancelledByUser: userCancelled
        }
    }

    /// One content block as the model receives it.
    static func modelPart(_ block: JSONValue, supportsImages: Bool) -> JSONValue {
        switch block["type"]?.stringValue {
        case "text":
            return ["type": "input_text", "text": block["text"] ?? ""]
        case "image":
            guard supportsImages, let data = block["data"]?.stringValue, let mime = block["mimeType"]?.stringValue else {
                return ["type": "input_text", "text": .string(imageOmitted)]
            }
            return ["type": "input_image", "image_url": .string("data:\(mime);base64,\(data)"), "detail": "high"]
        case "audio":
            return ["type": "input_text", "text": .string(audioOmitted)]
        default:
            return ["type": "input_text", "text": .string(block.serialized())]
        }
    }

    /// One content block as the item reports it (images and audio the model cannot take are replaced), `type`
    /// first as the reference re-serializes it.
    static func itemBlock(_ block: JSONValue, supportsImages: Bool) -> JSONValue {
        switch block["type"]?.stringValue {
        case "image" where !supportsImages:
            return ["type": "text", "text": .string(imageOmitted)]
        case "audio":
            return ["type": "text", "text": .string(audioOmitted)]
        default:
            guard case .object(let object) = block, let type = object["type"] else { return block }
            var ordered = JSONObject([("type", type)])
            for (key, value) in object where key != "type" { ordered[key] = value }
            return .object(ordered)
        }
    }

    static let imageOmitted = "<image content omitted because you do not support image input>"
    static let audioOmitted = "<audio content omitted because you do not support audio input>"
}

/// Durations as the reference prints them (Rust's `Duration` debug form for whole and fractional seconds).
enum MCPDurationText {
    /// `2s`, `12.5s`, `1.999999449s`.
    static func seconds(_ value: Double) -> String {
        if value == value.rounded(), value < 1e15 { return "\(Int64(value))s" }
        return "\(value)s"
    }

    /// How 0.163.0 words a tool timeout (observed: 0.25 → `250ms`, 1 → `1000ms`, 1.5 → `1s`, 1.9 → `2s`, 2.5 → `2s`,
    /// 3 → `3s`): the timer it reports runs a fraction of a microsecond short of the setting, so up to 1 s it
    /// shows whole milliseconds, above it rounds to whole seconds with halves going down.
    static func toolTimeout(_ value: Double) -> String {
        if value <= 1 { return "\(Int64((value * 1000).rounded()))ms" }
        return "\(Int64((value - 1e-6).rounded()))s"
    }

    /// `value` with exactly `decimals` digits after the point.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(whole).\(fraction)"
    }
}
