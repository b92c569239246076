public import CodexConfig

/// `forced_login_method` and `forced_chatgpt_workspace_id`: which stored credentials may be used.
public struct LoginRestrictions: Sendable, Hashable {
    public var forcedMethod: ForcedLoginMethod?
    /// Allowed ChatGPT workspace ids (empty: any).
    public var forcedWorkspaceIDs: [String]

    public init(forcedMethod: ForcedLoginMethod? = nil, forcedWorkspaceIDs: [String] = []) {
        self.forcedMethod = forcedMethod
        self.forcedWorkspaceIDs = forcedWorkspaceIDs
    }

    /// The restrictions a configuration sets.
    public init(config: Config) {
        self.init(
            forcedMethod: config.forcedLoginMethod,
            forcedWorkspaceIDs: config.forcedChatGPTWorkspaceID.map { [$0] } ?? [])
    }

    /// Why `auth` may not be used, nil when it may.
    public func violation(of auth: CodexAuth) -> LoginError? {
        switch (forcedMethod, auth) {
        case (.chatgpt, .apiKey): return .forcedMethodMismatch(required: .chatgpt)
        case (.api, .chatgpt): return .forcedMethodMismatch(required: .api)
        case (_, .chatgpt(let credentials)):
            return workspaceViolation(accountID: credentials.tokens.accountID ?? credentials.tokens.claims.chatgptAccountID)
        default: return nil
        }
    }

    /// Why ChatGPT tokens of `accountID` may not be used, nil when they may.
    public func workspaceViolation(accountID: String?) -> LoginError? {
        guard !forcedWorkspaceIDs.isEmpty else { return nil }
        guard let accountID, forcedWorkspaceIDs.contains(accountID) else {
            return .workspaceMismatch(allowed: forcedWorkspaceIDs, actual: accountID)
        }
        return nil
    }
}
