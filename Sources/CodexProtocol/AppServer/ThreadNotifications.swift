// Params of thread-level and turn-level server notifications.

extension AppServerV2 {
    /// Params of `error`.
    @PublicMemberwiseInit
    public struct ErrorNotification: AppServerType {
        public var error: TurnError
        public var willRetry: Bool
        public var threadId: String
        public var turnId: String
    }

    /// Params of `thread/started`.
    @PublicMemberwiseInit
    public struct ThreadStartedNotification: AppServerType {
        public var thread: Thread
    }

    /// Params of `thread/status/changed`.
    @PublicMemberwiseInit
    public struct ThreadStatusChangedNotification: AppServerType {
        public var threadId: String
        public var status: ThreadStatus
    }

    /// Params of `thread/archived`.
    @PublicMemberwiseInit
    public struct ThreadArchivedNotification: AppServerType {
        public var threadId: String
    }

    /// Params of `thread/unarchived`.
    @PublicMemberwiseInit
    public struct ThreadUnarchivedNotification: AppServerType {
        public var threadId: String
    }

    /// Params of `thread/name/updated`.
    @PublicMemberwiseInit
    public struct ThreadNameUpdatedNotification: AppServerType {
        public var threadId: String
        public var threadName: String?
    }

    /// Params of `thread/tokenUsage/updated`.
    @PublicMemberwiseInit
    public struct ThreadTokenUsageUpdatedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var tokenUsage: ThreadTokenUsage
    }

    /// Params of `turn/started`.
    @PublicMemberwiseInit
    public struct TurnStartedNotification: AppServerType {
        public var threadId: String
        public var turn: Turn
    }

    /// Params of `turn/completed`.
    @PublicMemberwiseInit
    public struct TurnCompletedNotification: AppServerType {
        public var threadId: String
        public var turn: Turn
    }

    /// Params of `turn/diff/updated`.
    @PublicMemberwiseInit
    public struct TurnDiffUpdatedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var diff: String
    }

    /// One step of the agent plan.
    @PublicMemberwiseInit
    public struct TurnPlanStep: AppServerType {
        public var step: String
        public var status: TurnPlanStepStatus
    }

    /// Params of `turn/plan/updated`.
    @PublicMemberwiseInit
    public struct TurnPlanUpdatedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var explanation: String?
        public var plan: [TurnPlanStep]
    }
}

extension AppServerV2.ErrorNotification: ServerNotification { public static let method = "error" }

extension AppServerV2.ThreadStartedNotification: ServerNotification { public static let method = "thread/started" }

extension AppServerV2.ThreadStatusChangedNotification: ServerNotification {
    public static let method = "thread/status/changed"
}

extension AppServerV2.ThreadArchivedNotification: ServerNotification { public static let method = "thread/archived" }

extension AppServerV2.ThreadUnarchivedNotification: ServerNotification {
    public static let method = "thread/unarchived"
}

extension AppServerV2.ThreadNameUpdatedNotification: ServerNotification {
    public static let method = "thread/name/updated"
}

extension AppServerV2.ThreadTokenUsageUpdatedNotification: ServerNotification {
    public static let method = "thread/tokenUsage/updated"
}

extension AppServerV2.TurnStartedNotification: ServerNotification { public static let method = "turn/started" }

extension AppServerV2.TurnCompletedNotification: ServerNotification { public static let method = "turn/completed" }

extension AppServerV2.TurnDiffUpdatedNotification: ServerNotification { public static let method = "turn/diff/updated" }

extension AppServerV2.TurnPlanUpdatedNotification: ServerNotification { public static let method = "turn/plan/updated" }
