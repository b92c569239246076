import AsyncHTTPClient
import CodexBasics
import CodexLogin
import CodexProtocol
import Crypto
import NIOCore
import NIOHTTP1

/// Why an MCP OAuth login or token refresh failed, in 0.163.0's words where known.
public struct MCPOAuthError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    static let timedOut = MCPOAuthError("timed out waiting for OAuth callback")
}

/// What an MCP OAuth login needs to know about the server and the user's choices.
public struct MCPOAuthLoginRequest: Sendable {
    public var serverName: String
    public var serverURL: String
    /// `http_headers` and the set `env_http_headers`, sent with discovery, registration and token requests.
    public var headers: [String: String]
    /// `--scopes` / `scopes`; empty: the server's `scopes_supported`.
    public var scopes: [String]
    /// `oauth.client_id` (no dynamic registration then) and `oauth.client_secret`.
    public var clientID: String?
    public var clientSecret: String?
    /// `oauth_resource`; nil: the server URL.
    public var resource: String?
    /// `oauth.callback_port` / `mcp_oauth_callback_port`; nil: any free port.
    public var callbackPort: Int?
    /// `oauth.callback_url` / `mcp_oauth_callback_url`: the redirect URI base instead of the local listener's.
    public var callbackURL: String?

    public init(
        serverName: String, serverURL: String, headers: [String: String] = [:], scopes: [String] = [],
        clientID: String? = nil, clientSecret: String? = nil, resource: String? = nil, callbackPort: Int? = nil,
        callbackURL: String? = nil
    ) {
        self.serverName = serverName
        self.serverURL = serverURL
        self.headers = headers
        self.scopes = scopes
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.resource = resource
        self.callbackPort = callbackPort
        self.callbackURL = callbackURL
    }
}

/// One MCP OAuth login in progress (spec §7.2): authorization-server discovery, dynamic client registration
/// when no client id is configured, PKCE (S256), a loopback listener at `/callback/<id>` on 127.0.0.1, then,
/// once the browser comes back, the code exchange and the stored tokens. `start` returns as soon as the
/// authorization URL is known; `complete` waits for the callback (or a pasted redirect URL).
public final class MCPOAuthLogin: Sendable {
    /// What the user opens.
    public let authorizationURL: String
    /// The redirect URI registered and sent.
    public let redirectURI: String
    private let listener: LoopbackHTTPServer
    private let callback: OneShot<Result<Callback, MCPOAuthError>>
    private let callbackPath: String
    private let exchange: CodeExchange

    /// What the authorization server sent back to the redirect URI.
    struct Callback: Sendable {
        var code: String
        var state: String
    }

    /// What the token request needs once the code comes.
    struct CodeExchange: Sendable {
        var request: MCPOAuthLoginRequest
        var tokenEndpoint: String
        var issuer: String?
        var clientID: String
        var pkce: PKCECodes
        var state: String
        var scopes: [String]
        var resource: String
    }

    private init(
        authorizationURL: String, redirectURI: String, listener: LoopbackHTTPServer,
        callback: OneShot<Result<Callback, MCPOAuthError>>, callbackPath: String, exchange: CodeExchange
    ) {
        self.authorizationURL = authorizationURL
        self.redirectURI = redirectURI
        self.listener = listener
        self.callback = callback
        self.callbackPath = callbackPath
        self.exchange = exchange
    }

    /// The page the callback listener answers a successful redirect with (0.163.0's text).
    public static let successPage = "Authentication complete. You may close this window."

    /// Discovers the authorization server, binds the callback listener, registers the client when needed and
    /// builds the authorization URL.
    public static func start(_ request: MCPOAuthLoginRequest) async throws(MCPOAuthError) -> MCPOAuthLogin {
        if let port = request.callbackPort, !(1...65535).contains(port) {
            throw MCPOAuthError("invalid MCP OAuth callback port `\(port)`: port must be between 1 and 65535")
        }
        let callbackID = try Self.callbackID(serverURL: request.serverURL)
        let metadata: JSONValue?
        switch await MCPAuthStatus.discoverAuthorizationServer(url: request.serverURL, headers: request.headers) {
        case .found(let found): metadata = found
        case .notFound: metadata = nil
        }
        guard let origin = MCPAuthStatus.DiscoveryURL(request.serverURL)?.origin else {
            throw MCPOAuthError("invalid MCP server URL `\(request.serverURL)`")
        }
        let authorizationEndpoint = metadata?["authorization_endpoint"]?.stringValue ?? origin + "/authorize"
        let tokenEndpoint = metadata?["token_endpoint"]?.stringValue ?? origin + "/token"
        let registrationEndpoint = metadata?["registration_endpoint"]?.stringValue ?? origin + "/register"
        var scopes = request.scopes
        if scopes.isEmpty { scopes = metadata?["scopes_supported"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        scopes = scopes.filter { !$0.isEmpty }

        let callback = OneShot<Result<Callback, MCPOAuthError>>()
        // The redirect URI is `<callback_url or the listener's http://127.0.0.1:<port>/callback>/<id>`.
        var basePath = "/callback"
        if let base = request.callbackURL, let path = MCPAuthStatus.DiscoveryURL(base)?.path, !path.isEmpty { basePath = path }
        let callbackPath = (basePath.hasSuffix("/") ? basePath : basePath + "/") + callbackID
        let listener: LoopbackHTTPServer
        do {
            listener = try await LoopbackHTTPServer.bind(port: request.callbackPort ?? 0) { incoming in
                Self.answer(incoming, path: callbackPath, callback: callback)
            }
        } catch {
            throw MCPOAuthError("failed to start the OAuth callback listener: \(error)")
        }
        let redirectURI =
            request.callbackURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + callbackID } ?? "http://127.0.0.1:\(listener.port)\(callbackPath)"

        let clientID: String
        do {
            if let configured = request.clientID, !configured.trimmingWhitespace().isEmpty {
                clientID = configured
            } else {
                clientID = try await register(
                    at: registrationEndpoint, redirectURI: redirectURI, scopes: scopes, headers: request.headers)
            }
        } catch {
            await listener.close()
            throw error
        }
        let pkce = PKCECodes.generate()
        let state = PKCECodes.generateState()
        let resource = request.resource.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } ?? request.serverURL
        var query: [(String, String)] = [
            ("response_type", "code"), ("client_id", clientID), ("state", state), ("code_challenge", pkce.codeChallenge),
            ("code_challenge_method", "S256"), ("redirect_uri", redirectURI),
        ]
        if !scopes.isEmpty { query.append(("scope", scopes.joined(separator: " "))) }
        query.append(("resource", resource))
        let separator = authorizationEndpoint.contains("?") ? "&" : "?"
        let exchange = CodeExchange(
            request: request, tokenEndpoint: tokenEndpoint, issuer: metadata?["issuer"]?.stringValue, clientID: clientID,
            pkce: pkce, state: state, scopes: scopes, resource: resource)
        return MCPOAuthLogin(
            authorizationURL: authorizationEndpoint + separator + FormEncoding.encode(query), redirectURI: redirectURI,
            listener: listener, callback: callback, callbackPath: callbackPath, exchange: exchange)
    }

    /// Waits up to `timeout` for the redirect, exchanges the code and stores the tokens in `store`; the listener
    /// is closed either way. Cancelling the waiting task ends the login as cancelled.
    public func complete(timeout: Duration, store: MCPOAuthCredentialStore) async throws(MCPOAuthError) {
        let callback = self.callback
        let outcome = await withTaskGroup(of: Result<Callback, MCPOAuthError>?.self) { group in
            group.addTask { await callback.wait() }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .failure(.timedOut)
                } catch {
                    return nil
                }
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(MCPOAuthError("OAuth callback was cancelled"))
        }
        await listener.close()
        let received: Callback
        switch outcome {
        case .success(let value): received = value
        case .failure(let error): throw error
        }
        guard received.state == exchange.state else {
            throw MCPOAuthError("failed to handle OAuth callback: CSRF state mismatch")
        }
        let tokens = try await exchangeCode(received.code)
        do {
            try store.save(tokens)
        } catch {
            throw MCPOAuthError(error.description)
        }
    }

    /// Takes a redirect URL the user pasted (`--no-browser`) as if the browser had brought it; false when it is
    /// not a callback of this login.
    @discardableResult
    public func acceptPastedCallback(_ url: String) -> Bool {
        let text = url.trimmingWhitespace()
        guard let parsed = MCPAuthStatus.DiscoveryURL(text), let question = text.firstIndex(of: "?") else { return false }
        let query = text[text.index(after: question)...].prefix { $0 != "#" }
        let request = LoopbackRequest(method: "GET", path: parsed.path, query: FormEncoding.decode(Substring(query)))
        return Self.answer(request, path: callbackPath, callback: callback).status == 200
    }

    /// Closes the listener without completing (a login abandoned before `complete`).
    public func abandon() async {
        callback.resolve(.failure(MCPOAuthError("OAuth callback was cancelled")))
        await listener.close()
    }

    /// The listener's answer: the page for the expected path with `code` and `state`, the provider's error as a
    /// 400 (which also ends the login), anything else `Invalid OAuth callback` (the login goes on waiting).
    private static func answer(
        _ request: LoopbackRequest, path: String, callback: OneShot<Result<Callback, MCPOAuthError>>
    ) -> LoopbackResponse {
        guard request.path == path, !request.query.isEmpty else { return LoopbackResponse(status: 400, body: "Invalid OAuth callback") }
        if let code = request.parameter("code"), let state = request.parameter("state") {
            callback.resolve(.success(Callback(code: code, state: state)))
            return LoopbackResponse(status: 200, body: successPage)
        }
        let error = request.parameter("error")
        let detail = request.parameter("error_description")
        let message: String
        switch (error, detail) {
        case (let error?, let detail?): message = "OAuth provider returned `\(error)`: \(detail)"
        case (let error?, nil): message = "OAuth provider returned `\(error)`"
        case (nil, let detail?): message = "OAuth error: \(detail)"
        case (nil, nil): return LoopbackResponse(status: 400, body: "Invalid OAuth callback")
        }
        callback.resolve(.failure(MCPOAuthError(message)))
        return LoopbackResponse(status: 400, body: message)
    }

    /// The 12-character id of the callback path: base64url of the first 9 bytes of SHA-256 of the server URL
    /// (its fragment dropped; a bare origin gets its `/`), stable per server as 0.163.0's.
    public static func callbackID(serverURL: String) throws(MCPOAuthError) -> String {
        guard let parsed = MCPAuthStatus.DiscoveryURL(serverURL) else {
            throw MCPOAuthError("invalid MCP server URL `\(serverURL)`")
        }
        var normalized = String(serverURL.prefix { $0 != "#" })
        if parsed.path.isEmpty {
            let rest = normalized.dropFirst(parsed.origin.count)
            normalized = parsed.origin + "/" + rest
        }
        return Base64URL.encode(Array(SHA256.hash(data: Array(normalized.utf8)).prefix(9)))
    }

    /// RFC 7591 dynamic registration as 0.163.0 sends it; returns the `client_id`.
    static func register(
        at endpoint: String, redirectURI: String, scopes: [String], headers: [String: String]
    ) async throws(MCPOAuthError) -> String {
        var body: JSONObject = [
            "client_name": "Codex", "redirect_uris": [.string(redirectURI)],
            "grant_types": ["authorization_code", "refresh_token"], "token_endpoint_auth_method": "none",
            "response_types": ["code"],
        ]
        if !scopes.isEmpty { body["scope"] = .string(scopes.joined(separator: " ")) }
        body["application_type"] = "native"
        let prefix = "Registration failed: Dynamic registration failed: Registration failed"
        let (status, json, raw) = try await MCPOAuthHTTP.post(
            endpoint, body: JSONValue.object(body).serializedBytes(), contentType: "application/json", headers: headers,
            failure: prefix)
        guard (200..<300).contains(status.code) else {
            throw MCPOAuthError("\(prefix): HTTP \(status.code) \(status.reasonPhrase): \(raw)")
        }
        guard let clientID = json?["client_id"]?.stringValue, !clientID.isEmpty else {
            throw MCPOAuthError("\(prefix): the response has no client_id: \(raw)")
        }
        return clientID
    }

    private func exchangeCode(_ code: String) async throws(MCPOAuthError) -> MCPOAuthTokens {
        var form: [(String, String)] = [
            ("grant_type", "authorization_code"), ("code", code), ("code_verifier", exchange.pkce.codeVerifier),
            ("client_id", exchange.clientID), ("redirect_uri", redirectURI),
        ]
        if let secret = exchange.request.clientSecret { form.append(("client_secret", secret)) }
        form.append(("resource", exchange.resource))
        let answer = try await MCPOAuthHTTP.token(
            exchange.tokenEndpoint, form: form, headers: exchange.request.headers, failure: "failed to handle OAuth callback")
        return MCPOAuthTokens(
            serverName: exchange.request.serverName, serverURL: exchange.request.serverURL, issuer: exchange.issuer,
            clientID: exchange.clientID, accessToken: answer.accessToken, expiresAt: answer.expiresAt,
            refreshToken: answer.refreshToken, scopes: answer.scopes ?? exchange.scopes)
    }
}
