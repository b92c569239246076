// Params and result of `feedback/upload`.

extension AppServerV2 {
    /// Params of `feedback/upload`: what the user says about a thread (or about no thread), and which
    /// diagnostics they agreed to send with it.
    @PublicMemberwiseInit
    public struct FeedbackUploadParams: AppServerType {
        /// `bug`, `bad_result`, `good_result`, `safety_check` or anything else (shown as "Other").
        public var classification: String
        public var reason: String?
        public var threadId: String?
        /// Attach the server's logs and the thread's rollout.
        @DefaultWhenAbsent public var includeLogs: Bool = false
        /// Files attached whether or not `includeLogs` is set.
        public var extraLogFiles: [String]?
        /// Extra event tags; the reserved ones (`thread_id`, `classification`, ...) are ignored.
        public var tags: [String: String]?
    }

    /// Result of `feedback/upload`: the thread id the report was filed under (a fresh
    /// `no-active-thread-<uuid>` without a thread) and the hash of the thread's base instructions.
    @PublicMemberwiseInit
    public struct FeedbackUploadResponse: AppServerType {
        public var threadId: String
        public var promptHash: String?
    }
}
