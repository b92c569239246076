import AsyncHTTPClient
import CodexBasics
public import CodexConfig
import CodexProtocol
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

    /// The status of one configured server; HTTP servers without a bearer token are probed (up to 5 s a
    /// request). Stored OAuth credentials are not looked up: MCP OAuth login is not built yet.
    public static func determine(for server: McpServerConfig, environment: [String: String]) async -> MCPAuthStatus {
        guard case .streamableHTTP(let url, let bearerTokenEnvVar, let httpHeaders, let envHTTPHeaders) = server.transport
        else { return .unsupported }
        if bearerTokenEnvVar != nil { return .bearerToken }
        var headers = httpHeaders
        for (header, variable) in envHTTPHeaders {
            if let value = environment[variable], !value.trimmingWhitespace().isEmpty { headers[header] = value }
        }
        if headers.keys.contains(where: { $0.lowercased() == "authorization" }) { return .bearerToken }
        switch await oauthSupport(url: url, headers: headers) {
        case .supported: return .notLoggedIn
        case .unsupported: return .unsupported
        case .unknown: return .unknown
        }
    }

    /// Asks the server's well-known OAuth authorization-server metadata paths (RFC 8414 §3.1 variants for
    /// the URL's path); metadata with both endpoints means OAuth is supported.
    public static func oauthSupport(url: String, headers: [String: String]) async -> OAuthSupport {
        guard let base = DiscoveryURL(url) else { return .unknown }
        var answered = false
        for path in discoveryPaths(base.path) {
            var request = HTTPClientRequest(url: base.origin + path)
            request.method = .GET
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            request.headers.replaceOrAdd(name: "MCP-Protocol-Version", value: "2024-11-05")
            request.headers.replaceOrAdd(name: "Accept", value: "*/*")
            let body: ByteBuffer
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
                answered = true
                guard response.status == .ok else { continue }
                body = try await response.body.collect(upTo: 1 << 20)
            } catch {
                continue
            }
            guard let metadata = try? JSONParser.parse(bytes: Array(body.readableBytesView)) else { continue }
            if metadata["authorization_endpoint"]?.stringValue != nil, metadata["token_endpoint"]?.stringValue != nil {
                return .supported
            }
        }
        return answered ? .unsupported : .unknown
    }

    /// `scheme://host[:port]` of an HTTP URL (user info dropped), as `mcpServerStatus/list` shows it; nil when
    /// the URL is not http(s).
    public static func origin(of url: String) -> String? {
        guard let parsed = DiscoveryURL(url) else { return nil }
        guard let at = parsed.origin.lastIndex(of: "@") else { return parsed.origin }
        let schemeLength = parsed.origin.hasPrefix("https://") ? 8 : 7
        return String(parsed.origin.prefix(schemeLength)) + parsed.origin[parsed.origin.index(after: at)...]
    }

    /// `/.well-known/oauth-authorization-server/<path>`, `/<path>/.well-known/oauth-authorization-server`,
    /// then `/.well-known/oauth-authorization-server` (just the last for an empty path).
    static func discoveryPaths(_ path: String) -> [String] {
        let canonical = "/.well-known/oauth-authorization-server"
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
