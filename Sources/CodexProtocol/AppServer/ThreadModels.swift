// Threads, turns and their status as the app-server reports them.

extension AppServerV2 {
    /// Git state recorded for a thread.
    @PublicMemberwiseInit
    public struct GitInfo: AppServerType {
        public var sha: String?
        public var branch: String?
        public var originUrl: String?
    }

    /// Runtime status of a thread, tagged by `type`.
    public enum ThreadStatus: AppServerType, OpenTaggedWireUnion {
        case notLoaded
        case idle
        case systemError
        case active(activeFlags: [ThreadActiveFlag])
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        public enum CodingKeys: CodingKey, CaseIterable { case notLoaded, idle, systemError, active, unknown }

        public init(unknownVariant raw: JSONValue) { self = .unknown(raw) }

        public var unknownVariantPayload: JSONValue? {
            if case .unknown(let raw) = self { return raw }
            return nil
        }
    }

    /// A conversation thread.
    @PublicMemberwiseInit
    public struct Thread: AppServerType {
        public var id: String
        public var sessionId: String
        public var preview: String
        public var ephemeral: Bool
        public var modelProvider: String
        public var createdAt: Int64
        public var updatedAt: Int64
        public var status: ThreadStatus
        public var path: String?
        public var cwd: String
        public var cliVersion: String
        public var source: SessionSource
        public var gitInfo: GitInfo?
        public var name: String?
        public var agentNickname: String?
        public var agentRole: String?
        public var forkedFromId: String?
        @RequiredNullable public var projectId: String?
        public var model: String?
        public var reasoningEffort: ReasoningEffort?
        public var threadSource: String?
        @OmitWhenNil public var historyMode: ThreadHistoryMode?
        public var parentThreadId: String?
        public var originator: String?
        public var recencyAt: Int64?
        public var turns: [Turn]
    }

    /// Why a turn failed.
    @PublicMemberwiseInit
    public struct TurnError: AppServerType {
        public var message: String
        public var codexErrorInfo: CodexErrorInfo?
        public var additionalDetails: String?
    }

    /// One turn of a thread.
    @PublicMemberwiseInit
    public struct Turn: AppServerType {
        public var id: String
        public var items: [ThreadItem]
        public var status: TurnStatus
        public var error: TurnError?
        public var startedAt: Int64?
        public var completedAt: Int64?
        public var durationMs: Int64?
        @OmitWhenNil public var itemsView: TurnItemsView?
        @OmitWhenNil public var rootTurnId: String?
    }

    /// Token counts of a turn or a thread.
    @PublicMemberwiseInit
    public struct TokenUsageBreakdown: AppServerType {
        public var totalTokens: Int64
        public var inputTokens: Int64
        public var cachedInputTokens: Int64
        @DefaultWhenAbsent public var cacheWriteInputTokens: Int64 = 0
        public var outputTokens: Int64
        public var reasoningOutputTokens: Int64
    }

    /// Cumulative and last-turn token usage of a thread.
    @PublicMemberwiseInit
    public struct ThreadTokenUsage: AppServerType {
        public var total: TokenUsageBreakdown
        public var last: TokenUsageBreakdown
        public var modelContextWindow: Int64?
    }
}
