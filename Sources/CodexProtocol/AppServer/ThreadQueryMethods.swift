// Params and results of the other thread/* requests.

extension AppServerV2 {
    /// Params of `thread/list`.
    @PublicMemberwiseInit
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
    }

    /// Result of `thread/list`.
    @PublicMemberwiseInit
    public struct ThreadListResponse: AppServerType {
        public var data: [Thread]
        public var nextCursor: String?
        public var backwardsCursor: String?
    }

    /// Params of `thread/read`.
    @PublicMemberwiseInit
    public struct ThreadReadParams: AppServerType {
        public var threadId: String
        @DefaultWhenAbsent public var includeTurns: Bool = false
    }

    /// Result of `thread/read`.
    @PublicMemberwiseInit
    public struct ThreadReadResponse: AppServerType {
        public var thread: Thread
    }

    /// Params of `thread/archive`.
    @PublicMemberwiseInit
    public struct ThreadArchiveParams: AppServerType {
        public var threadId: String
    }

    /// Result of `thread/archive` (empty).
    @PublicMemberwiseInit
    public struct ThreadArchiveResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
    }

    /// Params of `thread/unarchive`.
    @PublicMemberwiseInit
    public struct ThreadUnarchiveParams: AppServerType {
        public var threadId: String
    }

    /// Result of `thread/unarchive`.
    @PublicMemberwiseInit
    public struct ThreadUnarchiveResponse: AppServerType {
        public var thread: Thread
    }

    /// Params of `thread/name/set`.
    @PublicMemberwiseInit
    public struct ThreadSetNameParams: AppServerType {
        public var threadId: String
        public var name: String
    }

    /// Result of `thread/name/set` (empty).
    @PublicMemberwiseInit
    public struct ThreadSetNameResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
    }

    /// Params of `thread/loaded/list`.
    @PublicMemberwiseInit
    public struct ThreadLoadedListParams: AppServerType {
        public var cursor: String?
        public var limit: UInt32?
    }

    /// Result of `thread/loaded/list`.
    @PublicMemberwiseInit
    public struct ThreadLoadedListResponse: AppServerType {
        public var data: [String]
        public var nextCursor: String?
    }

    /// Params of `thread/unsubscribe`.
    @PublicMemberwiseInit
    public struct ThreadUnsubscribeParams: AppServerType {
        public var threadId: String
    }

    /// Result of `thread/unsubscribe`.
    @PublicMemberwiseInit
    public struct ThreadUnsubscribeResponse: AppServerType {
        public var status: ThreadUnsubscribeStatus
    }
}
