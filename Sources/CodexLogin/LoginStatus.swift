import CodexConfig

/// What `codex login status` reports about the stored credentials.
public enum LoginStatus: Sendable, Hashable {
    case notLoggedIn
    case apiKey(String)
    /// ChatGPT mode (the reference reports this for any stored file that does not resolve to an API key).
    case chatgpt(email: String?, planType: String?)

    /// The masked key as the reference prints it: first 8 characters, `***`, last 5; `***` for 13 or fewer.
    public static func mask(apiKey: String) -> String {
        let characters = Array(apiKey)
        guard characters.count > 13 else { return "***" }
        return String(characters.prefix(8)) + "***" + String(characters.suffix(5))
    }
}

extension AuthManager {
    /// The login state, reading the store now; a malformed or unreadable store is an error.
    /// A stored credential `forced_login_method` rules out reads as not logged in.
    public func status() async throws(AuthFileError) -> LoginStatus {
        try await reload()
        return LoginStatus(await storedFile(), restrictions: restrictions)
    }
}

extension LoginStatus {
    /// The status a stored file (nil: none) stands for under `restrictions`.
    public init(_ file: AuthDotJson?, restrictions: LoginRestrictions) {
        self = Self.resolve(file, restrictions: restrictions)
    }

    private static func resolve(_ file: AuthDotJson?, restrictions: LoginRestrictions) -> LoginStatus {
        guard let file else { return .notLoggedIn }
        switch file.resolvedMode {
        case .apiKey:
            guard restrictions.forcedMethod != .chatgpt, let key = file.openAIAPIKey else { return .notLoggedIn }
            return .apiKey(key)
        case .chatgpt:
            guard restrictions.forcedMethod != .api else { return .notLoggedIn }
            return .chatgpt(email: file.tokens?.claims.email, planType: file.tokens?.claims.chatgptPlanType)
        }
    }
}
