// Threads, turns and their status as the app-server reports them.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

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

        private enum CodingKeys: String, CodingKey {
            case sha
            case branch
            case originUrl
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sha = try c.decodeIfPresent(String.self, forKey: .sha)
            branch = try c.decodeIfPresent(String.self, forKey: .branch)
            originUrl = try c.decodeIfPresent(String.self, forKey: .originUrl)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sha, forKey: .sha)
            try c.encode(branch, forKey: .branch)
            try c.encode(originUrl, forKey: .originUrl)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("sha", .nullable(.string)),
                SchemaProperty("branch", .nullable(.string)),
                SchemaProperty("originUrl", .nullable(.string)),
            ])
        }
    }

    /// Runtime status of a thread, tagged by `type`.
    public enum ThreadStatus: AppServerType {
        case notLoaded
        case idle
        case systemError
        case active(activeFlags: [ThreadActiveFlag])
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case activeFlags
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "notLoaded":
                self = .notLoaded
            case "idle":
                self = .idle
            case "systemError":
                self = .systemError
            case "active":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .active(activeFlags: try c.decode([ThreadActiveFlag].self, forKey: .activeFlags))
            default:
                self = .unknown(try JSONValue(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .notLoaded:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("notLoaded", forKey: .type)
            case .idle:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("idle", forKey: .type)
            case .systemError:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("systemError", forKey: .type)
            case .active(let activeFlags):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(activeFlags, forKey: .activeFlags)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("active", forKey: .type)
            case .unknown(let raw):
                try raw.encode(to: encoder)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject("notLoaded", []),
                .taggedObject("idle", []),
                .taggedObject("systemError", []),
                .taggedObject(
                    "active", [SchemaProperty("activeFlags", .array(.ref("ThreadActiveFlag")), required: true)]),
            ])
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
        public var projectId: String?
        public var model: String?
        public var reasoningEffort: ReasoningEffort?
        public var threadSource: String?
        public var historyMode: ThreadHistoryMode?
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

        private enum CodingKeys: String, CodingKey {
            case id
            case sessionId
            case preview
            case ephemeral
            case modelProvider
            case createdAt
            case updatedAt
            case status
            case path
            case cwd
            case cliVersion
            case source
            case gitInfo
            case name
            case agentNickname
            case agentRole
            case forkedFromId
            case projectId
            case model
            case reasoningEffort
            case threadSource
            case historyMode
            case parentThreadId
            case originator
            case recencyAt
            case turns
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            sessionId = try c.decode(String.self, forKey: .sessionId)
            preview = try c.decode(String.self, forKey: .preview)
            ephemeral = try c.decode(Bool.self, forKey: .ephemeral)
            modelProvider = try c.decode(String.self, forKey: .modelProvider)
            createdAt = try c.decode(Int64.self, forKey: .createdAt)
            updatedAt = try c.decode(Int64.self, forKey: .updatedAt)
            status = try c.decode(ThreadStatus.self, forKey: .status)
            path = try c.decodeIfPresent(String.self, forKey: .path)
            cwd = try c.decode(String.self, forKey: .cwd)
            cliVersion = try c.decode(String.self, forKey: .cliVersion)
            source = try c.decode(SessionSource.self, forKey: .source)
            gitInfo = try c.decodeIfPresent(GitInfo.self, forKey: .gitInfo)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            agentNickname = try c.decodeIfPresent(String.self, forKey: .agentNickname)
            agentRole = try c.decodeIfPresent(String.self, forKey: .agentRole)
            forkedFromId = try c.decodeIfPresent(String.self, forKey: .forkedFromId)
            projectId = try c.decodeIfPresent(String.self, forKey: .projectId)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            reasoningEffort = try c.decodeIfPresent(ReasoningEffort.self, forKey: .reasoningEffort)
            threadSource = try c.decodeIfPresent(String.self, forKey: .threadSource)
            historyMode = try c.decodeIfPresent(ThreadHistoryMode.self, forKey: .historyMode)
            parentThreadId = try c.decodeIfPresent(String.self, forKey: .parentThreadId)
            originator = try c.decodeIfPresent(String.self, forKey: .originator)
            recencyAt = try c.decodeIfPresent(Int64.self, forKey: .recencyAt)
            turns = try c.decode([Turn].self, forKey: .turns)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(sessionId, forKey: .sessionId)
            try c.encode(preview, forKey: .preview)
            try c.encode(ephemeral, forKey: .ephemeral)
            try c.encode(modelProvider, forKey: .modelProvider)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(updatedAt, forKey: .updatedAt)
            try c.encode(status, forKey: .status)
            try c.encode(path, forKey: .path)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(cliVersion, forKey: .cliVersion)
            try c.encode(source, forKey: .source)
            try c.encode(gitInfo, forKey: .gitInfo)
            try c.encode(name, forKey: .name)
            try c.encode(agentNickname, forKey: .agentNickname)
            try c.encode(agentRole, forKey: .agentRole)
            try c.encode(forkedFromId, forKey: .forkedFromId)
            try c.encode(projectId, forKey: .projectId)
            try c.encode(model, forKey: .model)
            try c.encode(reasoningEffort, forKey: .reasoningEffort)
            try c.encode(threadSource, forKey: .threadSource)
            try c.encodeIfPresent(historyMode, forKey: .historyMode)
            try c.encode(parentThreadId, forKey: .parentThreadId)
            try c.encode(originator, forKey: .originator)
            try c.encode(recencyAt, forKey: .recencyAt)
            try c.encode(turns, forKey: .turns)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("id", .string, required: true),
                SchemaProperty("sessionId", .string, required: true),
                SchemaProperty("preview", .string, required: true),
                SchemaProperty("ephemeral", .boolean, required: true),
                SchemaProperty("modelProvider", .string, required: true),
                SchemaProperty("createdAt", .integer, required: true),
                SchemaProperty("updatedAt", .integer, required: true),
                SchemaProperty("status", .ref("ThreadStatus"), required: true),
                SchemaProperty("path", .nullable(.string)),
                SchemaProperty("cwd", .string, required: true),
                SchemaProperty("cliVersion", .string, required: true),
                SchemaProperty("source", .ref("SessionSource"), required: true),
                SchemaProperty("gitInfo", .nullable(.ref("GitInfo"))),
                SchemaProperty("name", .nullable(.string)),
                SchemaProperty("agentNickname", .nullable(.string)),
                SchemaProperty("agentRole", .nullable(.string)),
                SchemaProperty("forkedFromId", .nullable(.string)),
                SchemaProperty("projectId", .nullable(.string), required: true),
                SchemaProperty("model", .nullable(.string)),
                SchemaProperty("reasoningEffort", .nullable(.ref("ReasoningEffort"))),
                SchemaProperty("threadSource", .nullable(.string)),
                SchemaProperty("historyMode", .ref("ThreadHistoryMode")),
                SchemaProperty("parentThreadId", .nullable(.string)),
                SchemaProperty("originator", .nullable(.string)),
                SchemaProperty("recencyAt", .nullable(.integer)),
                SchemaProperty("turns", .array(.ref("Turn")), required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case message
            case codexErrorInfo
            case additionalDetails
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            message = try c.decode(String.self, forKey: .message)
            codexErrorInfo = try c.decodeIfPresent(CodexErrorInfo.self, forKey: .codexErrorInfo)
            additionalDetails = try c.decodeIfPresent(String.self, forKey: .additionalDetails)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encode(codexErrorInfo, forKey: .codexErrorInfo)
            try c.encode(additionalDetails, forKey: .additionalDetails)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("message", .string, required: true),
                SchemaProperty("codexErrorInfo", .nullable(.ref("CodexErrorInfo"))),
                SchemaProperty("additionalDetails", .nullable(.string)),
            ])
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
        public var itemsView: TurnItemsView?
        public var rootTurnId: String?

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

        private enum CodingKeys: String, CodingKey {
            case id
            case items
            case status
            case error
            case startedAt
            case completedAt
            case durationMs
            case itemsView
            case rootTurnId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            items = try c.decode([ThreadItem].self, forKey: .items)
            status = try c.decode(TurnStatus.self, forKey: .status)
            error = try c.decodeIfPresent(TurnError.self, forKey: .error)
            startedAt = try c.decodeIfPresent(Int64.self, forKey: .startedAt)
            completedAt = try c.decodeIfPresent(Int64.self, forKey: .completedAt)
            durationMs = try c.decodeIfPresent(Int64.self, forKey: .durationMs)
            itemsView = try c.decodeIfPresent(TurnItemsView.self, forKey: .itemsView)
            rootTurnId = try c.decodeIfPresent(String.self, forKey: .rootTurnId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(items, forKey: .items)
            try c.encode(status, forKey: .status)
            try c.encode(error, forKey: .error)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(completedAt, forKey: .completedAt)
            try c.encode(durationMs, forKey: .durationMs)
            try c.encodeIfPresent(itemsView, forKey: .itemsView)
            try c.encodeIfPresent(rootTurnId, forKey: .rootTurnId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("id", .string, required: true),
                SchemaProperty("items", .array(.ref("ThreadItem")), required: true),
                SchemaProperty("status", .ref("TurnStatus"), required: true),
                SchemaProperty("error", .nullable(.ref("TurnError"))),
                SchemaProperty("startedAt", .nullable(.integer)),
                SchemaProperty("completedAt", .nullable(.integer)),
                SchemaProperty("durationMs", .nullable(.integer)),
                SchemaProperty("itemsView", .ref("TurnItemsView")),
                SchemaProperty("rootTurnId", .string),
            ])
        }
    }

    /// Token counts of a turn or a thread.
    public struct TokenUsageBreakdown: AppServerType {
        public var totalTokens: Int64
        public var inputTokens: Int64
        public var cachedInputTokens: Int64
        public var cacheWriteInputTokens: Int64
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

        private enum CodingKeys: String, CodingKey {
            case totalTokens
            case inputTokens
            case cachedInputTokens
            case cacheWriteInputTokens
            case outputTokens
            case reasoningOutputTokens
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            totalTokens = try c.decode(Int64.self, forKey: .totalTokens)
            inputTokens = try c.decode(Int64.self, forKey: .inputTokens)
            cachedInputTokens = try c.decode(Int64.self, forKey: .cachedInputTokens)
            cacheWriteInputTokens = try c.decodeIfPresent(Int64.self, forKey: .cacheWriteInputTokens) ?? 0
            outputTokens = try c.decode(Int64.self, forKey: .outputTokens)
            reasoningOutputTokens = try c.decode(Int64.self, forKey: .reasoningOutputTokens)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(totalTokens, forKey: .totalTokens)
            try c.encode(inputTokens, forKey: .inputTokens)
            try c.encode(cachedInputTokens, forKey: .cachedInputTokens)
            try c.encode(cacheWriteInputTokens, forKey: .cacheWriteInputTokens)
            try c.encode(outputTokens, forKey: .outputTokens)
            try c.encode(reasoningOutputTokens, forKey: .reasoningOutputTokens)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("totalTokens", .integer, required: true),
                SchemaProperty("inputTokens", .integer, required: true),
                SchemaProperty("cachedInputTokens", .integer, required: true),
                SchemaProperty("cacheWriteInputTokens", .integer),
                SchemaProperty("outputTokens", .integer, required: true),
                SchemaProperty("reasoningOutputTokens", .integer, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case total
            case last
            case modelContextWindow
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            total = try c.decode(TokenUsageBreakdown.self, forKey: .total)
            last = try c.decode(TokenUsageBreakdown.self, forKey: .last)
            modelContextWindow = try c.decodeIfPresent(Int64.self, forKey: .modelContextWindow)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(total, forKey: .total)
            try c.encode(last, forKey: .last)
            try c.encode(modelContextWindow, forKey: .modelContextWindow)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("total", .ref("TokenUsageBreakdown"), required: true),
                SchemaProperty("last", .ref("TokenUsageBreakdown"), required: true),
                SchemaProperty("modelContextWindow", .nullable(.integer)),
            ])
        }
    }
}
