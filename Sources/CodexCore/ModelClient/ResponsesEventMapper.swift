public import CodexBasics
public import CodexProtocol

/// Turns Responses API SSE events into `ModelStreamEvent`s. Pure and stateless: unknown event
/// types, unparseable JSON and unparseable items are ignored (as the reference does).
public struct ResponsesEventMapper: Sendable {
    public init() {}

    /// The events one SSE event yields (usually zero or one); throws the failure that
    /// `response.failed` / `response.incomplete` report.
    public func map(_ event: SSEEvent) throws(ResponseFailure) -> [ModelStreamEvent] {
        guard let json = try? JSONParser.parse(event.data), case .object = json else { return [] }
        let type = json["type"]?.stringValue ?? event.event
        switch type {
        case "response.created":
            return [.created]
        case "response.output_item.added":
            return Self.item(json).map { [.outputItemAdded($0)] } ?? []
        case "response.output_item.done":
            return Self.item(json).map { [.outputItemDone($0)] } ?? []
        case "response.output_text.delta":
            return json["delta"]?.stringValue.map { [.outputTextDelta($0)] } ?? []
        case "response.reasoning_summary_text.delta":
            guard let delta = json["delta"]?.stringValue else { return [] }
            return [.reasoningSummaryDelta(delta, summaryIndex: Self.int(json["summary_index"]))]
        case "response.reasoning_summary_part.added":
            return [.reasoningSummaryPartAdded(summaryIndex: Self.int(json["summary_index"]))]
        case "response.reasoning_text.delta":
            guard let delta = json["delta"]?.stringValue else { return [] }
            return [.reasoningContentDelta(delta, contentIndex: Self.int(json["content_index"]))]
        case "response.completed":
            let response = json["response"]
            return [.completed(responseID: response?["id"]?.stringValue ?? "", usage: Self.usage(response?["usage"]))]
        case "response.failed":
            throw Self.failure(json["response"]?["error"])
        case "response.incomplete":
            let reason = json["response"]?["incomplete_details"]?["reason"]?.stringValue ?? "unknown"
            throw .incomplete(reason: reason)
        default:
            return []
        }
    }

    /// Classifies a `response.error` object by its `code`.
    public static func failure(_ error: JSONValue?) -> ResponseFailure {
        let code = error?["code"]?.stringValue
        let message = error?["message"]?.stringValue ?? "unknown error"
        switch code {
        case "context_length_exceeded": return .contextWindowExceeded(message: message)
        case "insufficient_quota": return .quotaExceeded(message: message)
        case "usage_not_included": return .usageNotIncluded(message: message)
        case "rate_limit_exceeded": return .rateLimited(message: message, retryAfter: RetryHint.delay(fromMessage: message))
        default: return .other(code: code, message: message)
        }
    }

    static func item(_ json: JSONValue) -> ResponseItem? {
        guard let item = json["item"] else { return nil }
        return try? item.decode(ResponseItem.self)
    }

    static func int(_ value: JSONValue?) -> Int {
        value?.intValue.map { Int(clamping: $0) } ?? 0
    }

    static func usage(_ value: JSONValue?) -> TokenUsage? {
        guard let value, let input = value["input_tokens"]?.intValue, let output = value["output_tokens"]?.intValue
        else { return nil }
        let cached = value["input_tokens_details"]?["cached_tokens"]?.intValue ?? 0
        let reasoning = value["output_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0
        let total = value["total_tokens"]?.intValue ?? (input &+ output)
        return TokenUsage(
            inputTokens: Int(clamping: input), cachedInputTokens: Int(clamping: cached),
            outputTokens: Int(clamping: output), reasoningOutputTokens: Int(clamping: reasoning),
            totalTokens: Int(clamping: total)
        )
    }
}
