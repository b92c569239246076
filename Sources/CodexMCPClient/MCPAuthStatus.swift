import AsyncHTTPClient
import CodexBasics
public import CodexConfig
public import CodexProtocol
import NIOCore
import NIOHTTP1

/// How an MCP server authenticates, as `codex mcp list` and `mcpServerStatus/list` report it (spec §7.1).
public enum MCPAuthStatus: String, Sendable, Hashable, CaseIterable {
    /// stdio, or an HTTP server that advertises no OAuth.
    case unsupported
    /// `bearer_token_env_var` (or an `Authorization` header) is configured.
    case bearerToken
    /// The server advertises OAuth and no credentials are stored.
    case notLoggedIn
    /// OAuth credentials are stored.
    case oAuth
    /// The server could not be asked.
    case unknown

    /// The `codex mcp list` column text.
    public var displayText: String {
        switch self {
        case .unsupported: "Unsupported"
        case .bearerToken: "Bearer token"
        case .notLoggedIn: "Not logged in"
        case .oAuth: "OAuth"
        case .unknown: "Unknown"
        }
    }

    /// The `codex mcp list --json` spelling (`bearer_token`, `o_auth`, ...).
    public var snakeCaseName: String {
        switch self {
        case .unsupported: "unsupported"
        case .bearerToken: "bearer_token"
        case .notLoggedIn: "not_logged_in"
        case .oAuth: "o_auth"
        case .unknown: "unknown"
        }
    }

    /// What a server advertises about OAuth login.
    public enum OAuthSupport: Sendable, Hashable {
        case supported
        case unsupported
        /// No discovery request got an answer.
        case unknown
    }

    /// The status of one configured server; HTTP servers without a bearer token and without stored OAuth
    /// credentials (in `store`, when given) are probed (up to 5 s a request).
    public static func determine(
        name: String, for server: McpServerConfig, environment: [String: String], store: MCPOAuthCredentialStore?
    ) async -> MCPAuthStatus {
        guard case .streamableHTTP(let url, let bearerTokenEnvVar, let httpHeaders, let envHTTPHeaders) = server.transport
        else { return .unsupported }
        if bearerTokenEnvVar != nil { return .bearerToken }
        var headers = httpHeaders
        for (header, variable) in envHTTPHeaders {
            if let value = environment[variable], !value.trimmingWhitespace().isEmpty { headers[header] = value }
        }
        if headers.keys.contains(where: { $0.lowercased() == "authorization" }) { return .bearerToken }
        // Unreadable credentials count as none, as 0.163.0's status check treats them.
        if let store, (try? store.load(server: name, url: url)) != nil { return .oAuth }
        switch await oauthSupport(url: url, headers: headers) {
        case .supported: return .notLoggedIn
        case .unsupported: return .unsupported
        case .unknown: return .unknown
        }
    }

    /// Whether the server advertises OAuth (see ``discoverAuthorizationServer(url:headers:)``).
    public static func oauthSupport(url: String, headers: [String: String]) async -> OAuthSupport {
        switch await discoverAuthorizationServer(url: url, headers: headers) {
        case .found: .supported
        case .notFound(let answered): answered ? .unsupported : .unknown
        }
    }

    /// What OAuth discovery found for a server.
    public enum Discovery: Sendable {
        /// RFC 8414 / OpenID metadata with an `authorization_endpoint` and a `token_endpoint`.
        case found(JSONValue)
        /// No such metadata; `answered` tells whether any discovery request got an HTTP answer.
        case notFound(answered: Bool)
    }

    /// Looks for OAuth metadata as 0.163.0 does: the server URL itself, then its RFC 9728 protected-resource
    /// metadata (whose first `authorization_servers` entry is asked for its RFC 8414 metadata), then RFC 8414
    /// metadata on the server's own origin.
    public static func discoverAuthorizationServer(url: String, headers: [String: String]) async -> Discovery {
        guard let base = DiscoveryURL(url) else { return .notFound(answered: false) }
        var answered = false
        func fetch(_ target: String) async -> JSONValue? {
            let (reached, json) = await fetchJSON(target, headers: headers)
            answered = answered || reached
            return json
        }
        _ = await fetch(url)
        for path in discoveryPaths(base.path, wellKnown: "/.well-known/oauth-protected-resource") {
            guard let resource = await fetch(base.origin + path) else { continue }
            if let server = resource["authorization_servers"]?.arrayValue?.first?.stringValue, let issuer = DiscoveryURL(server) {
                for candidate in authorizationServerPaths(issuer.path) {
                    if let metadata = await fetch(issuer.origin + candidate), isAuthorizationServer(metadata) {
                        return .found(metadata)
                    }
                }
            }
            break
        }
        for path in authorizationServerPaths(base.path) {
            if let metadata = await fetch(base.origin + path), isAuthorizationServer(metadata) { return .found(metadata) }
        }
        return .notFound(answered: answered)
    }

    private static func isAuthorizationServer(_ metadata: JSONValue) -> Bool {
        metadata["authorization_endpoint"]?.stringValue != nil && metadata["token_endpoint"]?.stringValue != nil
    }

    /// GETs `url` (5 s): whether any HTTP answer came, and its JSON body when the status is 200.
    private static func fetchJSON(_ url: String, headers: [String: String]) async -> (answered: Bool, json: JSONValue?) {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.replaceOrAdd(name: "MCP-Protocol-Version", value: "2024-11-05")
        request.headers.replaceOrAdd(name: "Accept", value: "*/*")
        let body: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            guard response.status == .ok else { return (true, nil) }
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            return (false, nil)
        }
        // A body that is not JSON is no metadata.
        return (true, try? JSONParser.parse(bytes: Array(body.readableBytesView)))
    }

    /// `scheme://host[:port]` of an HTTP URL (user info dropped), as `mcpServerStatus/list` shows it; nil when
    /// the URL is not http(s).
    public static func origin(of url: String) -> String? {
        guard let parsed = DiscoveryURL(url) else { return nil }
        guard let at = parsed.origin.lastIndex(of: "@") else { return parsed.origin }
        let schemeLength = parsed.origin.hasPrefix("https://") ? 8 : 7
        return String(parsed.origin.prefix(schemeLength)) + parsed.origin[parsed.origin.index(after: at)...]
    }

    /// Where 0.163.0 looks for authorization-server metadata (RFC 8414, then OpenID Connect discovery), in order:
    /// `/.well-known/oauth-authorization-server/<path>`, `/.well-known/openid-configuration/<path>`,
    /// `/<path>/.well-known/openid-configuration`, `/.well-known/oauth-authorization-server` (observed).
    static func authorizationServerPaths(_ path: String) -> [String] {
        let authorizationServer = "/.well-known/oauth-authorization-server"
        let openID = "/.well-known/openid-configuration"
        let trimmed = String(path.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed())
        guard !trimmed.isEmpty else { return [authorizationServer, openID] }
        return [authorizationServer + "/" + trimmed, openID + "/" + trimmed, "/" + trimmed + openID, authorizationServer]
    }

    /// `<well-known>/<path>`, `/<path><well-known>`, then `<well-known>` (just the last for an empty path).
    static func discoveryPaths(_ path: String, wellKnown canonical: String) -> [String] {
        let trimmed = String(path.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed())
        guard !trimmed.isEmpty else { return [canonical] }
        var paths: [String] = []
        for candidate in [canonical + "/" + trimmed, "/" + trimmed + canonical, canonical] where !paths.contains(candidate) {
            paths.append(candidate)
        }
        return paths
    }

    /// An `http(s)://host[:port]/path` URL split into its origin and path (query and fragment dropped).
    struct DiscoveryURL {
        var origin: String
        var path: String

        init?(_ url: String) {
            let scheme: String
            if url.lowercased().hasPrefix("http://") {
                scheme = "http"
            } else if url.lowercased().hasPrefix("https://") {
                scheme = "https"
            } else {
                return nil
            }
            let rest = url.dropFirst(scheme.count + 3)
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            guard authorityEnd > rest.startIndex else { return nil }
            let authority = String(rest[..<authorityEnd])
            origin = scheme + "://" + authority
            path = String(rest[authorityEnd...].prefix { $0 != "?" && $0 != "#" })
        }
    }
}
