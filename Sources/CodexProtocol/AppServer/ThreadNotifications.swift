// Params of thread-level and turn-level server notifications.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Params of `error`.
    public struct ErrorNotification: AppServerType {
        public var error: TurnError
        public var willRetry: Bool
        public var threadId: String
        public var turnId: String

        public init(error: TurnError, willRetry: Bool, threadId: String, turnId: String) {
            self.error = error
            self.willRetry = willRetry
            self.threadId = threadId
            self.turnId = turnId
        }

        private enum CodingKeys: String, CodingKey {
            case error
            case willRetry
            case threadId
            case turnId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            error = try c.decode(TurnError.self, forKey: .error)
            willRetry = try c.decode(Bool.self, forKey: .willRetry)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(error, forKey: .error)
            try c.encode(willRetry, forKey: .willRetry)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("error", .ref("TurnError"), required: true),
                SchemaProperty("willRetry", .boolean, required: true),
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
            ])
        }
    }

    /// Params of `thread/started`.
    public struct ThreadStartedNotification: AppServerType {
        public var thread: Thread

        public init(thread: Thread) {
            self.thread = thread
        }

        private enum CodingKeys: String, CodingKey {
            case thread
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            thread = try c.decode(Thread.self, forKey: .thread)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(thread, forKey: .thread)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("thread", .ref("Thread"), required: true)
            ])
        }
    }

    /// Params of `thread/status/changed`.
    public struct ThreadStatusChangedNotification: AppServerType {
        public var threadId: String
        public var status: ThreadStatus

        public init(threadId: String, status: ThreadStatus) {
            self.threadId = threadId
            self.status = status
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case status
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            status = try c.decode(ThreadStatus.self, forKey: .status)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(status, forKey: .status)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("status", .ref("ThreadStatus"), required: true),
            ])
        }
    }

    /// Params of `thread/archived`.
    public struct ThreadArchivedNotification: AppServerType {
        public var threadId: String

        public init(threadId: String) {
            self.threadId = threadId
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true)
            ])
        }
    }

    /// Params of `thread/unarchived`.
    public struct ThreadUnarchivedNotification: AppServerType {
        public var threadId: String

        public init(threadId: String) {
            self.threadId = threadId
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true)
            ])
        }
    }

    /// Params of `thread/name/updated`.
    public struct ThreadNameUpdatedNotification: AppServerType {
        public var threadId: String
        public var threadName: String?

        public init(threadId: String, threadName: String? = nil) {
            self.threadId = threadId
            self.threadName = threadName
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case threadName
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            threadName = try c.decodeIfPresent(String.self, forKey: .threadName)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(threadName, forKey: .threadName)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("threadName", .nullable(.string)),
            ])
        }
    }

    /// Params of `thread/tokenUsage/updated`.
    public struct ThreadTokenUsageUpdatedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var tokenUsage: ThreadTokenUsage

        public init(threadId: String, turnId: String, tokenUsage: ThreadTokenUsage) {
            self.threadId = threadId
            self.turnId = turnId
            self.tokenUsage = tokenUsage
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case tokenUsage
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            tokenUsage = try c.decode(ThreadTokenUsage.self, forKey: .tokenUsage)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(tokenUsage, forKey: .tokenUsage)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("tokenUsage", .ref("ThreadTokenUsage"), required: true),
            ])
        }
    }

    /// Params of `turn/started`.
    public struct TurnStartedNotification: AppServerType {
        public var threadId: String
        public var turn: Turn

        public init(threadId: String, turn: Turn) {
            self.threadId = threadId
            self.turn = turn
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turn
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turn = try c.decode(Turn.self, forKey: .turn)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turn, forKey: .turn)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turn", .ref("Turn"), required: true),
            ])
        }
    }

    /// Params of `turn/completed`.
    public struct TurnCompletedNotification: AppServerType {
        public var threadId: String
        public var turn: Turn

        public init(threadId: String, turn: Turn) {
            self.threadId = threadId
            self.turn = turn
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turn
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turn = try c.decode(Turn.self, forKey: .turn)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turn, forKey: .turn)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turn", .ref("Turn"), required: true),
            ])
        }
    }

    /// Params of `turn/diff/updated`.
    public struct TurnDiffUpdatedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var diff: String

        public init(threadId: String, turnId: String, diff: String) {
            self.threadId = threadId
            self.turnId = turnId
            self.diff = diff
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case diff
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            diff = try c.decode(String.self, forKey: .diff)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(diff, forKey: .diff)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("diff", .string, required: true),
            ])
        }
    }

    /// One step of the agent plan.
    public struct TurnPlanStep: AppServerType {
        public var step: String
        public var status: TurnPlanStepStatus

        public init(step: String, status: TurnPlanStepStatus) {
            self.step = step
            self.status = status
        }

        private enum CodingKeys: String, CodingKey {
            case step
            case status
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            step = try c.decode(String.self, forKey: .step)
            status = try c.decode(TurnPlanStepStatus.self, forKey: .status)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(step, forKey: .step)
            try c.encode(status, forKey: .status)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("step", .string, required: true),
                SchemaProperty("status", .ref("TurnPlanStepStatus"), required: true),
            ])
        }
    }

    /// Params of `turn/plan/updated`.
    public struct TurnPlanUpdatedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var explanation: String?
        public var plan: [TurnPlanStep]

        public init(threadId: String, turnId: String, explanation: String? = nil, plan: [TurnPlanStep]) {
            self.threadId = threadId
            self.turnId = turnId
            self.explanation = explanation
            self.plan = plan
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case explanation
            case plan
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            explanation = try c.decodeIfPresent(String.self, forKey: .explanation)
            plan = try c.decode([TurnPlanStep].self, forKey: .plan)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(explanation, forKey: .explanation)
            try c.encode(plan, forKey: .plan)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("explanation", .nullable(.string)),
                SchemaProperty("plan", .array(.ref("TurnPlanStep")), required: true),
            ])
        }
    }
}
