// Params of item-level server notifications and configWarning.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case item
            case startedAtMs
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            item = try c.decode(ThreadItem.self, forKey: .item)
            startedAtMs = try c.decode(Int64.self, forKey: .startedAtMs)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(item, forKey: .item)
            try c.encode(startedAtMs, forKey: .startedAtMs)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("item", .ref("ThreadItem"), required: true),
                SchemaProperty("startedAtMs", .integer, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case item
            case completedAtMs
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            item = try c.decode(ThreadItem.self, forKey: .item)
            completedAtMs = try c.decode(Int64.self, forKey: .completedAtMs)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(item, forKey: .item)
            try c.encode(completedAtMs, forKey: .completedAtMs)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("item", .ref("ThreadItem"), required: true),
                SchemaProperty("completedAtMs", .integer, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case itemId
            case delta
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            itemId = try c.decode(String.self, forKey: .itemId)
            delta = try c.decode(String.self, forKey: .delta)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(itemId, forKey: .itemId)
            try c.encode(delta, forKey: .delta)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("itemId", .string, required: true),
                SchemaProperty("delta", .string, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case itemId
            case delta
            case summaryIndex
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            itemId = try c.decode(String.self, forKey: .itemId)
            delta = try c.decode(String.self, forKey: .delta)
            summaryIndex = try c.decode(Int64.self, forKey: .summaryIndex)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(itemId, forKey: .itemId)
            try c.encode(delta, forKey: .delta)
            try c.encode(summaryIndex, forKey: .summaryIndex)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("itemId", .string, required: true),
                SchemaProperty("delta", .string, required: true),
                SchemaProperty("summaryIndex", .integer, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case itemId
            case summaryIndex
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            itemId = try c.decode(String.self, forKey: .itemId)
            summaryIndex = try c.decode(Int64.self, forKey: .summaryIndex)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(itemId, forKey: .itemId)
            try c.encode(summaryIndex, forKey: .summaryIndex)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("itemId", .string, required: true),
                SchemaProperty("summaryIndex", .integer, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case itemId
            case delta
            case contentIndex
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            itemId = try c.decode(String.self, forKey: .itemId)
            delta = try c.decode(String.self, forKey: .delta)
            contentIndex = try c.decode(Int64.self, forKey: .contentIndex)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(itemId, forKey: .itemId)
            try c.encode(delta, forKey: .delta)
            try c.encode(contentIndex, forKey: .contentIndex)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("itemId", .string, required: true),
                SchemaProperty("delta", .string, required: true),
                SchemaProperty("contentIndex", .integer, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case itemId
            case delta
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            itemId = try c.decode(String.self, forKey: .itemId)
            delta = try c.decode(String.self, forKey: .delta)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(itemId, forKey: .itemId)
            try c.encode(delta, forKey: .delta)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("itemId", .string, required: true),
                SchemaProperty("delta", .string, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case line
            case column
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            line = try c.decode(Int64.self, forKey: .line)
            column = try c.decode(Int64.self, forKey: .column)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("line", .integer, required: true),
                SchemaProperty("column", .integer, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case start
            case end
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            start = try c.decode(TextPosition.self, forKey: .start)
            end = try c.decode(TextPosition.self, forKey: .end)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("start", .ref("TextPosition"), required: true),
                SchemaProperty("end", .ref("TextPosition"), required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case summary
            case details
            case path
            case range
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            summary = try c.decode(String.self, forKey: .summary)
            details = try c.decodeIfPresent(String.self, forKey: .details)
            path = try c.decodeIfPresent(String.self, forKey: .path)
            range = try c.decodeIfPresent(TextRange.self, forKey: .range)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(summary, forKey: .summary)
            try c.encode(details, forKey: .details)
            try c.encode(path, forKey: .path)
            try c.encode(range, forKey: .range)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("summary", .string, required: true),
                SchemaProperty("details", .nullable(.string)),
                SchemaProperty("path", .nullable(.string)),
                SchemaProperty("range", .nullable(.ref("TextRange"))),
            ])
        }
    }
}
