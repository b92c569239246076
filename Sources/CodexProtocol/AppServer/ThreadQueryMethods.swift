// Params and results of the other thread/* requests.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Params of `thread/list`.
    public struct ThreadListParams: AppServerType {
        public var cursor: String?
        public var limit: UInt32?
        public var sortKey: ThreadSortKey?
        public var sortDirection: SortDirection?
        public var modelProviders: [String]?
        public var sourceKinds: [ThreadSourceKind]?
        public var archived: Bool?
        public var cwd: ThreadListCwdFilter?
        public var searchTerm: String?

        public init(
            cursor: String? = nil, limit: UInt32? = nil, sortKey: ThreadSortKey? = nil,
            sortDirection: SortDirection? = nil, modelProviders: [String]? = nil,
            sourceKinds: [ThreadSourceKind]? = nil, archived: Bool? = nil, cwd: ThreadListCwdFilter? = nil,
            searchTerm: String? = nil
        ) {
            self.cursor = cursor
            self.limit = limit
            self.sortKey = sortKey
            self.sortDirection = sortDirection
            self.modelProviders = modelProviders
            self.sourceKinds = sourceKinds
            self.archived = archived
            self.cwd = cwd
            self.searchTerm = searchTerm
        }

        private enum CodingKeys: String, CodingKey {
            case cursor
            case limit
            case sortKey
            case sortDirection
            case modelProviders
            case sourceKinds
            case archived
            case cwd
            case searchTerm
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cursor = try c.decodeIfPresent(String.self, forKey: .cursor)
            limit = try c.decodeIfPresent(UInt32.self, forKey: .limit)
            sortKey = try c.decodeIfPresent(ThreadSortKey.self, forKey: .sortKey)
            sortDirection = try c.decodeIfPresent(SortDirection.self, forKey: .sortDirection)
            modelProviders = try c.decodeIfPresent([String].self, forKey: .modelProviders)
            sourceKinds = try c.decodeIfPresent([ThreadSourceKind].self, forKey: .sourceKinds)
            archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
            cwd = try c.decodeIfPresent(ThreadListCwdFilter.self, forKey: .cwd)
            searchTerm = try c.decodeIfPresent(String.self, forKey: .searchTerm)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cursor, forKey: .cursor)
            try c.encode(limit, forKey: .limit)
            try c.encode(sortKey, forKey: .sortKey)
            try c.encode(sortDirection, forKey: .sortDirection)
            try c.encode(modelProviders, forKey: .modelProviders)
            try c.encode(sourceKinds, forKey: .sourceKinds)
            try c.encode(archived, forKey: .archived)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(searchTerm, forKey: .searchTerm)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("cursor", .nullable(.string)),
                SchemaProperty("limit", .nullable(.integer)),
                SchemaProperty("sortKey", .nullable(.ref("ThreadSortKey"))),
                SchemaProperty("sortDirection", .nullable(.ref("SortDirection"))),
                SchemaProperty("modelProviders", .nullable(.array(.string))),
                SchemaProperty("sourceKinds", .nullable(.array(.ref("ThreadSourceKind")))),
                SchemaProperty("archived", .nullable(.boolean)),
                SchemaProperty("cwd", .nullable(.ref("ThreadListCwdFilter"))),
                SchemaProperty("searchTerm", .nullable(.string)),
            ])
        }
    }

    /// Result of `thread/list`.
    public struct ThreadListResponse: AppServerType {
        public var data: [Thread]
        public var nextCursor: String?
        public var backwardsCursor: String?

        public init(data: [Thread], nextCursor: String? = nil, backwardsCursor: String? = nil) {
            self.data = data
            self.nextCursor = nextCursor
            self.backwardsCursor = backwardsCursor
        }

        private enum CodingKeys: String, CodingKey {
            case data
            case nextCursor
            case backwardsCursor
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            data = try c.decode([Thread].self, forKey: .data)
            nextCursor = try c.decodeIfPresent(String.self, forKey: .nextCursor)
            backwardsCursor = try c.decodeIfPresent(String.self, forKey: .backwardsCursor)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(data, forKey: .data)
            try c.encode(nextCursor, forKey: .nextCursor)
            try c.encode(backwardsCursor, forKey: .backwardsCursor)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("data", .array(.ref("Thread")), required: true),
                SchemaProperty("nextCursor", .nullable(.string)),
                SchemaProperty("backwardsCursor", .nullable(.string)),
            ])
        }
    }

    /// Params of `thread/read`.
    public struct ThreadReadParams: AppServerType {
        public var threadId: String
        public var includeTurns: Bool

        public init(threadId: String, includeTurns: Bool = false) {
            self.threadId = threadId
            self.includeTurns = includeTurns
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case includeTurns
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            includeTurns = try c.decodeIfPresent(Bool.self, forKey: .includeTurns) ?? false
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(includeTurns, forKey: .includeTurns)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("includeTurns", .boolean),
            ])
        }
    }

    /// Result of `thread/read`.
    public struct ThreadReadResponse: AppServerType {
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

    /// Params of `thread/archive`.
    public struct ThreadArchiveParams: AppServerType {
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

    /// Result of `thread/archive` (empty).
    public struct ThreadArchiveResponse: AppServerType {

        public init() {}

        private enum CodingKeys: CodingKey {}

        public init(from decoder: any Decoder) throws {
            _ = try decoder.container(keyedBy: CodingKeys.self)
        }

        public func encode(to encoder: any Encoder) throws {
            _ = encoder.container(keyedBy: CodingKeys.self)
        }

        public static var schema: SchemaNode {
            .object([])
        }
    }

    /// Params of `thread/unarchive`.
    public struct ThreadUnarchiveParams: AppServerType {
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

    /// Result of `thread/unarchive`.
    public struct ThreadUnarchiveResponse: AppServerType {
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

    /// Params of `thread/name/set`.
    public struct ThreadSetNameParams: AppServerType {
        public var threadId: String
        public var name: String

        public init(threadId: String, name: String) {
            self.threadId = threadId
            self.name = name
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case name
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            name = try c.decode(String.self, forKey: .name)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(name, forKey: .name)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("name", .string, required: true),
            ])
        }
    }

    /// Result of `thread/name/set` (empty).
    public struct ThreadSetNameResponse: AppServerType {

        public init() {}

        private enum CodingKeys: CodingKey {}

        public init(from decoder: any Decoder) throws {
            _ = try decoder.container(keyedBy: CodingKeys.self)
        }

        public func encode(to encoder: any Encoder) throws {
            _ = encoder.container(keyedBy: CodingKeys.self)
        }

        public static var schema: SchemaNode {
            .object([])
        }
    }

    /// Params of `thread/loaded/list`.
    public struct ThreadLoadedListParams: AppServerType {
        public var cursor: String?
        public var limit: UInt32?

        public init(cursor: String? = nil, limit: UInt32? = nil) {
            self.cursor = cursor
            self.limit = limit
        }

        private enum CodingKeys: String, CodingKey {
            case cursor
            case limit
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cursor = try c.decodeIfPresent(String.self, forKey: .cursor)
            limit = try c.decodeIfPresent(UInt32.self, forKey: .limit)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cursor, forKey: .cursor)
            try c.encode(limit, forKey: .limit)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("cursor", .nullable(.string)),
                SchemaProperty("limit", .nullable(.integer)),
            ])
        }
    }

    /// Result of `thread/loaded/list`.
    public struct ThreadLoadedListResponse: AppServerType {
        public var data: [String]
        public var nextCursor: String?

        public init(data: [String], nextCursor: String? = nil) {
            self.data = data
            self.nextCursor = nextCursor
        }

        private enum CodingKeys: String, CodingKey {
            case data
            case nextCursor
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            data = try c.decode([String].self, forKey: .data)
            nextCursor = try c.decodeIfPresent(String.self, forKey: .nextCursor)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(data, forKey: .data)
            try c.encode(nextCursor, forKey: .nextCursor)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("data", .array(.string), required: true),
                SchemaProperty("nextCursor", .nullable(.string)),
            ])
        }
    }

    /// Params of `thread/unsubscribe`.
    public struct ThreadUnsubscribeParams: AppServerType {
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

    /// Result of `thread/unsubscribe`.
    public struct ThreadUnsubscribeResponse: AppServerType {
        public var status: ThreadUnsubscribeStatus

        public init(status: ThreadUnsubscribeStatus) {
            self.status = status
        }

        private enum CodingKeys: String, CodingKey {
            case status
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            status = try c.decode(ThreadUnsubscribeStatus.self, forKey: .status)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(status, forKey: .status)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("status", .ref("ThreadUnsubscribeStatus"), required: true)
            ])
        }
    }
}
