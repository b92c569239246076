// Params and results of the other thread/* requests.

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
    }

    /// Params of `thread/read`.
    public struct ThreadReadParams: AppServerType {
        public var threadId: String
        @DefaultWhenAbsent public var includeTurns: Bool

        public init(threadId: String, includeTurns: Bool = false) {
            self.threadId = threadId
            self.includeTurns = includeTurns
        }
    }

    /// Result of `thread/read`.
    public struct ThreadReadResponse: AppServerType {
        public var thread: Thread

        public init(thread: Thread) {
            self.thread = thread
        }
    }

    /// Params of `thread/archive`.
    public struct ThreadArchiveParams: AppServerType {
        public var threadId: String

        public init(threadId: String) {
            self.threadId = threadId
        }
    }

    /// Result of `thread/archive` (empty).
    public struct ThreadArchiveResponse: AppServerType {

        public init() {}

        private enum CodingKeys: CodingKey {}
    }

    /// Params of `thread/unarchive`.
    public struct ThreadUnarchiveParams: AppServerType {
        public var threadId: String

        public init(threadId: String) {
            self.threadId = threadId
        }
    }

    /// Result of `thread/unarchive`.
    public struct ThreadUnarchiveResponse: AppServerType {
        public var thread: Thread

        public init(thread: Thread) {
            self.thread = thread
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
    }

    /// Result of `thread/name/set` (empty).
    public struct ThreadSetNameResponse: AppServerType {

        public init() {}

        private enum CodingKeys: CodingKey {}
    }

    /// Params of `thread/loaded/list`.
    public struct ThreadLoadedListParams: AppServerType {
        public var cursor: String?
        public var limit: UInt32?

        public init(cursor: String? = nil, limit: UInt32? = nil) {
            self.cursor = cursor
            self.limit = limit
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
    }

    /// Params of `thread/unsubscribe`.
    public struct ThreadUnsubscribeParams: AppServerType {
        public var threadId: String

        public init(threadId: String) {
            self.threadId = threadId
        }
    }

    /// Result of `thread/unsubscribe`.
    public struct ThreadUnsubscribeResponse: AppServerType {
        public var status: ThreadUnsubscribeStatus

        public init(status: ThreadUnsubscribeStatus) {
            self.status = status
        }
    }
}
