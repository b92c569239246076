import CodexBasics
import CodexConfig
import CodexCore
import CodexMCPClient
import CodexProtocol
import FoundationEssentials

/// Registers thread/start, thread/resume, thread/fork, thread/loaded/list, thread/unsubscribe and
/// the turn methods.
public func registerThreadHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {
    let threads = ThreadMethods(runtime: runtime)
    handlers.register(AppServerV2.ClientRequests.threadStart) { params, context throws(JSONRPCErrorObject) in
        try await threads.start(params, context)
    }
    handlers.register(AppServerV2.ClientRequests.threadResume, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.resume(params, context)
    }
    handlers.register(AppServerV2.ClientRequests.threadFork, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.fork(params, context)
    }
    handlers.register(AppServerV2.ClientRequests.threadLoadedList) { params, context throws(JSONRPCErrorObject) in
        try await threads.loadedList(params, context)
    }
    handlers.register(AppServerV2.ClientRequests.threadUnsubscribe, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.unsubscribe(params, context)
    }
    registerTurnHandlers(on: &handlers, runtime: runtime)
    registerReviewHandlers(on: &handlers, runtime: runtime)
    registerMCPServerStatusHandlers(on: &handlers, runtime: runtime)
    registerAppsHandlers(on: &handlers, runtime: runtime)
}

/// The overrides every thread-opening method accepts.
struct ThreadOpenOverrides {
    var model: String?
    var modelProvider: String?
    var cwd: String?
    var approvalPolicy: AppServerV2.AskForApproval?
    var sandbox: AppServerV2.SandboxMode?
    var config: JSONValue?
    var baseInstructions: String?
    var developerInstructions: String?

    /// The settings these overrides name, which a resume keeps over the rollout's.
    var explicit: ExplicitSettings {
        var explicit = ExplicitSettings(configKeys: config?.objectValue?.keys.map { $0 } ?? [])
        if model != nil { explicit.insert(.model) }
        if modelProvider != nil { explicit.insert(.modelProvider) }
        if cwd != nil { explicit.insert(.cwd) }
        if approvalPolicy != nil { explicit.insert(.approvalPolicy) }
        if sandbox != nil { explicit.insert(.sandbox) }
        return explicit
    }

    var configOverrides: ConfigOverrides {
        var overrides = ConfigOverrides()
        overrides.model = model
        overrides.modelProvider = modelProvider
        overrides.cwd = cwd
        overrides.approvalPolicy = approvalPolicy.map(WireMapping.approvalPolicy)
        overrides.sandboxMode = sandbox.map(WireMapping.sandboxMode)
        return overrides
    }
}

/// The thread-opening handlers.
struct ThreadMethods: Sendable {
    let runtime: AppServerRuntime

    private var registry: ThreadRegistry { runtime.registry }

    func start(_ request: AppServerV2.ThreadStartParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.ThreadStartResponse
    {
        let overrides = ThreadOpenOverrides(
            model: request.model, modelProvider: request.modelProvider, cwd: request.cwd,
            approvalPolicy: request.approvalPolicy, sandbox: request.sandbox, config: request.config.map(JSONValue.object),
            baseInstructions: request.baseInstructions, developerInstructions: request.developerInstructions)
        let (factory, settings) = try prepare(overrides, context)
        let prepared = factory.newThread(settings: settings, ephemeral: request.ephemeral ?? false)
        let loaded = LoadedThread(
            thread: prepared.thread, threadID: prepared.threadID, rolloutPath: prepared.rolloutPath,
            ephemeral: request.ephemeral ?? false, createdAt: Self.unixSeconds(prepared.threadID),
            cliVersion: runtime.cliVersion)
        return try await open(loaded, config: factory.config, turns: [], announce: true, context)
    }

    func resume(_ request: AppServerV2.ThreadResumeParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.ThreadResumeResponse
    {
        let threadID = try Self.threadID(request.threadId)
        if let loaded = await registry.thread(threadID.rawValue) {
            // Already loaded: rejoin it as it is (overrides are ignored, as the reference does).
            var turns: [AppServerV2.Turn] = []
            // Before its first turn a thread's rollout is not written yet: no turns to show.
            if let path = loaded.rolloutPath, request.excludeTurns != true, FileManager.default.fileExists(atPath: path) {
                do {
                    turns = RolloutTurnBuilder.turns(from: try RolloutReader.load(path: path).lines)
                } catch {
                    throw .internalError("error reading thread \(threadID.rawValue): \(error)")
                }
            }
            // Another connection may have loaded it: this one joins its subscribers.
            loaded.subscribers.add(context.connection)
            return await response(for: loaded, turns: request.excludeTurns == true ? [] : turns)
        }
        guard let path = runtime.rolloutStore.rolloutPath(for: threadID) else {
            throw .invalidRequest("no rollout found for thread id \(threadID.rawValue)")
        }
        let overrides = ThreadOpenOverrides(
            model: request.model, modelProvider: request.modelProvider, cwd: request.cwd,
            approvalPolicy: request.approvalPolicy, sandbox: request.sandbox, config: request.config.map(JSONValue.object),
            baseInstructions: request.baseInstructions, developerInstructions: request.developerInstructions)
        let (factory, settings) = try prepare(overrides, context)
        let prepared: PreparedThread
        do {
            prepared = try await factory.resumeThread(path: path, settings: settings, explicit: overrides.explicit)
        } catch {
            throw .internalError("error resuming thread: \(error)")
        }
        for warning in prepared.warnings {
            await context.connection.notify(AppServerV2.WarningNotification(message: warning, threadId: threadID.rawValue))
        }
        let loaded = loadedThread(prepared, forkedFrom: nil)
        let turns = request.excludeTurns == true ? [] : loaded.turns
        let response: AppServerV2.ThreadResumeResponse = try await open(
            loaded.thread, config: factory.config, turns: turns, announce: false, context)
        reportRestoredUsage(prepared, context)
        return response
    }

    func fork(_ request: AppServerV2.ThreadForkParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.ThreadForkResponse
    {
        let sourceID = try Self.threadID(request.threadId)
        let source = await registry.thread(sourceID.rawValue)
        guard let sourcePath = source?.rolloutPath ?? runtime.rolloutStore.rolloutPath(for: sourceID) else {
            throw .invalidRequest("no rollout found for thread id \(sourceID.rawValue)")
        }
        let overrides = ThreadOpenOverrides(
            model: request.model, modelProvider: request.modelProvider, cwd: request.cwd,
            approvalPolicy: request.approvalPolicy, sandbox: request.sandbox, config: request.config.map(JSONValue.object),
            baseInstructions: request.baseInstructions, developerInstructions: request.developerInstructions)
        let (factory, settings) = try prepare(overrides, context)
        let prepared: PreparedThread
        do {
            prepared = try await factory.forkThread(
                sourcePath: sourcePath, settings: settings, explicit: overrides.explicit,
                activeTurnID: source?.activeTurnID)
        } catch {
            throw .internalError("error creating thread: \(error)")
        }
        let loaded = loadedThread(prepared, forkedFrom: sourceID.rawValue)
        let response: AppServerV2.ThreadForkResponse = try await open(
            loaded.thread, config: factory.config, turns: request.excludeTurns == true ? [] : loaded.turns,
            announce: true, context)
        reportRestoredUsage(prepared, context)
        return response
    }

    func loadedList(_ request: AppServerV2.ThreadLoadedListParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.ThreadLoadedListResponse
    {
        var ids = await registry.loadedThreadIDs()
        if let cursor = request.cursor { ids = ids.filter { $0 > cursor } }
        var nextCursor: String?
        if let limit = request.limit, Int(limit) < ids.count {
            ids = Array(ids.prefix(max(1, Int(limit))))
            nextCursor = ids.last
        }
        return AppServerV2.ThreadLoadedListResponse(data: ids, nextCursor: nextCursor)
    }

    func unsubscribe(_ request: AppServerV2.ThreadUnsubscribeParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.ThreadUnsubscribeResponse
    {
        let status: AppServerV2.ThreadUnsubscribeStatus
        if !(await registry.isLoaded(request.threadId)) {
            status = .notLoaded
        } else if let remaining = await registry.thread(request.threadId)?.subscribers.remove(context.connection) {
            // A thread its last subscriber left is unloaded.
            if remaining == 0 { await registry.unload(request.threadId) }
            status = .unsubscribed
        } else {
            status = .notSubscribed
        }
        return AppServerV2.ThreadUnsubscribeResponse(status: status)
    }

    // MARK: - Shared steps

    /// Loads the configuration with the request's overrides and derives the new thread's settings.
    private func prepare(_ overrides: ThreadOpenOverrides, _ context: AppServerRequestContext) throws(JSONRPCErrorObject)
        -> (ThreadFactory, ThreadSettings)
    {
        let loaded: LoadedConfig
        do {
            loaded = try runtime.loadConfig(
                extraOverrides: ThreadConfigOverrides.cliOverrides(overrides.config),
                overrides: overrides.configOverrides
            )
        } catch {
            throw .invalidRequest("error deriving config: \(error)")
        }
        let config = loaded.config
        let client = context.session.clientInfo
        let factory = runtime.threadFactory(
            config: config, clientName: client.name, userAgent: "\(client.name)/\(runtime.cliVersion)",
            ruleFolders: loaded.execPolicyFolders)
        var settings = ThreadSettings(config: config, environment: runtime.environment)
        if let base = overrides.baseInstructions { settings.baseInstructions = base }
        if let developer = overrides.developerInstructions { settings.developerInstructions = developer }
        return (factory, settings)
    }

    /// The registry entry of a thread reopened from its rollout (resume, or the copy a fork wrote), with its turns.
    private func loadedThread(_ prepared: PreparedThread, forkedFrom: String?) -> (thread: LoadedThread, turns: [AppServerV2.Turn]) {
        let turns = prepared.loaded.map { RolloutTurnBuilder.turns(from: $0.lines) } ?? []
        let preview = prepared.loaded?.firstUserMessage ?? ""
        let loaded = LoadedThread(
            thread: prepared.thread, threadID: prepared.threadID, rolloutPath: prepared.rolloutPath, ephemeral: false,
            createdAt: Self.unixSeconds(prepared.threadID), cliVersion: prepared.loaded?.meta.cliVersion ?? runtime.cliVersion,
            forkedFromID: forkedFrom ?? prepared.loaded?.meta.forkedFromID?.rawValue, preview: preview)
        return (loaded, turns)
    }

    /// After the response, `thread/tokenUsage/updated` with the usage the rollout recorded (the reference
    /// reports it on a cold resume, naming the last turn).
    private func reportRestoredUsage(_ prepared: PreparedThread, _ context: AppServerRequestContext) {
        let lastTurnID = prepared.loaded?.lines.reversed().lazy.compactMap { line -> String? in
            if case .turnContext(let record) = line.item { return record.turnID }
            return nil
        }.first
        guard let usage = prepared.usage, let turnID = lastTurnID else { return }
        let threadID = prepared.threadID.rawValue
        let connection = context.connection
        context.startAfterResponse {
            await connection.notify(
                AppServerV2.ThreadTokenUsageUpdatedNotification(
                    threadId: threadID, turnId: turnID, tokenUsage: WireMapping.tokenUsage(usage)))
        }
    }

    /// Registers the thread, subscribes this connection, starts its MCP servers and its event pump, and answers;
    /// `thread/started` follows the response when `announce` is set. When a `required` MCP server fails to start,
    /// the thread is unloaded and the request fails with the reference's error (-32603).
    private func open<Method>(
        _ loaded: LoadedThread, config: Config, turns: [AppServerV2.Turn], announce: Bool,
        _ context: AppServerRequestContext
    ) async throws(JSONRPCErrorObject) -> AppServerV2.ThreadSessionResponse<Method> {
        await registry.add(loaded)
        loaded.subscribers.add(context.connection)
        let threadID = loaded.threadID.rawValue
        let subscribers = loaded.subscribers
        let announced = OneShot<Void>()
        // The session's servers: the configured ones and, with a ChatGPT login, the connectors gateway.
        var sessionConfig = config
        sessionConfig.mcpServers = await ConnectorsGateway.servers(config: config, environment: runtime.environment)
        runtime.mcpServers.start(
            threadID: threadID, config: sessionConfig, environment: runtime.environment, clientVersion: runtime.cliVersion,
            background: runtime.background,
            notify: { notification in
                for connection in subscribers.all { await connection.notify(notification) }
            },
            announced: announced, elicit: Self.elicitationForwarder(threadID: threadID, subscribers: subscribers, registry: registry))
        let mcpServers = runtime.mcpServers
        if config.mcpServers.values.contains(where: { $0.enabled && $0.required }),
            let reason = await mcpServers.requiredStartupFailure(threadID: threadID)
        {
            mcpServers.release(threadID: threadID)
            await registry.unload(threadID)
            throw .internalError("error creating thread: Fatal error: Failed to initialize session: \(reason)")
        }
        let host = RuntimeServiceHost(runtime: runtime)
        let mcpApprovals = MCPApprovalSettings(
            usesElicitation: config.features[MCPApprovalRequests.elicitationFeature] ?? true,
            rememberAlways: { server, tool in Self.approveAlways(server: server, tool: tool, host: host) })
        ThreadEventPump(
            thread: loaded.thread, subscribers: loaded.subscribers, registry: registry, background: runtime.background,
            everyone: runtime.connections, mcpApprovals: mcpApprovals, onEnded: { mcpServers.release(threadID: threadID) }
        ).start()
        let result: AppServerV2.ThreadSessionResponse<Method> = await response(for: loaded, turns: turns)
        if announce {
            let thread = await ThreadWire.thread(loaded, status: .idle, turns: [])
            let connection = context.connection
            context.startAfterResponse {
                await connection.notify(AppServerV2.ThreadStartedNotification(thread: thread))
                announced.resolve(())
            }
        } else {
            context.startAfterResponse { announced.resolve(()) }
        }
        return result
    }

    private func response<Method>(for loaded: LoadedThread, turns: [AppServerV2.Turn]) async
        -> AppServerV2.ThreadSessionResponse<Method>
    {
        let settings = await loaded.thread.settings
        let status = await registry.status(of: loaded.threadID.rawValue)
        let thread = await ThreadWire.thread(loaded, status: status, turns: turns)
        return AppServerV2.ThreadSessionResponse<Method>(
            thread: thread, model: settings.model, modelProvider: settings.modelProvider, cwd: settings.cwd,
            approvalPolicy: WireMapping.approvalPolicy(settings.approvalPolicy), approvalsReviewer: .user,
            sandbox: WireMapping.sandboxPolicy(settings.sandbox),
            reasoningEffort: settings.reasoningEffort.map(AppServerV2.ReasoningEffort.init(rawValue:)))
    }

    /// Spec mcp-client §6.3: an MCP server's elicitation goes to the thread's clients as
    /// `mcpServer/elicitation/request` (the running turn's id when there is one); their answer goes back.
    static func elicitationForwarder(threadID: String, subscribers: ThreadSubscribers, registry: ThreadRegistry)
        -> MCPElicitations.Handler
    {
        { server, params in
            let turnID = await registry.thread(threadID)?.activeTurnID
            guard
                let request = MCPApprovalRequests.serverElicitationParams(
                    threadID: threadID, turnID: turnID, server: server, params: params)
            else { return MCPElicitations.declined }
            let reply = await subscribers.ask { connection in
                await connection.sendThreadRequest(
                    AppServerV2.ServerRequests.mcpServerElicitation, threadID: threadID, params: request)
            }
            return MCPApprovalRequests.elicitResult(reply)
        }
    }

    /// An "always" answer: `mcp_servers.<server>.tools.<tool>.approval_mode = "approve"` in the user config. A
    /// failed write is reported on stderr; the call still runs and the tool stays approved for the session.
    static func approveAlways(server: String, tool: String, host: any AppServerServiceHost) {
        let keyPath = ["mcp_servers", server, "tools", tool, "approval_mode"].map(ConfigKeyPath.quoted).joined(separator: ".")
        let edit = AppServerV2.ConfigEdit(keyPath: keyPath, value: "approve", mergeStrategy: .replace)
        do {
            _ = try ConfigFileEditor(host: host).apply(edits: [edit], filePath: nil, expectedVersion: nil, currentVersion: nil)
        } catch {
            AppServerMain.logToStandardError("cannot remember the approval of \(server)/\(tool): \(error.message)")
        }
    }

    /// Parses a thread id as the reference does (`invalid thread id: ...`).
    static func threadID(_ text: String) throws(JSONRPCErrorObject) -> ThreadID {
        guard let id = ThreadID(text) else {
            throw .invalidRequest("invalid thread id: \(text) is not a valid UUID")
        }
        return id
    }

    static func unixSeconds(_ id: ThreadID) -> Int64 {
        Int64((id.creationDate ?? Date()).timeIntervalSince1970.rounded(.down))
    }
}

/// Builds the wire `Thread` of a loaded thread.
enum ThreadWire {
    static func thread(_ loaded: LoadedThread, status: AppServerV2.ThreadStatus, turns: [AppServerV2.Turn]) async
        -> AppServerV2.Thread
    {
        let settings = await loaded.thread.settings
        return AppServerV2.Thread(
            id: loaded.threadID.rawValue, sessionId: loaded.threadID.rawValue, preview: loaded.preview,
            ephemeral: loaded.ephemeral, modelProvider: settings.modelProvider, createdAt: loaded.createdAt,
            updatedAt: Int64(Date().timeIntervalSince1970.rounded(.down)), status: status, path: loaded.rolloutPath,
            cwd: settings.cwd, cliVersion: loaded.cliVersion, source: .vscode, forkedFromId: loaded.forkedFromID,
            model: settings.model, reasoningEffort: settings.reasoningEffort.map(AppServerV2.ReasoningEffort.init(rawValue:)),
            turns: turns)
    }
}
