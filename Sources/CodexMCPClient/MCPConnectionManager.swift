public import CodexConfig
public import CodexCore
public import CodexProtocol
import Glibc
import Synchronization

/// The `[mcp_servers]` of one session: every enabled server started concurrently, each failure recorded
/// against its server (never fatal), their tools offered to the core as `mcp__<server>` namespaces and the
/// model's calls routed back (spec §2–§5).
///
/// Lives for the body of `withServers`, whose task group owns every server's task; leaving the body kills
/// and reaps every child.
public final class MCPConnectionManager: ExternalToolProvider, Sendable {
    /// How long the first model request waits for optional servers still starting (0.163.0's
    /// `mcp_optional_startup_grace_ms` default).
    public static let defaultStartupGrace: Duration = .milliseconds(1000)

    /// Where a server stands.
    public enum ServerStatus: Sendable, Hashable {
        case starting
        case ready
        /// Startup failed; the reference's message.
        case failed(String)
    }

    /// A server's status changed (`starting` for every enabled server first, then `ready` or `failed`).
    public struct StatusUpdate: Sendable, Hashable {
        public var name: String
        public var status: ServerStatus
    }

    /// Every status change, in order (buffered until read); finishes when `withServers` returns.
    public let statusUpdates: AsyncStream<StatusUpdate>
    private let statusContinuation: AsyncStream<StatusUpdate>.Continuation

    /// One offered tool.
    struct OfferedTool: Sendable {
        var rawName: String
        var callableName: String
        var spec: JSONValue
        /// What the core's approval rules read (spec §6.1: the approval mode and the annotations).
        var approval: ExternalToolApprovalTraits
        var description: String?
        var title: String?
        /// A gateway tool's own namespace and its description (connectors.md §2.2); nil: the server's.
        var namespace: String? = nil
        var namespaceDescription: String? = nil
        /// The connector of a gateway tool.
        var connector: ConnectorTools.Connector? = nil
        /// The tool's `_meta._codex_apps`, forwarded on calls.
        var codexAppsMeta: JSONValue? = nil
    }

    private struct ServerState: Sendable {
        var config: McpServerConfig
        var namespace: String
        var status: ServerStatus = .starting
        /// The startup failure with its whole cause chain (the `required` message's words).
        var failureChain: String?
        /// The startup failure's cause, without the `MCP client for ... failed to start:` frame.
        var startupError: String?
        var session: MCPServerSession?
        var tools: [OfferedTool] = []
    }

    private struct State: Sendable {
        var servers: [String: ServerState] = [:]
        var settleWatchers: [AsyncStream<Void>.Continuation] = []
        var requiredWatchers: [AsyncStream<Void>.Continuation] = []
        var firstSpecsServed = false

        var requiredSettled: Bool {
            !servers.values.contains { $0.config.required && $0.status == .starting }
        }
    }

    private let state: Mutex<State>
    private let startedAt = ContinuousClock.now
    private let startupGrace: Duration
    private let supportsImages: Bool
    /// `[apps]`, for the gateway's tools.
    private let apps: AppsConfig

    private init(servers: [String: McpServerConfig], startupGrace: Duration, supportsImages: Bool, apps: AppsConfig) {
        let namespaces = MCPToolNaming.namespaces(for: Array(servers.keys))
        var initial = State()
        for (name, config) in servers {
            initial.servers[name] = ServerState(config: config, namespace: namespaces[name] ?? MCPToolNaming.namespacePrefix + name)
        }
        state = Mutex(initial)
        (statusUpdates, statusContinuation) = AsyncStream<StatusUpdate>.makeStream()
        for name in servers.keys.sorted() { statusContinuation.yield(StatusUpdate(name: name, status: .starting)) }
        self.startupGrace = startupGrace
        self.supportsImages = supportsImages
        self.apps = apps
    }

    /// Starts every enabled server of `servers` concurrently, runs `body` with the manager, then shuts every
    /// server down (process groups killed, children reaped) before returning `body`'s result. With any server
    /// to start, SIGPIPE is ignored for the process, so a server that died cannot kill Codex when it is written to.
    /// - Parameters:
    ///   - sessionCwd: the session's working directory (a server's default and relative `cwd` base).
    ///   - environment: Codex's environment, from which the whitelisted variables are passed on.
    ///   - clientVersion: our version, sent as `clientInfo.version`.
    ///   - supportsImages: whether the model takes image input (else image blocks become a notice text).
    ///   - elicit: answers the servers' `elicitation/create` requests; nil declines them (spec §6.3).
    ///   - apps: `[apps]`, deciding which tools of the `codex_apps` gateway are offered.
    ///   - oauthStore: where `codex mcp login` stored OAuth tokens; an HTTP server without a bearer token or an
    ///     `Authorization` header sends its stored access token (refreshed first when it expires soon).
    public static func withServers<Result: Sendable>(
        _ servers: [String: McpServerConfig], sessionCwd: String, environment: [String: String], clientVersion: String,
        startupGrace: Duration = defaultStartupGrace, supportsImages: Bool = true, elicit: MCPElicitations.Handler? = nil,
        apps: AppsConfig = AppsConfig(), oauthStore: MCPOAuthCredentialStore? = nil,
        body: (MCPConnectionManager) async -> Result
    ) async -> Result {
        let enabled = servers.filter { $0.value.enabled }
        let manager = MCPConnectionManager(
            servers: enabled, startupGrace: startupGrace, supportsImages: supportsImages, apps: apps)
        if !enabled.isEmpty { _ = signal(SIGPIPE, SIG_IGN) }
        return await withTaskGroup(of: Void.self) { group in
            for (name, config) in enabled {
                group.addTask {
                    await manager.run(name: name, config: config, sessionCwd: sessionCwd, environment: environment,
                                      clientVersion: clientVersion, elicit: elicit, oauthStore: oauthStore)
                }
            }
            let result = await body(manager)
            group.cancelAll()
            await group.waitForAll()
            manager.statusContinuation.finish()
            return result
        }
    }

    /// Every started server's status, by name.
    public var statuses: [String: ServerStatus] {
        state.withLock { state in state.servers.mapValues(\.status) }
    }

    /// Each started server's state and what it reported at startup; with `includeResources`, the resources and
    /// resource templates of every ready server that declares the `resources` capability are listed now.
    public func inventories(includeResources: Bool) async -> [String: MCPServerInventory] {
        let entries = state.withLock { state in
            state.servers.mapValues { (status: $0.status, startupError: $0.startupError, session: $0.session) }
        }
        var result: [String: MCPServerInventory] = [:]
        for (name, entry) in entries {
            var inventory = MCPServerInventory(
                status: entry.status, startupError: entry.startupError, tools: entry.session?.tools ?? [],
                serverInfo: entry.session?.serverInfo, capabilities: entry.session?.capabilities)
            if includeResources, let session = entry.session, session.capabilities?["resources"] != nil {
                await inventory.listResources(over: session.connection)
            }
            result[name] = inventory
        }
        return result
    }

    /// Waits until every server is ready or failed (or the calling task is cancelled).
    public func waitUntilSettled() async {
        let (stream, watcher) = AsyncStream<Void>.makeStream()
        let settled = state.withLock { state -> Bool in
            guard state.servers.values.contains(where: { $0.status == .starting }) else { return true }
            state.settleWatchers.append(watcher)
            return false
        }
        if settled { return }
        for await _ in stream {}
    }

    /// Spec §3.3: waits until every `required` server is ready or failed, then returns the reference's reason
    /// naming each one that failed (`required MCP servers failed to initialize: a: <cause>; b: <cause>`, by
    /// name), or nil when all started. The caller fails the session's start with it.
    public func requiredStartupFailure() async -> String? {
        let (stream, watcher) = AsyncStream<Void>.makeStream()
        let settled = state.withLock { state -> Bool in
            guard !state.requiredSettled else { return true }
            state.requiredWatchers.append(watcher)
            return false
        }
        if !settled {
            for await _ in stream {}
        }
        let failures = state.withLock { state in
            state.servers.keys.sorted().compactMap { name -> String? in
                guard let server = state.servers[name], server.config.required, let chain = server.failureChain else {
                    return nil
                }
                return "\(name): \(chain)"
            }
        }
        guard !failures.isEmpty else { return nil }
        return "required MCP servers failed to initialize: " + failures.joined(separator: "; ")
    }

    // MARK: - ExternalToolProvider

    public func toolSpecs(threadID: String) async -> [JSONValue] {
        let first = state.withLock { state -> Bool in
            defer { state.firstSpecsServed = true }
            return !state.firstSpecsServed
        }
        if first { await waitForGrace() }
        return state.withLock { state in
            state.servers.keys.sorted().flatMap { name -> [JSONValue] in
                guard let server = state.servers[name], !server.tools.isEmpty else { return [] }
                // Gateway tools come in one namespace per connector, in order (ConnectorTools).
                var groups: [(namespace: String, description: String, tools: [JSONValue])] = []
                for tool in server.tools {
                    let namespace = tool.namespace ?? server.namespace
                    if groups.last?.namespace == namespace {
                        groups[groups.count - 1].tools.append(tool.spec)
                    } else {
                        let description =
                            tool.namespaceDescription ?? server.session?.instructions
                            ?? "Tools in the \(server.namespace) namespace."
                        groups.append((namespace, description, [tool.spec]))
                    }
                }
                return groups.map { group in
                    [
                        "type": "namespace", "name": .string(group.namespace), "description": .string(group.description),
                        "tools": .array(group.tools),
                    ]
                }
            }
        }
    }

    public func resolve(namespace: String?, name: String, threadID: String) async -> ExternalToolTarget? {
        guard let namespace else { return nil }
        return state.withLock { state in
            for (server, entry) in state.servers {
                if let tool = entry.tools.first(where: { ($0.namespace ?? entry.namespace) == namespace && $0.callableName == name }) {
                    return ExternalToolTarget(
                        server: server, tool: tool.rawName, approval: tool.approval, description: tool.description,
                        title: tool.title, connector: tool.connector.map { ExternalToolConnector(id: $0.id, name: $0.name) })
                }
            }
            return nil
        }
    }

    public func call(_ request: ExternalToolCallRequest) async -> ExternalToolCallOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let server = request.target.server
        let tool = request.target.tool
        if let refusal = MCPToolResultMapping.refusalText(request.approval) {
            return MCPToolResultMapping.refusal(refusal, elapsed: clock.now - start)
        }
        let found = state.withLock { state in
            state.servers[server].map { entry in
                (entry.session, entry.config.toolTimeoutSeconds, entry.tools.first { $0.rawName == tool })
            }
        }
        guard let (session, timeoutSeconds, offered) = found, let session else {
            return MCPToolResultMapping.failure(.transportClosed, server: server, tool: tool, elapsed: clock.now - start)
        }
        // A gateway tool `[apps]` does not offer (any more) is not run.
        if server == ConnectorsGateway.serverName, offered == nil {
            return MCPToolResultMapping.refusal("MCP tool call blocked by app configuration", elapsed: clock.now - start)
        }
        let connection = session.connection
        var params = JSONObject([("name", .string(tool))])
        if let arguments = request.arguments { params["arguments"] = arguments }
        var meta: JSONObject = [
            "callId": .string(request.callID), "threadId": .string(request.threadID),
            "progressToken": .int(connection.progressToken()),
        ]
        if server == ConnectorsGateway.serverName {
            // connectors.md §2.2: the tool's own `_meta._codex_apps`, plus the call and the turn.
            var codexApps = offered?.codexAppsMeta?.objectValue ?? JSONObject()
            codexApps["call_id"] = .string(request.callID)
            codexApps["root_turn_id"] = .string(request.turnID)
            meta["_codex_apps"] = .object(codexApps)
        }
        params["_meta"] = .object(meta)
        let answer = await connection.request(
            "tools/call", params: .object(params), timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
        let elapsed = clock.now - start
        switch answer {
        case .success(let result):
            return MCPToolResultMapping.outcome(
                result: result, server: server, tool: tool, elapsed: elapsed, supportsImages: supportsImages)
        case .failure(.rpc(let code, let message)):
            return MCPToolResultMapping.failure(.rpc(code: code, message: message), server: server, tool: tool, elapsed: elapsed)
        case .failure(.timedOut):
            return MCPToolResultMapping.failure(.timedOut(seconds: timeoutSeconds), server: server, tool: tool, elapsed: elapsed)
        case .failure(.closed):
            return MCPToolResultMapping.failure(.transportClosed, server: server, tool: tool, elapsed: elapsed)
        case .failure(.transport(let message)):
            return MCPToolResultMapping.failure(.transportSend(message), server: server, tool: tool, elapsed: elapsed)
        }
    }

    // MARK: - Startup

    private func waitForGrace() async {
        let deadline = startedAt + startupGrace
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitUntilSettled() }
            if startupGrace > .zero {
                group.addTask {
                    do {
                        try await Task.sleep(until: deadline, clock: .continuous)
                    } catch {
                        return
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    private func run(
        name: String, config: McpServerConfig, sessionCwd: String, environment: [String: String], clientVersion: String,
        elicit: MCPElicitations.Handler?, oauthStore: MCPOAuthCredentialStore?
    ) async {
        let timeout = Duration.milliseconds(Int64(config.startupTimeoutSeconds * 1000))
        var bound: MCPElicitations.Bound?
        if let elicit {
            bound = { @Sendable params in await elicit(name, params) }
        }
        switch config.transport {
        case .stdio(let command, let args, let env, let envVars, let cwd):
            let launch = MCPStdioServer.Launch(
                command: command, arguments: args,
                environment: MCPStdioServer.environment(parent: environment, envVars: envVars, env: env),
                workingDirectory: MCPStdioServer.workingDirectory(cwd, sessionCwd: sessionCwd))
            await MCPStdioServer.run(launch, startupTimeout: timeout, clientVersion: clientVersion, elicit: bound) { outcome in
                self.record(name: name, outcome: outcome)
            }
        case .streamableHTTP(let url, let bearerTokenEnvVar, let httpHeaders, let envHTTPHeaders):
            var endpoint = MCPHTTPServer.endpoint(
                server: name, url: url, bearerTokenEnvVar: bearerTokenEnvVar, httpHeaders: httpHeaders, envHTTPHeaders: envHTTPHeaders,
                environment: environment)
            let hasAuthorization = endpoint.headers.keys.contains { $0.lowercased() == "authorization" }
            if let oauthStore, endpoint.unusable == nil, !hasAuthorization {
                do {
                    let tokens = try await MCPOAuthTokenRefresher.usableTokens(
                        server: name, url: url, headers: endpoint.headers, store: oauthStore)
                    if let tokens { endpoint.headers["Authorization"] = "Bearer \(tokens.accessToken)" }
                } catch {
                    endpoint.unusable = error.description
                }
            }
            let sendsAuthorization = endpoint.headers.keys.contains { $0.lowercased() == "authorization" }
            await MCPHTTPServer.run(endpoint, startupTimeout: timeout, clientVersion: clientVersion, elicit: bound) { outcome in
                // A server that refuses us with 401 while we have no token wants an OAuth login (0.163.0's text).
                if case .failure(let failure) = outcome, !sendsAuthorization, failure.chained.contains("HTTP 401") {
                    self.record(
                        name: name,
                        outcome: .failure(.init(description: "The \(name) MCP server is not logged in. Run `codex mcp login \(name)`.")))
                } else {
                    self.record(name: name, outcome: outcome)
                }
            }
        }
    }

    private func record(name: String, outcome: Result<MCPServerSession, MCPServerSession.StartupFailure>) {
        let (watchers, update) = state.withLock { state -> ([AsyncStream<Void>.Continuation], StatusUpdate?) in
            guard var server = state.servers[name] else { return ([], nil) }
            switch outcome {
            case .success(let session):
                server.session = session
                server.tools =
                    name == ConnectorsGateway.serverName
                    ? ConnectorTools.offeredTools(session.tools, server: name, apps: apps)
                    : Self.offeredTools(session.tools, server: name, config: server.config, namespace: server.namespace)
                server.status = .ready
            case .failure(let failure):
                server.startupError = "MCP startup failed: \(failure)"
                server.status = .failed("MCP client for `\(name)` failed to start: MCP startup failed: \(failure)")
                server.failureChain = failure.chained
            }
            state.servers[name] = server
            var watchers: [AsyncStream<Void>.Continuation] = []
            if state.requiredSettled {
                watchers += state.requiredWatchers
                state.requiredWatchers = []
            }
            let update = StatusUpdate(name: name, status: server.status)
            guard !state.servers.values.contains(where: { $0.status == .starting }) else { return (watchers, update) }
            defer { state.settleWatchers = [] }
            return (watchers + state.settleWatchers, update)
        }
        if let update { statusContinuation.yield(update) }
        for watcher in watchers { watcher.finish() }
    }

    /// What the core's approval rules read about a tool (spec §6.1): its mode (`writes` reads as `auto`) and
    /// the `readOnlyHint`/`destructiveHint` of its annotations.
    static func approvalTraits(mode: McpToolApprovalMode, annotations: JSONValue?) -> ExternalToolApprovalTraits {
        let coreMode: ExternalToolApprovalMode
        switch mode {
        case .approve: coreMode = .approve
        case .prompt: coreMode = .prompt
        case .auto, .writes: coreMode = .auto
        }
        return ExternalToolApprovalTraits(
            mode: coreMode, readOnlyHint: annotations?["readOnlyHint"]?.boolValue,
            destructiveHint: annotations?["destructiveHint"]?.boolValue)
    }

    /// The server's tools as offered: filtered by `enabled_tools`/`disabled_tools`, tools with unusable
    /// schemas left out, with their callable names, sorted by those.
    static func offeredTools(_ tools: [JSONValue], server: String, config: McpServerConfig, namespace: String) -> [OfferedTool] {
        var usable: [(raw: String, description: String, parameters: JSONValue, approval: ExternalToolApprovalTraits, title: String?)] = []
        for tool in tools {
            guard let raw = tool["name"]?.stringValue else { continue }
            if let allowed = config.enabledTools, !allowed.contains(raw) { continue }
            if config.disabledTools.contains(raw) { continue }
            guard let parameters = try? MCPInputSchema.sanitize(tool["inputSchema"] ?? .object(JSONObject())) else {
                continue
            }
            let mode = config.toolApprovalModes[raw] ?? config.defaultToolsApprovalMode ?? .auto
            usable.append(
                (raw, tool["description"]?.stringValue ?? "", parameters, approvalTraits(mode: mode, annotations: tool["annotations"]),
                 tool["title"]?.stringValue ?? tool["annotations"]?["title"]?.stringValue))
        }
        usable.sort { $0.raw < $1.raw }
        let names = MCPToolNaming.callableNames(server: server, namespace: namespace, tools: usable.map(\.raw))
        let offered = usable.map { tool in
            let callable = names[tool.raw] ?? MCPToolNaming.sanitize(tool.raw)
            let spec: JSONValue = .object(
                JSONObject([
                    ("type", "function"), ("name", .string(callable)), ("description", .string(tool.description)),
                    ("strict", false), ("parameters", tool.parameters),
                ]))
            return OfferedTool(
                rawName: tool.raw, callableName: callable, spec: spec, approval: tool.approval,
                description: tool.description.isEmpty ? nil : tool.description, title: tool.title)
        }
        // 0.163.0 lists them by the name the model sees (observed with colliding names).
        return offered.sorted { $0.callableName.utf8.lexicographicallyPrecedes($1.callableName.utf8) }
    }
}
