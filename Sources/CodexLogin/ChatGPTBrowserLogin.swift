import CodexBasics
import AsyncHTTPClient
import CodexProtocol
import FoundationEssentials
import NIOCore
import NIOHTTP1

/// Settings of one ChatGPT browser login.
public struct ChatGPTLoginOptions: Sendable {
    /// Issuer base URL (no trailing `/`).
    public var issuer: String
    /// Ports to try in order (1455 then 1457 by default; `[0]` for any free port).
    public var ports: [Int]
    /// `originator` of the authorize URL.
    public var originator: String
    /// `allowed_workspace_id` values (forced_chatgpt_workspace_id).
    public var forcedWorkspaceIDs: [String]
    /// Attempts per port when it is in use (after asking the old server to cancel), 200 ms apart.
    public var bindAttempts: Int

    public init(
        issuer: String = OAuthSettings.defaultIssuer, ports: [Int] = [Int(OAuthSettings.defaultPort), Int(OAuthSettings.fallbackPort)],
        originator: String = "codex_cli_rs", forcedWorkspaceIDs: [String] = [], bindAttempts: Int = 10
    ) {
        self.issuer = issuer
        self.ports = ports
        self.originator = originator
        self.forcedWorkspaceIDs = forcedWorkspaceIDs
        self.bindAttempts = bindAttempts
    }

    /// The options the environment asks for: issuer and port overrides (see `OAuthSettings`).
    public static func fromEnvironment(
        _ environment: [String: String], originator: String, forcedWorkspaceIDs: [String]
    ) -> ChatGPTLoginOptions {
        var options = ChatGPTLoginOptions(
            issuer: OAuthSettings.issuer(environment: environment), originator: originator,
            forcedWorkspaceIDs: forcedWorkspaceIDs)
        if let text = environment[OAuthSettings.portOverrideVariable], let port = Int(text), (0...65535).contains(port) {
            options.ports = [port]
        }
        return options
    }
}

/// A running ChatGPT browser login: the loopback callback server, PKCE codes and state.
///
/// `authURL` is what the user opens. The server serves `/auth/callback` (state checked, code
/// exchanged, workspace checked, tokens stored through the AuthManager, then a redirect to
/// `/success`), `/success` (ends the login successfully) and `/cancel` (ends it with "Login
/// cancelled"; a second login uses it to stop a stale server on the same port). `cancel()` ends it
/// from this process; callers apply their own deadline around `result()`.
public final class ChatGPTBrowserLogin: Sendable {
    public let authURL: String
    public let port: Int
    private let server: LoopbackHTTPServer
    private let outcome: OneShot<Result<Void, LoginError>>

    private init(authURL: String, port: Int, server: LoopbackHTTPServer, outcome: OneShot<Result<Void, LoginError>>) {
        self.authURL = authURL
        self.port = port
        self.server = server
        self.outcome = outcome
    }

    /// Binds the callback server and returns the running login.
    public static func start(
        options: ChatGPTLoginOptions, manager: AuthManager, tokenClient: OAuthTokenClient
    ) async throws(LoginError) -> ChatGPTBrowserLogin {
        let pkce = PKCECodes.generate()
        let state = PKCECodes.generateState()
        let outcome = OneShot<Result<Void, LoginError>>()
        let portBox = PortBox()
        let flow = CallbackFlow(
            pkce: pkce, state: state, manager: manager, tokenClient: tokenClient,
            forcedWorkspaceIDs: options.forcedWorkspaceIDs, outcome: outcome, port: portBox)
        let server = try await bindWithRetries(options: options) { request in await flow.handle(request) }
        portBox.set(server.port)
        let redirectURI = "http://127.0.0.1:\(server.port)/auth/callback"
        var query: [(String, String)] = [
            ("response_type", "code"), ("client_id", OAuthSettings.clientID), ("redirect_uri", redirectURI),
            ("code_challenge", pkce.codeChallenge), ("code_challenge_method", "S256"), ("state", state),
            ("scope", OAuthSettings.scope + " api.connectors.read api.connectors.invoke"),
            ("id_token_add_organizations", "true"), ("codex_cli_simplified_flow", "true"),
            ("originator", options.originator),
        ]
        if !options.forcedWorkspaceIDs.isEmpty {
            query.append(("allowed_workspace_id", options.forcedWorkspaceIDs.joined(separator: ",")))
        }
        let url = options.issuer + "/oauth/authorize?" + FormEncoding.encode(query)
        return ChatGPTBrowserLogin(authURL: url, port: server.port, server: server, outcome: outcome)
    }

    /// Waits for the login to end (success, error, cancel), then stops the server. Cancelling the
    /// waiting task cancels the login.
    public func result() async -> Result<Void, LoginError> {
        let result = await outcome.wait() ?? .failure(.cancelled)
        outcome.resolve(result)
        await server.close()
        return result
    }

    /// Ends the login with "Login cancelled" (no effect once it ended).
    public func cancel() {
        outcome.resolve(.failure(.cancelled))
    }

    /// Ends the login as timed out.
    public func timeOut() {
        outcome.resolve(.failure(.timedOut))
    }

    /// Binds the first free port of `options.ports`; a port in use gets `GET /cancel` (a stale login
    /// server of ours) and `bindAttempts` tries 200 ms apart.
    private static func bindWithRetries(
        options: ChatGPTLoginOptions, handler: @escaping @Sendable (LoopbackRequest) async -> LoopbackResponse
    ) async throws(LoginError) -> LoopbackHTTPServer {
        var lastPort = options.ports.first ?? 0
        for port in options.ports {
            lastPort = port
            var cancelSent = false
            for _ in 0..<max(options.bindAttempts, 1) {
                do {
                    return try await LoopbackHTTPServer.bind(port: port, handler: handler)
                } catch {
                    if port == 0 { throw .other("cannot start the login server: \(error)") }
                }
                if !cancelSent {
                    cancelSent = true
                    await sendCancel(port: port)
                }
                do {
                    try await Task.sleep(for: .milliseconds(200))
                } catch {
                    throw .cancelled
                }
            }
        }
        throw .other("Port 127.0.0.1:\(lastPort) is already in use")
    }

    private static func sendCancel(port: Int) async {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/cancel")
        request.method = .GET
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
            _ = try await response.body.collect(upTo: 64 * 1024)
        } catch {
            // Not one of ours, or already gone: the bind retries decide.
        }
    }
}

/// The port the server got, known only after binding (the handler needs it for the redirect).
private final class PortBox: Sendable {
    private let value = OneShot<Int>()
    func set(_ port: Int) { value.resolve(port) }
    var port: Int { value.value ?? 0 }
}

/// The callback server's request handling.
private struct CallbackFlow: Sendable {
    let pkce: PKCECodes
    let state: String
    let manager: AuthManager
    let tokenClient: OAuthTokenClient
    let forcedWorkspaceIDs: [String]
    let outcome: OneShot<Result<Void, LoginError>>
    let port: PortBox

    func handle(_ request: LoopbackRequest) async -> LoopbackResponse {
        switch request.path {
        case "/auth/callback": return await callback(request)
        case "/success":
            return LoopbackResponse(
                status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
                body: "<!doctype html><html><body><h1>Signed in to Codex</h1><p>You may now close this page.</p></body></html>",
                afterWrite: { outcome.resolve(.success(())) })
        case "/cancel":
            return LoopbackResponse(status: 200, body: "Login cancelled", afterWrite: { outcome.resolve(.failure(.cancelled)) })
        default:
            return LoopbackResponse(status: 404, body: "Not Found")
        }
    }

    private func callback(_ request: LoopbackRequest) async -> LoopbackResponse {
        guard request.parameter("state") == state else {
            return LoopbackResponse(status: 400, body: "State mismatch")
        }
        if let error = request.parameter("error") {
            let description = request.parameter("error_description") ?? ""
            let message: String
            if error == "access_denied", description.contains("missing_codex_entitlement") {
                message = "Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex."
            } else {
                message = "Sign-in failed: \(description.isEmpty ? error : description)"
            }
            return fail(.issuer(message))
        }
        guard let code = request.parameter("code"), !code.isEmpty else {
            return fail(.issuer("Missing authorization code. Sign-in could not be completed."))
        }
        let redirectURI = "http://127.0.0.1:\(port.port)/auth/callback"
        do {
            let tokens = try await tokenClient.exchangeCode(code, redirectURI: redirectURI, codeVerifier: pkce.codeVerifier)
            if !forcedWorkspaceIDs.isEmpty,
                tokens.claims.chatgptAccountID.map({ forcedWorkspaceIDs.contains($0) }) != true
            {
                return fail(.other("Login is restricted to workspace id \(forcedWorkspaceIDs.joined(separator: ", "))."))
            }
            let apiKey = await tokenClient.exchangeForAPIKey(idToken: tokens.idToken)
            try await manager.loginWithChatGPT(tokens: tokens, apiKey: apiKey)
            var query: [(String, String)] = [("id_token", tokens.idToken)]
            query.append(("plan_type", tokens.claims.chatgptPlanType ?? ""))
            return LoopbackResponse(
                status: 302,
                headers: [("Location", "http://127.0.0.1:\(port.port)/success?" + FormEncoding.encode(query))],
                body: "")
        } catch {
            return fail(error)
        }
    }

    private func fail(_ error: LoginError) -> LoopbackResponse {
        LoopbackResponse(
            status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
            body: "<!doctype html><html><body><h1>Sign-in failed</h1><p>\(Self.escapeHTML(error.description))</p></body></html>",
            afterWrite: { outcome.resolve(.failure(error)) })
    }

    static func escapeHTML(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }
}
