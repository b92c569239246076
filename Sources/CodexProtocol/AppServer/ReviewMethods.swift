// Params and result of review/start.

extension AppServerV2 {
    /// Params of `review/start`: review `target` as a turn of thread `threadId`.
    @PublicMemberwiseInit
    public struct ReviewStartParams: AppServerType {
        public var threadId: String
        public var target: ReviewTarget
        /// `inline` (the default: a turn of this thread) or `detached` (a new thread).
        public var delivery: ReviewDelivery?
    }

    /// Result of `review/start`: the in-progress review turn and the thread it runs on.
    @PublicMemberwiseInit
    public struct ReviewStartResponse: AppServerType {
        public var turn: Turn
        /// The thread the review runs on (the request's thread for an inline review).
        public var reviewThreadId: String
    }

    /// What a review looks at (tagged by `type`).
    public enum ReviewTarget: AppServerType, TaggedWireUnion {
        /// The working tree: staged, unstaged and untracked files.
        case uncommittedChanges
        /// The current branch against `branch`.
        case baseBranch(branch: String)
        /// The changes a commit introduced; `title` is a label for people.
        case commit(sha: String, title: String?)
        /// Free-form review instructions.
        case custom(instructions: String)

        public enum CodingKeys: CodingKey, CaseIterable { case uncommittedChanges, baseBranch, commit, custom }
    }

    /// Where a review runs.
    public enum ReviewDelivery: String, AppServerType, WireStringEnum {
        case inline
        case detached
    }
}
