import CodexBasics
/// One entry of `model_providers`: how to reach a model API.
public struct ModelProviderInfo: Sendable, Equatable {
    public var name: String
    public var baseURL: String?
    /// Environment variable holding the API key (sent as a bearer token).
    public var envKey: String?
    public var envKeyInstructions: String?
    public var experimentalBearerToken: String?
    public var wireAPI: WireAPI
    public var queryParams: [String: String]
    public var httpHeaders: [String: String]
    /// Header name -> environment variable; sent only when the variable is set and not blank.
    public var envHTTPHeaders: [String: String]
    /// Retries of a failed HTTP request (default 4, at most 100).
    public var requestMaxRetries: Int
    /// Reconnects of a dropped stream per turn (default 5, at most 100).
    public var streamMaxRetries: Int
    public var streamIdleTimeoutMs: Int
    /// Whether the provider uses Codex login (auth.json) rather than `env_key`.
    public var requiresOpenAIAuth: Bool

    public static let defaultRequestMaxRetries = 4
    public static let defaultStreamMaxRetries = 5
    public static let defaultStreamIdleTimeoutMs = 300_000
    public static let maxRetriesCap = 100

    public init(
        name: String, baseURL: String? = nil, envKey: String? = nil, envKeyInstructions: String? = nil,
        experimentalBearerToken: String? = nil, wireAPI: WireAPI = .responses, queryParams: [String: String] = [:],
        httpHeaders: [String: String] = [:], envHTTPHeaders: [String: String] = [:],
        requestMaxRetries: Int = ModelProviderInfo.defaultRequestMaxRetries,
        streamMaxRetries: Int = ModelProviderInfo.defaultStreamMaxRetries,
        streamIdleTimeoutMs: Int = ModelProviderInfo.defaultStreamIdleTimeoutMs, requiresOpenAIAuth: Bool = false
    ) {
        self.name = name
        self.baseURL = baseURL
        self.envKey = envKey
        self.envKeyInstructions = envKeyInstructions
        self.experimentalBearerToken = experimentalBearerToken
        self.wireAPI = wireAPI
        self.queryParams = queryParams
        self.httpHeaders = httpHeaders
        self.envHTTPHeaders = envHTTPHeaders
        self.requestMaxRetries = min(max(requestMaxRetries, 0), Self.maxRetriesCap)
        self.streamMaxRetries = min(max(streamMaxRetries, 0), Self.maxRetriesCap)
        self.streamIdleTimeoutMs = streamIdleTimeoutMs
        self.requiresOpenAIAuth = requiresOpenAIAuth
    }

    /// The id of the built-in OpenAI provider.
    public static let openAIProviderID = "openai"

    /// The built-in providers (`openai`, `ollama`, `lmstudio`); user entries never replace them.
    public static func builtIns(environment: [String: String]) -> [String: ModelProviderInfo] {
        let openAIBase = environment["OPENAI_BASE_URL"].flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        let openAI = ModelProviderInfo(
            name: "OpenAI", baseURL: openAIBase ?? "https://api.openai.com/v1", wireAPI: .responses,
            envHTTPHeaders: ["OpenAI-Organization": "OPENAI_ORGANIZATION", "OpenAI-Project": "OPENAI_PROJECT"],
            requiresOpenAIAuth: true)
        return [
            openAIProviderID: openAI,
            "ollama": localProvider(defaultPort: 11434, environment: environment),
            "lmstudio": localProvider(defaultPort: 1234, environment: environment),
        ]
    }

    private static func localProvider(defaultPort: Int, environment: [String: String]) -> ModelProviderInfo {
        let baseURL: String
        if let configured = environment["CODEX_OSS_BASE_URL"], !configured.trimmingWhitespace().isEmpty {
            baseURL = configured
        } else {
            let port = environment["CODEX_OSS_PORT"].flatMap { Int($0.trimmingWhitespace()) } ?? defaultPort
            baseURL = "http://localhost:\(port)/v1"
        }
        return ModelProviderInfo(name: "gpt-oss", baseURL: baseURL, wireAPI: .responses)
    }
}
