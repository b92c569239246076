public import FoundationEssentials

/// The credential requests are made with: an API key, or ChatGPT tokens.
public enum CodexAuth: Sendable, Hashable {
    case apiKey(String)
    case chatgpt(ChatGPTCredentials)

    public var mode: AuthMode {
        switch self {
        case .apiKey: .apiKey
        case .chatgpt: .chatgpt
        }
    }

    /// The bearer token: the API key, or the ChatGPT access token.
    public var bearerToken: String {
        switch self {
        case .apiKey(let key): key
        case .chatgpt(let credentials): credentials.tokens.accessToken
        }
    }

    /// `chatgpt-account-id` for ChatGPT requests.
    public var chatgptAccountID: String? {
        if case .chatgpt(let credentials) = self { return credentials.tokens.accountID }
        return nil
    }

    /// The credential an auth.json stands for, nil when it holds none (classic rule: a present
    /// `OPENAI_API_KEY` wins unless `auth_mode` says otherwise).
    public init?(_ file: AuthDotJson) {
        switch file.resolvedMode {
        case .apiKey:
            guard let key = file.openAIAPIKey else { return nil }
            self = .apiKey(key)
        case .chatgpt:
            guard let tokens = file.tokens else { return nil }
            self = .chatgpt(ChatGPTCredentials(tokens: tokens, lastRefresh: file.lastRefresh))
        }
    }
}

/// Stored ChatGPT tokens and when they were last refreshed.
public struct ChatGPTCredentials: Sendable, Hashable {
    public var tokens: TokenData
    /// `last_refresh` as stored (RFC 3339).
    public var lastRefresh: String?

    public init(tokens: TokenData, lastRefresh: String?) {
        self.tokens = tokens
        self.lastRefresh = lastRefresh
    }

    public var email: String? { tokens.claims.email }
}

/// RFC 3339 UTC timestamps for `last_refresh`.
public enum AuthTimestamp {
    /// `2026-12-05T06:01:02.345Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses `last_refresh` (fractional seconds of any length, `Z` or an offset); nil when malformed.
    public static func parse(_ text: String) -> Date? {
        // ISO8601FormatStyle takes at most millisecond precision; cut longer fractions (chrono writes nanoseconds).
        var trimmed = text
        if let dot = text.firstIndex(of: ".") {
            let digitsEnd = text[text.index(after: dot)...].firstIndex { !$0.isNumber } ?? text.endIndex
            let digits = text[text.index(after: dot)..<digitsEnd]
            trimmed = String(text[..<dot]) + "." + String((digits + "000").prefix(3)) + String(text[digitsEnd...])
        }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) { return date }
        return try? Date.ISO8601FormatStyle().parse(trimmed)
    }
}
