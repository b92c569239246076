import AsyncHTTPClient
import CodexBasics
import CodexLogin
import CodexProtocol
import NIOCore
import NIOHTTP1

/// The HTTP requests of MCP OAuth: registration and token endpoint POSTs, and the token answer read.
enum MCPOAuthHTTP {
    static let timeout: TimeAmount = .seconds(30)
    static let maximumBody = 1 << 20

    /// A token endpoint's successful answer.
    struct TokenAnswer: Sendable {
        var accessToken: String
        var refreshToken: String?
        /// Unix milliseconds, from `expires_in`.
        var expiresAt: Int64?
        /// From `scope`, when the server sent one.
        var scopes: [String]?
    }

    /// POSTs `body`; returns the status, the body as JSON when it is JSON, and the raw text. A request that got no
    /// answer fails with `failure: <reason>`.
    static func post(
        _ url: String, body: [UInt8], contentType: String, headers: [String: String], failure: String
    ) async throws(MCPOAuthError) -> (HTTPResponseStatus, JSONValue?, String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request.headers.replaceOrAdd(name: name, value: value) }
        request.headers.replaceOrAdd(name: "Content-Type", value: contentType)
        request.headers.replaceOrAdd(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await MCPHTTPServer.httpClient.execute(request, timeout: timeout)
            let bytes = Array(buffer: try await response.body.collect(upTo: maximumBody))
            // A body that is not JSON is kept as text for the error message.
            let json = try? JSONParser.parse(bytes: bytes)
            return (response.status, json, String(decoding: bytes, as: UTF8.self))
        } catch {
            throw MCPOAuthError("\(failure): request to \(url) failed: \(error)")
        }
    }

    /// POSTs a token request form and reads the answer; a non-2xx status or an answer without `access_token` is
    /// an error (`failure: ...`).
    static func token(
        _ endpoint: String, form: [(String, String)], headers: [String: String], failure: String
    ) async throws(MCPOAuthError) -> TokenAnswer {
        let (status, json, raw) = try await post(
            endpoint, body: Array(FormEncoding.encode(form).utf8), contentType: "application/x-www-form-urlencoded",
            headers: headers, failure: failure)
        guard (200..<300).contains(status.code) else {
            let detail = json?["error_description"]?.stringValue ?? json?["error"]?.stringValue ?? raw
            throw MCPOAuthError("\(failure): token endpoint returned HTTP \(status.code): \(detail)")
        }
        guard let accessToken = json?["access_token"]?.stringValue else {
            throw MCPOAuthError("\(failure): the token response has no access_token: \(raw)")
        }
        var expiresAt: Int64?
        if let seconds = json?["expires_in"]?.intValue ?? json?["expires_in"]?.doubleValue.map({ Int64($0) }) {
            expiresAt = MCPOAuthTokens.nowMilliseconds() + seconds * 1000
        }
        let scopes = json?["scope"]?.stringValue.map { $0.split(separator: " ").map(String.init) }
        return TokenAnswer(
            accessToken: accessToken, refreshToken: json?["refresh_token"]?.stringValue, expiresAt: expiresAt, scopes: scopes)
    }
}

/// Refreshes stored MCP OAuth tokens that are about to expire (within 30 s), as 0.163.0 does before it
/// connects: `POST token_endpoint` form `grant_type=refresh_token&refresh_token&client_id[&resource]`, the new
/// tokens stored (a server that sends no new refresh token keeps the old one).
public enum MCPOAuthTokenRefresher {
    /// The tokens to use for `server` at `url`: the stored ones, refreshed first when they expire soon. Nil when
    /// none are stored.
    public static func usableTokens(
        server: String, url: String, headers: [String: String], store: MCPOAuthCredentialStore
    ) async throws(MCPOAuthError) -> MCPOAuthTokens? {
        let stored: MCPOAuthTokens?
        do {
            stored = try store.load(server: server, url: url)
        } catch {
            throw MCPOAuthError(error.description)
        }
        guard let tokens = stored else { return nil }
        guard tokens.needsRefresh(now: MCPOAuthTokens.nowMilliseconds()) else { return tokens }
        guard let refreshToken = tokens.refreshToken, !refreshToken.trimmingWhitespace().isEmpty else { return tokens }
        let failure = "failed to refresh OAuth tokens for server \(server)"
        let tokenEndpoint: String
        switch await MCPAuthStatus.discoverAuthorizationServer(url: url, headers: headers) {
        case .found(let metadata):
            tokenEndpoint = metadata["token_endpoint"]?.stringValue ?? ""
        case .notFound:
            guard let origin = MCPAuthStatus.DiscoveryURL(url)?.origin else { throw MCPOAuthError("\(failure): invalid URL \(url)") }
            tokenEndpoint = origin + "/token"
        }
        let answer = try await MCPOAuthHTTP.token(
            tokenEndpoint,
            form: [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", tokens.clientID)],
            headers: headers, failure: failure)
        var refreshed = tokens
        refreshed.accessToken = answer.accessToken
        refreshed.refreshToken = answer.refreshToken ?? tokens.refreshToken
        refreshed.expiresAt = answer.expiresAt
        if let scopes = answer.scopes { refreshed.scopes = scopes }
        do {
            try store.save(refreshed)
        } catch {
            throw MCPOAuthError("\(failure): \(error.description)")
        }
        return refreshed
    }
}
