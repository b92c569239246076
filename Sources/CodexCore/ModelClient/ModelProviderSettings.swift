public import CodexConfig
public import CodexLogin
/// What the model client needs of the config's wire API choice.
extension WireAPI {
    /// The path appended to the provider's base URL.
    public var path: String {
        switch self {
        case .responses: return "/responses"
        case .chat: return "/chat/completions"
        }
    }

    /// Whether freeform (`type: "custom"`) tools such as the grammar form of `apply_patch` can be offered.
    /// Chat Completions only knows function tools: callers offer the function form instead.
    public var supportsFreeformTools: Bool { self == .responses }
}

/// A model provider as the model client needs it (`[model_providers.<id>]` in config.toml, already
/// merged with built-in defaults). Plain values: the config layer maps its typed config onto this.
public struct ModelProviderSettings: Sendable, Hashable {
    /// The reference's built-in defaults: 4 request retries, 5 stream retries, 300 s idle timeout.
    public static let defaultRequestMaxRetries = 4
    public static let defaultStreamMaxRetries = 5
    public static let defaultStreamIdleTimeout = Duration.milliseconds(300_000)
    /// Upper bound the reference applies to configured retry counts.
    public static let maxRetriesCap = 100

    /// The key under `model_providers` (e.g. `openai`, `mock`).
    public var id: String
    /// Display name, used in error messages.
    public var name: String
    public var baseURL: String
    /// Environment variable holding the API key; when set it must be present and non-blank.
    public var envKey: String?
    /// Extra help appended to the "missing environment variable" error.
    public var envKeyInstructions: String?
    public var wireAPI: WireAPI
    /// Query parameters appended to every request URL (e.g. Azure's `api-version`).
    public var queryParams: [String: String]
    /// Static headers sent with every request.
    public var httpHeaders: [String: String]
    /// Header name → environment variable; sent only when the variable is set and non-blank.
    public var envHTTPHeaders: [String: String]
    public var requestMaxRetries: Int
    public var streamMaxRetries: Int
    public var streamIdleTimeout: Duration
    public var requiresOpenAIAuth: Bool

    public init(
        id: String,
        name: String? = nil,
        baseURL: String = "https://api.openai.com/v1",
        envKey: String? = nil,
        envKeyInstructions: String? = nil,
        wireAPI: WireAPI = .responses,
        queryParams: [String: String] = [:],
        httpHeaders: [String: String] = [:],
        envHTTPHeaders: [String: String] = [:],
        requestMaxRetries: Int = ModelProviderSettings.defaultRequestMaxRetries,
        streamMaxRetries: Int = ModelProviderSettings.defaultStreamMaxRetries,
        streamIdleTimeout: Duration = ModelProviderSettings.defaultStreamIdleTimeout,
        requiresOpenAIAuth: Bool = false
    ) {
        self.id = id
        self.name = name ?? id
        self.baseURL = baseURL
        self.envKey = envKey
        self.envKeyInstructions = envKeyInstructions
        self.wireAPI = wireAPI
        self.queryParams = queryParams
        self.httpHeaders = httpHeaders
        self.envHTTPHeaders = envHTTPHeaders
        self.requestMaxRetries = min(max(requestMaxRetries, 0), Self.maxRetriesCap)
        self.streamMaxRetries = min(max(streamMaxRetries, 0), Self.maxRetriesCap)
        self.streamIdleTimeout = streamIdleTimeout
        self.requiresOpenAIAuth = requiresOpenAIAuth
    }

    /// Azure Responses endpoints keep `store: true` and item ids (recognised by name or host).
    public var isAzureResponsesEndpoint: Bool {
        guard wireAPI == .responses else { return false }
        if name.lowercased() == "azure" { return true }
        let url = baseURL.lowercased()
        return ["openai.azure.", "cognitiveservices.azure.", "aoai.azure.", "azure-api.", "azurefd."]
            .contains { url.contains($0) }
    }

    /// The full request URL: base URL (trailing `/` dropped) + the wire API path + query parameters
    /// sorted by name and percent-encoded.
    public var requestURL: String {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        url += wireAPI.path
        guard !queryParams.isEmpty else { return url }
        let query = queryParams.sorted { $0.key < $1.key }
            .map { "\(Self.percentEncoded($0.key))=\(Self.percentEncoded($0.value))" }
            .joined(separator: "&")
        return url + "?" + query
    }

    /// The credentials to send: the provider's `env_key` variable when configured (an error if it is
    /// missing or blank), else the login's credential (an API key, or
    /// a ChatGPT access token with its `chatgpt-account-id`), else none.
    public func credentials(auth: CodexAuth?, environment: [String: String]) throws(ModelClientError) -> ProviderCredentials? {
        if let envKey {
            guard let value = environment[envKey], !value.allSatisfy(\.isWhitespace) else {
                throw ModelClientError(
                    provider: name,
                    kind: .missingEnvironmentVariable(name: envKey, instructions: envKeyInstructions)
                )
            }
            return ProviderCredentials(bearerToken: value, chatgptAccountID: nil)
        }
        guard let auth, !auth.bearerToken.allSatisfy(\.isWhitespace) else { return nil }
        return ProviderCredentials(bearerToken: auth.bearerToken, chatgptAccountID: auth.chatgptAccountID)
    }

    /// The provider's own headers: static `http_headers`, then `env_http_headers` whose variables are
    /// set and non-blank (an env header replaces a static one of the same name). Sorted by name.
    public func providerHeaders(environment: [String: String]) -> [(name: String, value: String)] {
        var headers: [String: (name: String, value: String)] = [:]
        for (name, value) in httpHeaders where Self.isValidHeader(name: name, value: value) {
            headers[name.lowercased()] = (name, value)
        }
        for (name, variable) in envHTTPHeaders {
            guard let value = environment[variable], !value.allSatisfy(\.isWhitespace),
                Self.isValidHeader(name: name, value: value)
            else { continue }
            headers[name.lowercased()] = (name, value)
        }
        return headers.keys.sorted().compactMap { headers[$0] }
    }

    static func isValidHeader(name: String, value: String) -> Bool {
        let tokenSymbols = Set("!#$%&'*+-.^_`|~".utf8)
        let nameOK = !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || tokenSymbols.contains(byte)
        }
        let valueOK = value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
        return nameOK && valueOK
    }

    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if unreserved {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF")
                result.append("%")
                result.append(hex[Int(byte >> 4)])
                result.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}

/// What a request authenticates with: `Authorization: Bearer <token>`, plus `chatgpt-account-id` for
/// ChatGPT logins.
public struct ProviderCredentials: Sendable, Hashable {
    public var bearerToken: String
    public var chatgptAccountID: String?

    public init(bearerToken: String, chatgptAccountID: String?) {
        self.bearerToken = bearerToken
        self.chatgptAccountID = chatgptAccountID
    }
}
