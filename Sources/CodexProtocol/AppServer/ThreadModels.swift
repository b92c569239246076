// Threads, turns and their status as the app-server reports them.

extension AppServerV2 {
    /// Git state recorded for a thread.
    public struct GitInfo: AppServerType {
        public var sha: String?
        public var branch: String?
        public var originUrl: String?

        public init(sha: String? = nil, branch: String? = nil, originUrl: String? = nil) {
            self.sha = sha
            self.branch = branch
            self.originUrl = originUrl
        }
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

        public init(
            id: String, sessionId: String, preview: String, ephemeral: Bool, modelProvider: String, createdAt: Int64,
            updatedAt: Int64, status: ThreadStatus, path: String? = nil, cwd: String, cliVersion: String,
            source: SessionSource, gitInfo: GitInfo? = nil, name: String? = nil, agentNickname: String? = nil,
            agentRole: String? = nil, forkedFromId: String? = nil, projectId: String? = nil, model: String? = nil,
            reasoningEffort: ReasoningEffort? = nil, threadSource: String? = nil, historyMode: ThreadHistoryMode? = nil,
            parentThreadId: String? = nil, originator: String? = nil, recencyAt: Int64? = nil, turns: [Turn]
        ) {
            self.id = id
            self.sessionId = sessionId
            self.preview = preview
            self.ephemeral = ephemeral
            self.modelProvider = modelProvider
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.status = status
            self.path = path
            self.cwd = cwd
            self.cliVersion = cliVersion
            self.source = source
            self.gitInfo = gitInfo
            self.name = name
            self.agentNickname = agentNickname
            self.agentRole = agentRole
            self.forkedFromId = forkedFromId
            self.projectId = projectId
            self.model = model
            self.reasoningEffort = reasoningEffort
            self.threadSource = threadSource
            self.historyMode = historyMode
            self.parentThreadId = parentThreadId
            self.originator = originator
            self.recencyAt = recencyAt
            self.turns = turns
        }
    }

    /// Why a turn failed.
    public struct TurnError: AppServerType {
        public var message: String
        public var codexErrorInfo: CodexErrorInfo?
        public var additionalDetails: String?

        public init(message: String, codexErrorInfo: CodexErrorInfo? = nil, additionalDetails: String? = nil) {
            self.message = message
            self.codexErrorInfo = codexErrorInfo
            self.additionalDetails = additionalDetails
        }
    }

    /// One turn of a thread.
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

        public init(
            id: String, items: [ThreadItem], status: TurnStatus, error: TurnError? = nil, startedAt: Int64? = nil,
            completedAt: Int64? = nil, durationMs: Int64? = nil, itemsView: TurnItemsView? = nil,
            rootTurnId: String? = nil
        ) {
            self.id = id
            self.items = items
            self.status = status
            self.error = error
            self.startedAt = startedAt
            self.completedAt = completedAt
            self.durationMs = durationMs
            self.itemsView = itemsView
            self.rootTurnId = rootTurnId
        }
    }

    /// Token counts of a turn or a thread.
    public struct TokenUsageBreakdown: AppServerType {
        public var totalTokens: Int64
        public var inputTokens: Int64
        public var cachedInputTokens: Int64
        @DefaultWhenAbsent public var cacheWriteInputTokens: Int64
        public var outputTokens: Int64
        public var reasoningOutputTokens: Int64

        public init(
            totalTokens: Int64, inputTokens: Int64, cachedInputTokens: Int64, cacheWriteInputTokens: Int64 = 0,
            outputTokens: Int64, reasoningOutputTokens: Int64
        ) {
            self.totalTokens = totalTokens
            self.inputTokens = inputTokens
            self.cachedInputTokens = cachedInputTokens
            self.cacheWriteInputTokens = cacheWriteInputTokens
            self.outputTokens = outputTokens
            self.reasoningOutputTokens = reasoningOutputTokens
        }
    }

    /// Cumulative and last-turn token usage of a thread.
    public struct ThreadTokenUsage: AppServerType {
        public var total: TokenUsageBreakdown
        public var last: TokenUsageBreakdown
        public var modelContextWindow: Int64?

        public init(total: TokenUsageBreakdown, last: TokenUsageBreakdown, modelContextWindow: Int64? = nil) {
            self.total = total
            self.last = last
            self.modelContextWindow = modelContextWindow
        }
    }
}
