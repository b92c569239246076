// Params, results and notifications of account/login/*, account/logout and account/rateLimits/read.

extension AppServerV2 {
    /// Params of `account/login/start`, tagged by `type` (the host-supplied token and Bedrock variants
    /// of the reference are not served).
    public enum LoginAccountParams: AppServerType, TaggedWireUnion {
        case apiKey(apiKey: String)
        case chatgpt(codexStreamlinedLogin: Bool?, useHostedLoginSuccessPage: Bool?)
        case chatgptDeviceCode

        public enum CodingKeys: CodingKey, CaseIterable { case apiKey, chatgpt, chatgptDeviceCode }

        public static var omitsNilMembers: Bool { true }
    }

    /// Result of `account/login/start`, tagged by `type`.
    public enum LoginAccountResponse: AppServerType, TaggedWireUnion {
        case apiKey
        case chatgpt(loginId: String, authUrl: String)
        case chatgptDeviceCode(loginId: String, verificationUrl: String, userCode: String)

        public enum CodingKeys: CodingKey, CaseIterable { case apiKey, chatgpt, chatgptDeviceCode }
    }

    /// Params of `account/login/cancel`.
    @PublicMemberwiseInit
    public struct CancelLoginAccountParams: AppServerType {
        public var loginId: String
    }

    /// Whether `account/login/cancel` found the login.
    public enum CancelLoginAccountStatus: String, AppServerType, WireStringEnum {
        case canceled
        case notFound
    }

    /// Result of `account/login/cancel`.
    @PublicMemberwiseInit
    public struct CancelLoginAccountResponse: AppServerType {
        public var status: CancelLoginAccountStatus
    }

    /// Result of `account/logout`: `{}`.
    @PublicMemberwiseInit
    public struct LogoutAccountResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
    }

    /// Authentication mode of `account/updated`.
    public enum AuthMode: String, AppServerType, WireStringEnum {
        case apikey
        case chatgpt
        case chatgptAuthTokens
        case headers
        case agentIdentity
        case personalAccessToken
        case bedrockApiKey
        case bedrockAccessKeys
    }

    /// Params of `account/login/completed`: how a login started by `account/login/start` ended.
    @PublicMemberwiseInit
    public struct AccountLoginCompletedNotification: AppServerType {
        public var loginId: String?
        public var success: Bool
        public var error: String?
        /// Always null here (the reference's desktop onboarding hint).
        public var onboardingEntrypoint: JSONValue?
    }

    /// Params of `account/updated`: the account's mode and plan after any change (null: logged out).
    @PublicMemberwiseInit
    public struct AccountUpdatedNotification: AppServerType {
        public var authMode: AuthMode?
        public var planType: PlanType?
    }

    /// Params of `account/rateLimits/read` (may be null or absent).
    @PublicMemberwiseInit
    public struct GetAccountRateLimitsParams: AppServerType {
        @OmitWhenNil public var excludeResetCreditDetails: Bool?
        @OmitWhenNil public var supportsLunaReserve: Bool?
    }

    /// One rate-limit window: percent used, its length and when it resets.
    @PublicMemberwiseInit
    public struct RateLimitWindow: AppServerType {
        public var usedPercent: Int32
        public var windowDurationMins: Int64?
        public var resetsAt: Int64?
    }

    /// The account's credits.
    @PublicMemberwiseInit
    public struct CreditsSnapshot: AppServerType {
        public var hasCredits: Bool
        public var unlimited: Bool
        public var balance: String?
    }

    /// One metered limit: its windows, credits and plan.
    @PublicMemberwiseInit
    public struct RateLimitSnapshot: AppServerType {
        public var limitId: String?
        public var limitName: String?
        /// The normal model whose display name and reasoning options describe this quota alias.
        public var normalModelSlug: String?
        public var primary: RateLimitWindow?
        public var secondary: RateLimitWindow?
        public var credits: CreditsSnapshot?
        public var individualLimit: SpendControlLimitSnapshot?
        /// Backend-reported spend-control state (null: unavailable).
        public var spendControlReached: Bool?
        public var planType: PlanType?
        public var rateLimitReachedType: RateLimitReachedType?
    }

    /// A member's own spend-control limit.
    @PublicMemberwiseInit
    public struct SpendControlLimitSnapshot: AppServerType {
        public var limit: String
        public var remainingPercent: Int32
        public var resetsAt: Int64
        public var used: String
    }

    /// Which limit was reached.
    public enum RateLimitReachedType: String, AppServerType, WireStringEnum {
        case rateLimitReached = "rate_limit_reached"
        case workspaceOwnerCreditsDepleted = "workspace_owner_credits_depleted"
        case workspaceMemberCreditsDepleted = "workspace_member_credits_depleted"
        case workspaceOwnerUsageLimitReached = "workspace_owner_usage_limit_reached"
        case workspaceMemberUsageLimitReached = "workspace_member_usage_limit_reached"
    }

    /// Result of `account/rateLimits/read`.
    @PublicMemberwiseInit
    public struct GetAccountRateLimitsResponse: AppServerType {
        /// The `codex` limit (the reference's single-bucket view).
        public var rateLimits: RateLimitSnapshot
        /// Every limit by its `limit_id`.
        public var rateLimitsByLimitId: [String: RateLimitSnapshot]?
    }

    /// Params of `account/rateLimits/updated`.
    @PublicMemberwiseInit
    public struct AccountRateLimitsUpdatedNotification: AppServerType {
        public var rateLimits: RateLimitSnapshot
    }
}

extension AppServerV2.AccountLoginCompletedNotification: ServerNotification {
    public static let method = "account/login/completed"
}

extension AppServerV2.AccountUpdatedNotification: ServerNotification { public static let method = "account/updated" }

extension AppServerV2.AccountRateLimitsUpdatedNotification: ServerNotification {
    public static let method = "account/rateLimits/updated"
}
