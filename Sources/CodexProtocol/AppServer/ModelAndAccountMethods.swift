// Params and results of model/list and account/read.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

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

        private enum CodingKeys: String, CodingKey {
            case cursor
            case limit
            case includeHidden
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cursor = try c.decodeIfPresent(String.self, forKey: .cursor)
            limit = try c.decodeIfPresent(UInt32.self, forKey: .limit)
            includeHidden = try c.decodeIfPresent(Bool.self, forKey: .includeHidden)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cursor, forKey: .cursor)
            try c.encode(limit, forKey: .limit)
            try c.encode(includeHidden, forKey: .includeHidden)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("cursor", .nullable(.string)),
                SchemaProperty("limit", .nullable(.integer)),
                SchemaProperty("includeHidden", .nullable(.boolean)),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case reasoningEffort
            case description
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            reasoningEffort = try c.decode(ReasoningEffort.self, forKey: .reasoningEffort)
            description = try c.decode(String.self, forKey: .description)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reasoningEffort, forKey: .reasoningEffort)
            try c.encode(description, forKey: .description)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("reasoningEffort", .ref("ReasoningEffort"), required: true),
                SchemaProperty("description", .string, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case model
            case upgradeCopy
            case modelLink
            case migrationMarkdown
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            model = try c.decode(String.self, forKey: .model)
            upgradeCopy = try c.decodeIfPresent(String.self, forKey: .upgradeCopy)
            modelLink = try c.decodeIfPresent(String.self, forKey: .modelLink)
            migrationMarkdown = try c.decodeIfPresent(String.self, forKey: .migrationMarkdown)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(model, forKey: .model)
            try c.encode(upgradeCopy, forKey: .upgradeCopy)
            try c.encode(modelLink, forKey: .modelLink)
            try c.encode(migrationMarkdown, forKey: .migrationMarkdown)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("model", .string, required: true),
                SchemaProperty("upgradeCopy", .nullable(.string)),
                SchemaProperty("modelLink", .nullable(.string)),
                SchemaProperty("migrationMarkdown", .nullable(.string)),
            ])
        }
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
        public var inputModalities: [InputModality]
        public var supportsPersonality: Bool
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

        private enum CodingKeys: String, CodingKey {
            case id
            case model
            case displayName
            case description
            case hidden
            case isDefault
            case supportedReasoningEfforts
            case defaultReasoningEffort
            case inputModalities
            case supportsPersonality
            case upgrade
            case upgradeInfo
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            model = try c.decode(String.self, forKey: .model)
            displayName = try c.decode(String.self, forKey: .displayName)
            description = try c.decode(String.self, forKey: .description)
            hidden = try c.decode(Bool.self, forKey: .hidden)
            isDefault = try c.decode(Bool.self, forKey: .isDefault)
            supportedReasoningEfforts = try c.decode([ReasoningEffortOption].self, forKey: .supportedReasoningEfforts)
            defaultReasoningEffort = try c.decode(ReasoningEffort.self, forKey: .defaultReasoningEffort)
            inputModalities = try c.decodeIfPresent([InputModality].self, forKey: .inputModalities) ?? [.text, .image]
            supportsPersonality = try c.decodeIfPresent(Bool.self, forKey: .supportsPersonality) ?? false
            upgrade = try c.decodeIfPresent(String.self, forKey: .upgrade)
            upgradeInfo = try c.decodeIfPresent(ModelUpgradeInfo.self, forKey: .upgradeInfo)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(model, forKey: .model)
            try c.encode(displayName, forKey: .displayName)
            try c.encode(description, forKey: .description)
            try c.encode(hidden, forKey: .hidden)
            try c.encode(isDefault, forKey: .isDefault)
            try c.encode(supportedReasoningEfforts, forKey: .supportedReasoningEfforts)
            try c.encode(defaultReasoningEffort, forKey: .defaultReasoningEffort)
            try c.encode(inputModalities, forKey: .inputModalities)
            try c.encode(supportsPersonality, forKey: .supportsPersonality)
            try c.encode(upgrade, forKey: .upgrade)
            try c.encode(upgradeInfo, forKey: .upgradeInfo)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("id", .string, required: true),
                SchemaProperty("model", .string, required: true),
                SchemaProperty("displayName", .string, required: true),
                SchemaProperty("description", .string, required: true),
                SchemaProperty("hidden", .boolean, required: true),
                SchemaProperty("isDefault", .boolean, required: true),
                SchemaProperty("supportedReasoningEfforts", .array(.ref("ReasoningEffortOption")), required: true),
                SchemaProperty("defaultReasoningEffort", .ref("ReasoningEffort"), required: true),
                SchemaProperty("inputModalities", .array(.ref("InputModality"))),
                SchemaProperty("supportsPersonality", .boolean),
                SchemaProperty("upgrade", .nullable(.string)),
                SchemaProperty("upgradeInfo", .nullable(.ref("ModelUpgradeInfo"))),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case data
            case nextCursor
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            data = try c.decode([Model].self, forKey: .data)
            nextCursor = try c.decodeIfPresent(String.self, forKey: .nextCursor)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(data, forKey: .data)
            try c.encode(nextCursor, forKey: .nextCursor)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("data", .array(.ref("Model")), required: true),
                SchemaProperty("nextCursor", .nullable(.string)),
            ])
        }
    }

    /// Params of `account/read`.
    public struct GetAccountParams: AppServerType {
        public var refreshToken: Bool

        public init(refreshToken: Bool = false) {
            self.refreshToken = refreshToken
        }

        private enum CodingKeys: String, CodingKey {
            case refreshToken
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            refreshToken = try c.decodeIfPresent(Bool.self, forKey: .refreshToken) ?? false
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(refreshToken, forKey: .refreshToken)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("refreshToken", .boolean)
            ])
        }
    }

    /// The signed-in account, tagged by `type`.
    public enum Account: AppServerType {
        case apiKey
        case chatgpt(email: String?, planType: PlanType)
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case email
            case planType
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "apiKey":
                self = .apiKey
            case "chatgpt":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .chatgpt(
                    email: try c.decodeIfPresent(String.self, forKey: .email),
                    planType: try c.decode(PlanType.self, forKey: .planType))
            default:
                self = .unknown(try JSONValue(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .apiKey:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("apiKey", forKey: .type)
            case .chatgpt(let email, let planType):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(email, forKey: .email)
                try c.encode(planType, forKey: .planType)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("chatgpt", forKey: .type)
            case .unknown(let raw):
                try raw.encode(to: encoder)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject("apiKey", []),
                .taggedObject(
                    "chatgpt",
                    [
                        SchemaProperty("email", .nullable(.string), required: true),
                        SchemaProperty("planType", .ref("PlanType"), required: true),
                    ]),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case account
            case requiresOpenaiAuth
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            account = try c.decodeIfPresent(Account.self, forKey: .account)
            requiresOpenaiAuth = try c.decode(Bool.self, forKey: .requiresOpenaiAuth)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(account, forKey: .account)
            try c.encode(requiresOpenaiAuth, forKey: .requiresOpenaiAuth)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("account", .nullable(.ref("Account"))),
                SchemaProperty("requiresOpenaiAuth", .boolean, required: true),
            ])
        }
    }
}
