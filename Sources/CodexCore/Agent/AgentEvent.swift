public import CodexProtocol

/// What a thread reports while it works; front ends consume only this stream.
public enum AgentEvent: Sendable, Hashable {
    case turnStarted(turnID: String)
    case itemStarted(turnID: String, item: ThreadItem)
    case itemCompleted(turnID: String, item: ThreadItem)
    case agentMessageDelta(turnID: String, itemID: String, delta: String)
    case reasoningSummaryDelta(turnID: String, itemID: String, delta: String, summaryIndex: Int)
    case reasoningSummaryPartAdded(turnID: String, itemID: String, summaryIndex: Int)
    case reasoningContentDelta(turnID: String, itemID: String, delta: String, contentIndex: Int)
    case commandOutputDelta(turnID: String, itemID: String, delta: String)
    /// Input written to a running exec session (`write_stdin`); `itemID` is the session's command item.
    case terminalInteraction(turnID: String, itemID: String, processID: String, stdin: String)
    /// The agent needs a decision before it can go on; answer with `AgentThread.resolveApproval`.
    case approvalRequested(ApprovalRequest)
    /// A pending approval was answered or cleared.
    case approvalResolved(turnID: String, approvalID: String)
    case planUpdated(turnID: String, explanation: String?, plan: [PlanStep])
    /// The aggregated unified diff of every file the turn changed so far.
    case turnDiffUpdated(turnID: String, diff: String)
    case tokenUsageUpdated(turnID: String, usage: TokenUsageInfo)
    /// The account's rate limits as the last model response reported them (after its token usage).
    case rateLimitsUpdated(turnID: String, rateLimits: RateLimitSnapshot)
    /// A model stream failed; `willRetry` says whether the turn goes on.
    case streamError(turnID: String, message: String, willRetry: Bool)
    case warning(message: String)
    case turnCompleted(turnID: String, outcome: TurnOutcome)
}

extension AgentEvent {
    /// A chunk of an item still streaming (message, reasoning or command output); the item's completion
    /// carries the whole of it.
    public var isStreamingDelta: Bool {
        switch self {
        case .agentMessageDelta, .reasoningSummaryDelta, .reasoningContentDelta, .commandOutputDelta: return true
        default: return false
        }
    }
}

/// How a turn ended.
public enum TurnOutcome: Sendable, Hashable {
    case completed(lastAgentMessage: String?)
    case interrupted
    case failed(message: String)
}

/// A request for the user's decision.
public struct ApprovalRequest: Sendable, Hashable {
    /// What needs approving.
    public enum Kind: Sendable, Hashable {
        /// Run a command (possibly outside the sandbox).
        case command(CommandExecutionItem, reason: String?)
        /// Apply file changes.
        case fileChange(FileChangeItem, reason: String?, grantRoot: String?)
        /// Run an external tool (an MCP tool call); `approvalID` is the model's call id. A cancel answer
        /// refuses the call without ending the turn.
        case externalToolCall(ExternalToolApprovalPrompt)
    }

    /// Unique per thread; also the item id of the command or change.
    public var approvalID: String
    public var turnID: String
    public var kind: Kind
    /// For a command: the argv prefix an "always allow" answer would add as an exec-policy allow rule.
    public var proposedExecpolicyAmendment: [String]?

    public init(approvalID: String, turnID: String, kind: Kind, proposedExecpolicyAmendment: [String]? = nil) {
        self.approvalID = approvalID
        self.turnID = turnID
        self.kind = kind
        self.proposedExecpolicyAmendment = proposedExecpolicyAmendment
    }
}

/// One step of the agent's plan (`update_plan`).
public struct PlanStep: Sendable, Hashable {
    /// Progress of a step.
    public enum Status: String, Sendable, Hashable {
        case pending
        case inProgress = "in_progress"
        case completed
    }

    public var step: String
    public var status: Status

    public init(step: String, status: Status) {
        self.step = step
        self.status = status
    }
}

extension TokenUsage {
    /// No tokens.
    public static let zero = TokenUsage(inputTokens: 0, outputTokens: 0, totalTokens: 0)

    /// Sum of two usages.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            inputTokens: lhs.inputTokens + rhs.inputTokens,
            cachedInputTokens: lhs.cachedInputTokens + rhs.cachedInputTokens,
            outputTokens: lhs.outputTokens + rhs.outputTokens,
            reasoningOutputTokens: lhs.reasoningOutputTokens + rhs.reasoningOutputTokens,
            totalTokens: lhs.totalTokens + rhs.totalTokens)
    }
}

extension TokenUsage {
    /// The snake_case object rollouts and the core protocol use.
    var rolloutJSON: JSONValue {
        [
            "input_tokens": .int(Int64(inputTokens)), "cached_input_tokens": .int(Int64(cachedInputTokens)),
            "output_tokens": .int(Int64(outputTokens)), "reasoning_output_tokens": .int(Int64(reasoningOutputTokens)),
            "total_tokens": .int(Int64(totalTokens)),
        ]
    }
}

/// The thread's running total and the last response's usage.
public struct TokenUsageInfo: Sendable, Hashable {
    public var total: TokenUsage
    public var last: TokenUsage
    public var modelContextWindow: Int?

    public init(total: TokenUsage, last: TokenUsage, modelContextWindow: Int? = nil) {
        self.total = total
        self.last = last
        self.modelContextWindow = modelContextWindow
    }
}

extension TokenUsageInfo {
    /// The `info` object of a rollout `token_count` event.
    public var rolloutJSON: JSONValue {
        [
            "total_token_usage": total.rolloutJSON, "last_token_usage": last.rolloutJSON,
            "model_context_window": modelContextWindow.map { .int(Int64($0)) } ?? .null,
        ]
    }
}
