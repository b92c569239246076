// Params, results and notifications of the experimental fuzzy file search session
// (`fuzzyFileSearch/sessionStart`, `sessionUpdate`, `sessionStop`).

extension AppServerV2 {
    /// Params of `fuzzyFileSearch/sessionStart`: walk `roots` once and keep the index.
    @PublicMemberwiseInit
    public struct FuzzyFileSearchSessionStartParams: AppServerType {
        public var sessionId: String
        public var roots: [String]
    }

    /// Result of `fuzzyFileSearch/sessionStart` (empty).
    public struct FuzzyFileSearchSessionStartResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
        public init() {}
    }

    /// Params of `fuzzyFileSearch/sessionUpdate`: the new query, answered by `fuzzyFileSearch/sessionUpdated`.
    @PublicMemberwiseInit
    public struct FuzzyFileSearchSessionUpdateParams: AppServerType {
        public var sessionId: String
        public var query: String
    }

    /// Result of `fuzzyFileSearch/sessionUpdate` (empty).
    public struct FuzzyFileSearchSessionUpdateResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
        public init() {}
    }

    /// Params of `fuzzyFileSearch/sessionStop`.
    @PublicMemberwiseInit
    public struct FuzzyFileSearchSessionStopParams: AppServerType {
        public var sessionId: String
    }

    /// Result of `fuzzyFileSearch/sessionStop` (empty).
    public struct FuzzyFileSearchSessionStopResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
        public init() {}
    }

    /// `fuzzyFileSearch/sessionUpdated`: the matches of a session's latest query.
    @PublicMemberwiseInit
    public struct FuzzyFileSearchSessionUpdatedNotification: AppServerType {
        public var sessionId: String
        public var query: String
        public var files: [FuzzyFileSearchResult]
    }

    /// `fuzzyFileSearch/sessionCompleted`: a session finished answering its latest query.
    @PublicMemberwiseInit
    public struct FuzzyFileSearchSessionCompletedNotification: AppServerType {
        public var sessionId: String
    }
}

extension AppServerV2.FuzzyFileSearchSessionUpdatedNotification: ServerNotification {
    public static let method = "fuzzyFileSearch/sessionUpdated"
}

extension AppServerV2.FuzzyFileSearchSessionCompletedNotification: ServerNotification {
    public static let method = "fuzzyFileSearch/sessionCompleted"
}
