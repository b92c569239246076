public import CodexProtocol

/// One event of a model response, the same for the Responses and Chat Completions wires.
///
/// A turn sees `created`, then per output item `outputItemAdded`, deltas, `outputItemDone`, and
/// finally `completed`. `retrying` means the attempt in flight was abandoned and the request is being
/// sent again from scratch: the consumer must discard every item that was added but not yet done
/// (partial text already shown stays shown; it is not part of history), because the new attempt
/// streams the whole response again.
public enum ModelStreamEvent: Sendable, Hashable {
    case created
    case outputItemAdded(ResponseItem)
    case outputTextDelta(String)
    case reasoningSummaryDelta(String, summaryIndex: Int)
    case reasoningSummaryPartAdded(summaryIndex: Int)
    case reasoningContentDelta(String, contentIndex: Int)
    case outputItemDone(ResponseItem)
    /// The response finished; `usage` is absent when the server did not report it. Emitted as soon as
    /// `response.completed` arrives (the stream then ends without waiting for the server to close).
    case completed(responseID: String, usage: TokenUsage?)
    /// The client is about to retry; see the type's documentation for handling partial output.
    case retrying(ModelRetryNotice)
    /// The rate limits the response's headers report (Responses wire; sent before the body's events).
    case rateLimits(RateLimitSnapshot)
}

/// Token counts reported with a completed response.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var inputTokens: Int
    public var cachedInputTokens: Int
    public var outputTokens: Int
    public var reasoningOutputTokens: Int
    public var totalTokens: Int

    public init(inputTokens: Int, cachedInputTokens: Int = 0, outputTokens: Int, reasoningOutputTokens: Int = 0, totalTokens: Int) {
        self.inputTokens = inputTokens
        self.cachedInputTokens = cachedInputTokens
        self.outputTokens = outputTokens
        self.reasoningOutputTokens = reasoningOutputTokens
        self.totalTokens = totalTokens
    }
}

/// Why and when the client retries: exec prints it as `Reconnecting... 1/2 (reason)`.
public struct ModelRetryNotice: Sendable, Hashable {
    /// Which budget the retry counts against.
    public enum Scope: String, Sendable, Hashable {
        /// One HTTP request failed (5xx, 429, connection error); bounded by `request_max_retries`.
        case request
        /// The response stream broke (cut, idle, retryable `response.failed`, request retries used
        /// up); the whole request starts over; bounded by `stream_max_retries`.
        case stream
    }

    public var scope: Scope
    /// 1-based number of this retry.
    public var attempt: Int
    public var maxAttempts: Int
    public var reason: String
    public var delay: Duration

    public init(scope: Scope, attempt: Int, maxAttempts: Int, reason: String, delay: Duration) {
        self.scope = scope
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.reason = reason
        self.delay = delay
    }

    /// `Reconnecting... 1/2 (reason)`, the reference's wording.
    public var message: String { "Reconnecting... \(attempt)/\(maxAttempts) (\(reason))" }
}
