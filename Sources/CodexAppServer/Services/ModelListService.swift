import AsyncHTTPClient
import CodexConfig
import CodexCore
import CodexLogin
import CodexProtocol
import FoundationEssentials
import NIOCore
import NIOHTTP1

/// `model/list`: the provider's `GET {base_url}/models` when it is not the built-in OpenAI provider
/// and answers, else the built-in presets; the configured model is always listed and is the default.
///
/// Deviation: the reference serves this list from its model catalog and never calls `/models`; the
/// issue asks for the provider's listing when there is one.
struct ModelListService: Sendable {
    let host: any AppServerServiceHost
    /// How long the provider's listing may take before the presets are used instead.
    static let listingTimeout: TimeAmount = .seconds(5)
    static let maximumListingBytes = 4 << 20

    func list(_ params: AppServerV2.ModelListParams) async throws(JSONRPCErrorObject) -> AppServerV2.ModelListResponse {
        let config: Config
        do {
            config = try ConfigLoader.load(host.configLoadOptions(cwd: host.defaultCwd)).config
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
        var models = await providerModels(config) ?? ModelPresets.builtIn
        if !models.contains(where: { $0.model == config.model }) {
            models.insert(ModelPresets.plain(config.model), at: 0)
        }
        for index in models.indices { models[index].isDefault = models[index].model == config.model }
        if params.includeHidden != true { models.removeAll(where: \.hidden) }

        var start = 0
        if let cursor = params.cursor {
            guard let index = Int(cursor), index >= 0 else { throw .invalidRequest("invalid cursor: \(cursor)") }
            guard index <= models.count else {
                throw .invalidRequest("cursor \(index) exceeds total models \(models.count)")
            }
            start = index
        }
        let limit = params.limit.map { max(Int($0), 1) } ?? models.count
        let end = min(start + limit, models.count)
        let next = end < models.count ? String(end) : nil
        return AppServerV2.ModelListResponse(data: Array(models[start..<end]), nextCursor: next)
    }

    /// The provider's own listing; nil for the OpenAI provider, or when the request fails.
    func providerModels(_ config: Config) async -> [AppServerV2.Model]? {
        guard config.modelProviderID != ModelProviderInfo.openAIProviderID, config.modelProvider.baseURL != nil else {
            return nil
        }
        let provider = ModelProviderSettings(id: config.modelProviderID, info: config.modelProvider)
        var url = provider.baseURL
        while url.hasSuffix("/") { url.removeLast() }
        var request = HTTPClientRequest(url: url + "/models")
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        for header in provider.providerHeaders(environment: host.environment) {
            request.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        let auth = await SharedAuthManagers.manager(for: config, environment: host.environment).auth()
        if let credentials = try? provider.credentials(auth: auth, environment: host.environment) {
            request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(credentials.bearerToken)")
            if let accountID = credentials.chatgptAccountID {
                request.headers.replaceOrAdd(name: "chatgpt-account-id", value: accountID)
            }
        }
        do {
            let response = try await ModelClient.sharedHTTPClient.execute(request, timeout: Self.listingTimeout)
            guard response.status == .ok else { return nil }
            let body = try await response.body.collect(upTo: Self.maximumListingBytes)
            return Self.parseListing(try JSONParser.parse(bytes: Array(buffer: body)))
        } catch {
            return nil
        }
    }

    /// Reads `{"data":[{"id":...}]}` (OpenAI style) or `{"models":[{"slug":...}]}` (Codex style).
    static func parseListing(_ body: JSONValue) -> [AppServerV2.Model]? {
        if let data = body["data"]?.arrayValue {
            return data.compactMap { $0["id"]?.stringValue }.map(ModelPresets.plain)
        }
        if let entries = body["models"]?.arrayValue {
            return entries.compactMap { entry in
                guard let slug = entry["slug"]?.stringValue ?? entry["id"]?.stringValue else { return nil }
                var model = ModelPresets.plain(slug)
                if let name = entry["display_name"]?.stringValue { model.displayName = name }
                if let description = entry["description"]?.stringValue { model.description = description }
                if let visibility = entry["visibility"]?.stringValue { model.hidden = visibility == "hide" }
                return model
            }
        }
        return nil
    }
}
