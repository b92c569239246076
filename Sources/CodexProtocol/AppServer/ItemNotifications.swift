// Params of item-level server notifications and configWarning.

extension AppServerV2 {
    /// Params of `item/started`.
    public struct ItemStartedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var item: ThreadItem
        public var startedAtMs: Int64

        public init(threadId: String, turnId: String, item: ThreadItem, startedAtMs: Int64) {
            self.threadId = threadId
            self.turnId = turnId
            self.item = item
            self.startedAtMs = startedAtMs
        }
    }

    /// Params of `item/completed`.
    public struct ItemCompletedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var item: ThreadItem
        public var completedAtMs: Int64

        public init(threadId: String, turnId: String, item: ThreadItem, completedAtMs: Int64) {
            self.threadId = threadId
            self.turnId = turnId
            self.item = item
            self.completedAtMs = completedAtMs
        }
    }

    /// Params of `item/agentMessage/delta`.
    public struct AgentMessageDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String

        public init(threadId: String, turnId: String, itemId: String, delta: String) {
            self.threadId = threadId
            self.turnId = turnId
            self.itemId = itemId
            self.delta = delta
        }
    }

    /// Params of `item/reasoning/summaryTextDelta`.
    public struct ReasoningSummaryTextDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String
        public var summaryIndex: Int64

        public init(threadId: String, turnId: String, itemId: String, delta: String, summaryIndex: Int64) {
            self.threadId = threadId
            self.turnId = turnId
            self.itemId = itemId
            self.delta = delta
            self.summaryIndex = summaryIndex
        }
    }

    /// Params of `item/reasoning/summaryPartAdded`.
    public struct ReasoningSummaryPartAddedNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var summaryIndex: Int64

        public init(threadId: String, turnId: String, itemId: String, summaryIndex: Int64) {
            self.threadId = threadId
            self.turnId = turnId
            self.itemId = itemId
            self.summaryIndex = summaryIndex
        }
    }

    /// Params of `item/reasoning/textDelta`.
    public struct ReasoningTextDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String
        public var contentIndex: Int64

        public init(threadId: String, turnId: String, itemId: String, delta: String, contentIndex: Int64) {
            self.threadId = threadId
            self.turnId = turnId
            self.itemId = itemId
            self.delta = delta
            self.contentIndex = contentIndex
        }
    }

    /// Params of `item/commandExecution/outputDelta`.
    public struct CommandExecutionOutputDeltaNotification: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var delta: String

        public init(threadId: String, turnId: String, itemId: String, delta: String) {
            self.threadId = threadId
            self.turnId = turnId
            self.itemId = itemId
            self.delta = delta
        }
    }

    /// A 1-based line/column position in a config file.
    public struct TextPosition: AppServerType {
        public var line: Int64
        public var column: Int64

        public init(line: Int64, column: Int64) {
            self.line = line
            self.column = column
        }
    }

    /// A range in a config file.
    public struct TextRange: AppServerType {
        public var start: TextPosition
        public var end: TextPosition

        public init(start: TextPosition, end: TextPosition) {
            self.start = start
            self.end = end
        }
    }

    /// Params of `configWarning`.
    public struct ConfigWarningNotification: AppServerType {
        public var summary: String
        public var details: String?
        public var path: String?
        public var range: TextRange?

        public init(summary: String, details: String? = nil, path: String? = nil, range: TextRange? = nil) {
            self.summary = summary
            self.details = details
            self.path = path
            self.range = range
        }
    }
}
