import CodexBasics
import CodexConfig
import CodexMCPClient
import CodexProtocol
import FoundationEssentials

/// `mcpServer/oauth/login` (spec §9): starts an MCP OAuth login for a streamable HTTP server and answers with
/// the authorization URL at once (no browser is opened: the client shows the URL); when the callback came, the
/// tokens are stored, or the wait timed out, `mcpServer/oauthLogin/completed` goes to every connection.
struct MCPServerOAuthLoginService: Sendable {
    let runtime: AppServerRuntime

    /// 0.163.0's default wait for the callback.
    static let defaultTimeoutSeconds: Int64 = 300

    func login(
        _ params: AppServerV2.McpServerOauthLoginParams, context: AppServerRequestContext
    ) async throws(JSONRPCErrorObject) -> AppServerV2.McpServerOauthLoginResponse {
        var config: Config?
        if let threadID = params.threadId {
            config = runtime.mcpServers.runningThreads()[threadID]
            if config == nil, !(await runtime.registry.isLoaded(threadID)) {
                throw .invalidRequest("thread not found: \(threadID)")
            }
        }
        if config == nil {
            do {
                config = try runtime.loadConfig().config
            } catch {
                throw .invalidRequest("error loading config: \(error)")
            }
        }
        guard let config else { throw .internalError("no configuration") }
        guard let server = config.mcpServers[params.name] else {
            throw .invalidRequest("No MCP server named '\(params.name)' found.")
        }
        guard case .streamableHTTP(let url, _, let httpHeaders, let envHTTPHeaders) = server.transport else {
            throw .invalidRequest("OAuth login is only supported for streamable HTTP servers.")
        }
        if params.clientRegistration == .cimd {
            throw .invalidRequest("OAuth client registration `cimd` is not supported by this build; use `dcr`")
        }
        var headers = httpHeaders
        for (header, variable) in envHTTPHeaders {
            if let value = runtime.environment[variable], !value.trimmingWhitespace().isEmpty { headers[header] = value }
        }
        let scopes = params.scopes.flatMap { $0.isEmpty ? nil : $0 } ?? server.scopes ?? []
        let request = MCPOAuthLoginRequest(
            serverName: params.name, serverURL: url, headers: headers, scopes: scopes, clientID: server.oauth?.clientID,
            clientSecret: server.oauth?.clientSecret, resource: server.oauthResource,
            callbackPort: server.oauth?.callbackPort ?? config.mcpOAuthCallbackPort,
            callbackURL: server.oauth?.callbackURL ?? config.mcpOAuthCallbackURL)
        let login: MCPOAuthLogin
        do {
            login = try await MCPOAuthLogin.start(request)
        } catch {
            throw .internalError(error.description)
        }
        let loginID = UUID().uuidString.lowercased()
        let timeout = Duration.seconds(max(1, params.timeoutSecs ?? Self.defaultTimeoutSeconds))
        let store = MCPOAuthCredentialStore(config: config)
        let runtime = self.runtime
        context.startAfterResponse {
            var failure: String?
            do throws(MCPOAuthError) {
                try await login.complete(timeout: timeout, store: store)
            } catch {
                failure = error.description
            }
            await RuntimeServiceHost(runtime: runtime).broadcast(
                AppServerV2.McpServerOauthLoginCompletedNotification(
                    name: params.name, threadId: params.threadId, loginId: loginID, success: failure == nil, error: failure),
                from: context)
        }
        return AppServerV2.McpServerOauthLoginResponse(authorizationUrl: login.authorizationURL, loginId: loginID)
    }
}
