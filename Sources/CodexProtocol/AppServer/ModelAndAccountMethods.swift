// Params and results of model/list and account/read.

extension AppServerV2 {
    /// Params of `model/list`.
    @PublicMemberwiseInit
    public struct ModelListParams: AppServerType {
        public var cursor: String?
        public var limit: UInt32?
        public var includeHidden: Bool?
    }

    /// A reasoning effort a model supports.
    @PublicMemberwiseInit
    public struct ReasoningEffortOption: AppServerType {
        public var reasoningEffort: ReasoningEffort
        public var description: String
    }

    /// Where a model should be upgraded to.
    @PublicMemberwiseInit
    public struct ModelUpgradeInfo: AppServerType {
        public var model: String
        public var upgradeCopy: String?
        public var modelLink: String?
        public var migrationMarkdown: String?
    }

    /// The input kinds a model takes when its entry does not say: text and images.
    public enum TextAndImage: WireDefaultProvider {
        public static var defaultValue: [InputModality] { [.text, .image] }
    }

    /// One entry of `model/list`.
    @PublicMemberwiseInit
    public struct Model: AppServerType {
        public var id: String
        public var model: String
        public var displayName: String
        public var description: String
        public var hidden: Bool
        public var isDefault: Bool
        public var supportedReasoningEfforts: [ReasoningEffortOption]
        public var defaultReasoningEffort: ReasoningEffort
        @DefaultedTo<TextAndImage> public var inputModalities: [InputModality] = [.text, .image]
        @DefaultWhenAbsent public var supportsPersonality: Bool = false
        public var upgrade: String?
        public var upgradeInfo: ModelUpgradeInfo?
    }

    /// Result of `model/list`.
    @PublicMemberwiseInit
    public struct ModelListResponse: AppServerType {
        public var data: [Model]
        public var nextCursor: String?
    }

    /// Params of `account/read`.
    @PublicMemberwiseInit
    public struct GetAccountParams: AppServerType {
        @DefaultWhenAbsent public var refreshToken: Bool = false
    }

    /// The ChatGPT account of `account/read`.
    @PublicMemberwiseInit
    public struct ChatgptAccount: AppServerType {
        @RequiredNullable public var email: String?
        public var planType: PlanType
    }

    /// The signed-in account, tagged by `type`.
    public enum Account: AppServerType, OpenTaggedWireUnion {
        case apiKey
        case chatgpt(ChatgptAccount)
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        public enum CodingKeys: CodingKey, CaseIterable { case apiKey, chatgpt, unknown }

        public init(unknownVariant raw: JSONValue) { self = .unknown(raw) }

        public var unknownVariantPayload: JSONValue? {
            if case .unknown(let raw) = self { return raw }
            return nil
        }
    }

    /// Result of `account/read`.
    @PublicMemberwiseInit
    public struct GetAccountResponse: AppServerType {
        public var account: Account?
        public var requiresOpenaiAuth: Bool
    }
}
