// Params of item-level server notifications, configWarning and deprecationNotice.

extension AppServerV2 {
    /// Params of `item/started`.
    @PublicMemberwiseInit
    public struct ItemStartedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var item: ThreadItem
        public var startedAtMs: Int64
    }

    /// Params of `item/completed`.
    @PublicMemberwiseInit
    public struct ItemCompletedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var item: ThreadItem
        public var completedAtMs: Int64
    }

    /// Params of `item/agentMessage/delta`.
    @PublicMemberwiseInit
    public struct AgentMessageDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String
    }

    /// Params of `item/reasoning/summaryTextDelta`.
    @PublicMemberwiseInit
    public struct ReasoningSummaryTextDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String
        public var summaryIndex: Int64
    }

    /// Params of `item/reasoning/summaryPartAdded`.
    @PublicMemberwiseInit
    public struct ReasoningSummaryPartAddedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var summaryIndex: Int64
    }

    /// Params of `item/reasoning/textDelta`.
    @PublicMemberwiseInit
    public struct ReasoningTextDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String
        public var contentIndex: Int64
    }

    /// Params of `item/commandExecution/outputDelta`.
    @PublicMemberwiseInit
    public struct CommandExecutionOutputDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String
    }

    /// Params of `item/commandExecution/terminalInteraction`: input written to a running command's session.
    @PublicMemberwiseInit
    public struct TerminalInteractionNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var processId: String
        public var stdin: String
    }

    /// A 1-based line/column position in a config file.
    @PublicMemberwiseInit
    public struct TextPosition: AppServerType {
        public var line: Int64
        public var column: Int64
    }

    /// A range in a config file.
    @PublicMemberwiseInit
    public struct TextRange: AppServerType {
        public var start: TextPosition
        public var end: TextPosition
    }

    /// Params of `warning`: a message for the user, optionally about one thread.
    @PublicMemberwiseInit
    public struct WarningNotification: AppServerType {
        public var message: String
        public var threadId: String?
    }

    /// Params of `configWarning`.
    @PublicMemberwiseInit
    public struct ConfigWarningNotification: AppServerType {
        public var summary: String
        public var details: String?
        public var path: String?
        public var range: TextRange?
    }

    /// Params of `deprecationNotice`: something the client used is deprecated.
    @PublicMemberwiseInit
    public struct DeprecationNoticeNotification: AppServerType {
        /// What is deprecated.
        public var summary: String
        /// Migration steps or rationale.
        public var details: String?
    }
}

extension AppServerV2.ItemStartedNotification: ServerNotification { public static let method = "item/started" }

extension AppServerV2.ItemCompletedNotification: ServerNotification { public static let method = "item/completed" }

extension AppServerV2.AgentMessageDeltaNotification: ServerNotification {
    public static let method = "item/agentMessage/delta"
}

extension AppServerV2.ReasoningSummaryTextDeltaNotification: ServerNotification {
    public static let method = "item/reasoning/summaryTextDelta"
}

extension AppServerV2.ReasoningSummaryPartAddedNotification: ServerNotification {
    public static let method = "item/reasoning/summaryPartAdded"
}

extension AppServerV2.ReasoningTextDeltaNotification: ServerNotification {
    public static let method = "item/reasoning/textDelta"
}

extension AppServerV2.CommandExecutionOutputDeltaNotification: ServerNotification {
    public static let method = "item/commandExecution/outputDelta"
}

extension AppServerV2.TerminalInteractionNotification: ServerNotification {
    public static let method = "item/commandExecution/terminalInteraction"
}

extension AppServerV2.ConfigWarningNotification: ServerNotification { public static let method = "configWarning" }

extension AppServerV2.WarningNotification: ServerNotification { public static let method = "warning" }

extension AppServerV2.DeprecationNoticeNotification: ServerNotification {
    public static let method = "deprecationNotice"
}
