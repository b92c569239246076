// Params and results of model/list and account/read.

extension AppServerV2 {
    /// Params of `model/list`.
    public struct ModelListParams: AppServerType {
        public var cursor: String?
        public var limit: UInt32?
        public var includeHidden: Bool?

        public init(cursor: String? = nil, limit: UInt32? = nil, includeHidden: Bool? = nil) {
            self.cursor = cursor
            self.limit = limit
            self.includeHidden = includeHidden
        }
    }

    /// A reasoning effort a model supports.
    public struct ReasoningEffortOption: AppServerType {
        public var reasoningEffort: ReasoningEffort
        public var description: String

        public init(reasoningEffort: ReasoningEffort, description: String) {
            self.reasoningEffort = reasoningEffort
            self.description = description
        }
    }

    /// Where a model should be upgraded to.
    public struct ModelUpgradeInfo: AppServerType {
        public var model: String
        public var upgradeCopy: String?
        public var modelLink: String?
        public var migrationMarkdown: String?

        public init(
            model: String, upgradeCopy: String? = nil, modelLink: String? = nil, migrationMarkdown: String? = nil
        ) {
            self.model = model
            self.upgradeCopy = upgradeCopy
            self.modelLink = modelLink
            self.migrationMarkdown = migrationMarkdown
        }
    }

    /// The input kinds a model takes when its entry does not say: text and images.
    public enum TextAndImage: WireDefaultProvider {
        public static var defaultValue: [InputModality] { [.text, .image] }
    }

    /// One entry of `model/list`.
    public struct Model: AppServerType {
        public var id: String
        public var model: String
        public var displayName: String
        public var description: String
        public var hidden: Bool
        public var isDefault: Bool
        public var supportedReasoningEfforts: [ReasoningEffortOption]
        public var defaultReasoningEffort: ReasoningEffort
        @DefaultedTo<TextAndImage> public var inputModalities: [InputModality]
        @DefaultWhenAbsent public var supportsPersonality: Bool
        public var upgrade: String?
        public var upgradeInfo: ModelUpgradeInfo?

        public init(
            id: String, model: String, displayName: String, description: String, hidden: Bool, isDefault: Bool,
            supportedReasoningEfforts: [ReasoningEffortOption], defaultReasoningEffort: ReasoningEffort,
            inputModalities: [InputModality] = [.text, .image], supportsPersonality: Bool = false,
            upgrade: String? = nil, upgradeInfo: ModelUpgradeInfo? = nil
        ) {
            self.id = id
            self.model = model
            self.displayName = displayName
            self.description = description
            self.hidden = hidden
            self.isDefault = isDefault
            self.supportedReasoningEfforts = supportedReasoningEfforts
            self.defaultReasoningEffort = defaultReasoningEffort
            self.inputModalities = inputModalities
            self.supportsPersonality = supportsPersonality
            self.upgrade = upgrade
            self.upgradeInfo = upgradeInfo
        }
    }

    /// Result of `model/list`.
    public struct ModelListResponse: AppServerType {
        public var data: [Model]
        public var nextCursor: String?

        public init(data: [Model], nextCursor: String? = nil) {
            self.data = data
            self.nextCursor = nextCursor
        }
    }

    /// Params of `account/read`.
    public struct GetAccountParams: AppServerType {
        @DefaultWhenAbsent public var refreshToken: Bool

        public init(refreshToken: Bool = false) {
            self.refreshToken = refreshToken
        }
    }

    /// The ChatGPT account of `account/read`.
    public struct ChatgptAccount: AppServerType {
        @RequiredNullable public var email: String?
        public var planType: PlanType

        public init(email: String?, planType: PlanType) {
            self.email = email
            self.planType = planType
        }
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
    public struct GetAccountResponse: AppServerType {
        public var account: Account?
        public var requiresOpenaiAuth: Bool

        public init(account: Account? = nil, requiresOpenaiAuth: Bool) {
            self.account = account
            self.requiresOpenaiAuth = requiresOpenaiAuth
        }
    }
}
