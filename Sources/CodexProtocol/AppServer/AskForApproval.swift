// Approval policy: a kebab-case string or `{"granular": {...}}`.

extension AppServerV2 {
    /// When the agent must ask before acting; unknown strings (e.g. the removed `on-failure`) are rejected.
    public enum AskForApproval: AppServerType, ExternallyTaggedWireUnion {
        case untrusted
        case onRequest
        case never
        case granular(GranularApprovalConfig)

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case untrusted
            case onRequest = "on-request"
            case never
            case granular
        }

        /// The wire string of the simple forms; nil for `granular`.
        public var stringValue: String? {
            switch self {
            case .untrusted: return "untrusted"
            case .onRequest: return "on-request"
            case .never: return "never"
            case .granular: return nil
            }
        }
    }
}
