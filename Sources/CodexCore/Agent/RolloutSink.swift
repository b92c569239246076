public import CodexProtocol

/// What the turn loop persists about a thread, in order.
public enum RolloutEntry: Sendable, Hashable {
    case responseItem(ResponseItem)
    case userMessage(text: String)
    case agentMessage(text: String)
    case tokenCount(TokenUsageInfo)
    /// The settings a turn ran with (cwd, policies, model), as JSON.
    case turnContext(JSONValue)
    case turnAborted(reason: String)
}

/// The port through which the turn loop persists a thread; the rollout writer implements it.
public protocol RolloutSink: Sendable {
    /// Appends entries (each one line, one write).
    func append(_ entries: [RolloutEntry]) async throws
    /// Makes everything appended so far durable (fsync).
    func flush() async throws
}
