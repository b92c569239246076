public import ArgumentParser
import CodexBasics
import CodexConfig
import CodexLogin
import CodexMCPClient
import CodexProtocol
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `codex mcp login NAME [--scopes a,b] [--no-browser] [--oauth-client-registration auto|cimd|dcr]`: OAuth login
/// for a streamable HTTP server; the tokens go to the `mcp_oauth_credentials_store`.
public struct MCPLoginCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "login", abstract: "Log in to an MCP server with OAuth.")

    @OptionGroup public var global: GlobalOptions

    @Option(help: ArgumentHelp("Comma-separated list of OAuth scopes to request", valueName: "SCOPE,SCOPE"))
    public var scopes: String?

    @Flag(name: .customLong("no-browser"), help: "Print the authorization URL and accept the callback URL without opening a browser")
    public var noBrowser = false

    @Option(
        name: .customLong("oauth-client-registration"),
        help: ArgumentHelp("OAuth client-registration strategy for this login only", valueName: "AUTO|CIMD|DCR"))
    public var clientRegistration: MCPOAuthClientRegistration?

    @Argument(help: "Name of the MCP server to authenticate with oauth")
    public var name: String

    public init() {}

    public func run() async throws {
        let config = try MCPCommandSupport.config(global)
        guard let server = config.mcpServers[name] else {
            throw MCPCommandSupport.failure("No MCP server named '\(name)' found.")
        }
        guard case .streamableHTTP(let url, _, _, _) = server.transport else {
            throw MCPCommandSupport.failure("OAuth login is only supported for streamable HTTP servers.")
        }
        if clientRegistration == .cimd {
            throw MCPCommandSupport.failure("OAuth client registration `cimd` is not supported by this build; use `dcr`")
        }
        let requested = (scopes ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        try await MCPOAuthLoginRunner.run(
            name: name, url: url, server: server, config: config, scopes: requested, noBrowser: noBrowser)
    }
}

/// `--oauth-client-registration`: how Codex gets a client id when none is configured.
public enum MCPOAuthClientRegistration: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The server's choice (dynamic registration here).
    case auto
    /// A client-id metadata document (not built).
    case cimd
    /// RFC 7591 dynamic client registration.
    case dcr
}

/// The terminal side of an MCP OAuth login (`codex mcp login`, and `codex mcp add --url` when the server
/// advertises OAuth): 0.163.0's texts, the browser, the wait for the callback.
enum MCPOAuthLoginRunner {
    /// How long the login waits for the browser to come back (0.163.0's default).
    static let callbackTimeout: Duration = .seconds(300)

    static func run(
        name: String, url: String, server: McpServerConfig, config: Config, scopes: [String], noBrowser: Bool
    ) async throws {
        let environment = ProcessInfo.processInfo.environment
        guard case .streamableHTTP(_, _, let httpHeaders, let envHTTPHeaders) = server.transport else { return }
        var headers = httpHeaders
        for (header, variable) in envHTTPHeaders {
            if let value = environment[variable], !value.trimmingWhitespace().isEmpty { headers[header] = value }
        }
        let request = MCPOAuthLoginRequest(
            serverName: name, serverURL: url, headers: headers, scopes: scopes.isEmpty ? server.scopes ?? [] : scopes,
            clientID: server.oauth?.clientID, clientSecret: server.oauth?.clientSecret, resource: server.oauthResource,
            callbackPort: server.oauth?.callbackPort ?? config.mcpOAuthCallbackPort,
            callbackURL: server.oauth?.callbackURL ?? config.mcpOAuthCallbackURL)
        let login: MCPOAuthLogin
        do {
            login = try await MCPOAuthLogin.start(request)
        } catch {
            throw MCPCommandSupport.failure(error.description)
        }
        if noBrowser {
            StandardStreams.writeOutput(
                "Authorize the MCP server by opening this URL in your browser:\n\(login.authorizationURL)\n\n"
                    + "After signing in, copy the full URL from your browser's address bar.\n"
                    + "If the callback page cannot load, paste that URL here anyway.\n")
            // The prompt goes to stderr, as 0.163.0 writes it.
            StandardStreams.writeError("Callback URL (input hidden): ")
        } else {
            StandardStreams.writeOutput("Authorize `\(name)` by opening this URL in your browser:\n\(login.authorizationURL)\n\n")
            if !(await BrowserLauncher.open(login.authorizationURL, environment: environment)) {
                StandardError.writeLine("(Browser launch failed; please copy the URL above manually.)")
            }
        }
        let store = MCPOAuthCredentialStore(config: config)
        let outcome: Result<Void, MCPOAuthError> = await withTaskGroup(of: Result<Void, MCPOAuthError>?.self) { group in
            if noBrowser {
                // A pasted redirect URL completes the login like the browser's own redirect.
                group.addTask {
                    await PastedLineReader.readLines { line in login.acceptPastedCallback(line) }
                    return nil
                }
            }
            group.addTask {
                do throws(MCPOAuthError) {
                    try await login.complete(timeout: callbackTimeout, store: store)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            var outcome: Result<Void, MCPOAuthError> = .failure(MCPOAuthError("OAuth callback was cancelled"))
            while let next = await group.next() {
                if let next {
                    outcome = next
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
        if case .failure(let error) = outcome {
            if noBrowser { StandardStreams.writeError("\n") }
            throw MCPCommandSupport.failure(error.description)
        }
        StandardStreams.writeOutput("Successfully logged in to MCP server '\(name)'.\n")
    }
}

/// Reads lines from standard input without blocking a thread of the pool: waits for input with `poll` in
/// 100 ms steps so that cancelling the task stops it; ends at end of input or when `handle` returns true.
enum PastedLineReader {
    static func readLines(_ handle: @Sendable (String) -> Bool) async {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !Task.isCancelled {
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 0)
            if ready < 0, errno != EINTR { return }
            if ready <= 0 {
                do {
                    try await Task.sleep(for: .milliseconds(100))
                } catch {
                    return
                }
                continue
            }
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            pending.append(contentsOf: chunk[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if handle(line) { return }
            }
        }
    }
}

/// `codex mcp logout NAME`: removes the stored OAuth credentials of a streamable HTTP server.
public struct MCPLogoutCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "logout", abstract: "Remove an MCP server's OAuth credentials.")

    @OptionGroup public var global: GlobalOptions

    @Argument(help: "Name of the MCP server to deauthenticate")
    public var name: String

    public init() {}

    public func run() async throws {
        let config = try MCPCommandSupport.config(global)
        guard let server = config.mcpServers[name] else {
            throw MCPCommandSupport.failure("No MCP server named '\(name)' found in configuration.")
        }
        guard case .streamableHTTP(let url, _, _, _) = server.transport else {
            throw MCPCommandSupport.failure("OAuth logout is only supported for streamable_http transports.")
        }
        let removed: Bool
        do {
            removed = try MCPOAuthCredentialStore(config: config).delete(server: name, url: url)
        } catch {
            throw MCPCommandSupport.failure("failed to delete OAuth credentials: \(error.description)")
        }
        StandardStreams.writeOutput(
            removed ? "Removed OAuth credentials for '\(name)'.\n" : "No OAuth credentials stored for '\(name)'.\n")
    }
}
