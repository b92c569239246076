// Params of thread-level and turn-level server notifications.

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
    }

    /// Params of `thread/started`.
    public struct ThreadStartedNotification: AppServerType {
        public var thread: Thread

        public init(thread: Thread) {
            self.thread = thread
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
    }

    /// Params of `thread/archived`.
    public struct ThreadArchivedNotification: AppServerType {
        public var threadId: String

        public init(threadId: String) {
            self.threadId = threadId
        }
    }

    /// Params of `thread/unarchived`.
    public struct ThreadUnarchivedNotification: AppServerType {
        public var threadId: String

        public init(threadId: String) {
            self.threadId = threadId
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
    }

    /// Params of `turn/started`.
    public struct TurnStartedNotification: AppServerType {
        public var threadId: String
        public var turn: Turn

        public init(threadId: String, turn: Turn) {
            self.threadId = threadId
            self.turn = turn
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
    }

    /// One step of the agent plan.
    public struct TurnPlanStep: AppServerType {
        public var step: String
        public var status: TurnPlanStepStatus

        public init(step: String, status: TurnPlanStepStatus) {
            self.step = step
            self.status = status
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
    }
}
