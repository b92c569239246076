public import CodexProtocol

/// What one model request carries, independent of the wire API (Responses or Chat Completions).
public struct ModelPrompt: Sendable, Hashable {
    public var model: String
    public var instructions: String
    public var input: [ResponseItem]
    public var tools: [JSONValue]
    /// `minimal`...`xhigh`; nil leaves reasoning out of the request.
    public var reasoningEffort: String?
    /// `auto`, `concise`, `detailed`; nil or `none` omits the summary.
    public var reasoningSummary: String?
    /// JSON Schema the final answer must follow (`exec --output-schema`).
    public var outputSchema: JSONValue?
    /// The thread id, sent as the prompt cache key and session header.
    public var threadID: String
    /// Extra request headers (a code reviewer's `x-openai-subagent: review`).
    public var extraHeaders: [String: String]

    public init(
        model: String, instructions: String, input: [ResponseItem], tools: [JSONValue], reasoningEffort: String? = nil,
        reasoningSummary: String? = nil, outputSchema: JSONValue? = nil, threadID: String,
        extraHeaders: [String: String] = [:]
    ) {
        self.extraHeaders = extraHeaders
        self.model = model
        self.instructions = instructions
        self.input = input
        self.tools = tools
        self.reasoningEffort = reasoningEffort
        self.reasoningSummary = reasoningSummary
        self.outputSchema = outputSchema
        self.threadID = threadID
    }
}

/// One step of a streamed model response, as the turn loop consumes it.
public enum ModelStreamUpdate: Sendable, Hashable {
    /// An output item began (e.g. an assistant message or reasoning item).
    case itemAdded(ResponseItem)
    case textDelta(String)
    case reasoningSummaryDelta(String, summaryIndex: Int)
    case reasoningSummaryPartAdded(summaryIndex: Int)
    case reasoningContentDelta(String, contentIndex: Int)
    /// An output item is complete: append it to history.
    case itemDone(ResponseItem)
    /// The response finished.
    case completed(usage: TokenUsage)
    /// The request failed and is being retried; output of the failed attempt is void.
    case retrying(attempt: Int, maxAttempts: Int, message: String)
    /// The account's rate limits as the response reports them; recorded with the response's token count.
    case rateLimits(RateLimitSnapshot)
}

/// The port through which the turn loop talks to a model; the HTTP clients implement it.
public protocol ModelStreaming: Sendable {
    /// Sends one request and reports its stream through `onUpdate`, returning when the response
    /// completed. Cancelling the calling task cancels the request.
    ///
    /// `onUpdate` runs on `isolation`, the caller's actor: a turn applies thousands of deltas, and none of
    /// them should cost a hop between executors.
    /// - Throws: `ModelStreamError` when the provider keeps failing (retries exhausted) or refuses.
    func stream(
        _ prompt: ModelPrompt,
        isolation: isolated (any Actor)?,
        onUpdate: (ModelStreamUpdate) async -> Void
    ) async throws
}

/// A model request that failed for good.
public struct ModelStreamError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
