import CodexConfig
import CodexCore
import CodexProtocol
import MCP

/// Answers `tools/call`: `codex` starts a thread, `codex-reply` continues one (loaded here, or reopened from
/// its rollout), and either runs one turn whose events are relayed as `codex/event` notifications.
struct MCPToolCalls: Sendable {
    let runtime: MCPServerRuntime
    let transport: MCPStdioTransport
    let threads: MCPThreadStore
    let client: MCPClientState
    let scheduler: CallScheduler

    /// The call's result; failures are `isError` results, never JSON-RPC errors.
    func call(_ params: CallTool.Parameters) async -> CallTool.Result {
        let requestID = params._meta?[MCPStdioTransport.requestIDMetaKey].map(MCPValueBridge.json) ?? .null
        let arguments = params.arguments.map { MCPValueBridge.json(.object($0)).objectValue ?? JSONObject() }
        let opened: OpenedThread
        let prompt: String
        do {
            switch params.name {
            case CodexToolDefinitions.codexToolName:
                let parsed = try CodexToolArguments(arguments)
                opened = try startThread(parsed)
                await threads.add(opened.thread)
                prompt = parsed.prompt
            case CodexToolDefinitions.replyToolName:
                let parsed = try ReplyToolArguments(arguments)
                opened = try await continueThread(parsed.threadID)
                prompt = parsed.prompt
            default:
                return ToolCallResult.failure(ToolCallError(message: "Unknown tool '\(params.name)'"))
            }
        } catch {
            return ToolCallResult.failure(error)
        }
        let relay = TurnRelay(
            thread: opened.thread, requestID: requestID, transport: transport, askClient: client.supportsElicitation)
        if let configured = opened.sessionConfigured { await relay.send(configured, eventID: "") }
        return await runScheduled(relay, prompt: prompt)
    }

    /// Runs the turn in the server's task group and waits for it; a `notifications/cancelled` (which cancels
    /// this task) interrupts the turn, and the call is then answered with an error result.
    private func runScheduled(_ relay: TurnRelay, prompt: String) async -> CallTool.Result {
        let (cancelSignal, cancelSink) = AsyncStream<Void>.makeStream()
        let scheduler = scheduler
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CallTool.Result, Never>) in
                let accepted = scheduler.spawn {
                    continuation.resume(returning: await relay.run(prompt: prompt, cancelSignal: cancelSignal))
                }
                if !accepted {
                    continuation.resume(
                        returning: ToolCallResult.failure(
                            ToolCallError(message: "the server is shutting down", threadID: relay.thread.threadID)))
                }
            }
        } onCancel: {
            cancelSink.yield()
        }
    }

    // MARK: - Opening threads

    private struct OpenedThread {
        let thread: AgentThread
        /// The `session_configured` event to send first (a thread new to this process).
        let sessionConfigured: JSONValue?
    }

    /// The `codex` tool's thread: the configuration with the call's profile, overrides and typed fields.
    private func startThread(_ arguments: CodexToolArguments) throws(ToolCallError) -> OpenedThread {
        var options = runtime.loadOptions
        if let profile = arguments.profile { options.profile = profile }
        options.cliOverrides += ThreadConfigOverrides.cliOverrides(arguments.config)
        if let compactPrompt = arguments.compactPrompt {
            options.cliOverrides.append("compact_prompt=\(ThreadConfigOverrides.toml(.string(compactPrompt)))")
        }
        if let model = arguments.model { options.overrides.model = model }
        if let cwd = arguments.cwd { options.overrides.cwd = cwd }
        if let policy = arguments.approvalPolicy { options.overrides.approvalPolicy = policy }
        if let sandbox = arguments.sandbox { options.overrides.sandboxMode = sandbox }
        let config: Config
        do {
            config = try ConfigLoader.load(options).config
        } catch {
            throw ToolCallError(message: "Failed to load Codex configuration from overrides: \(error)")
        }
        var settings = ThreadSettings(config: config, environment: runtime.environment)
        if let base = arguments.baseInstructions { settings.baseInstructions = base }
        if let developer = arguments.developerInstructions { settings.developerInstructions = developer }
        let prepared = factory(config).newThread(settings: settings)
        return OpenedThread(
            thread: prepared.thread,
            sessionConfigured: CoreEventMessage.sessionConfigured(
                threadID: prepared.threadID.rawValue, settings: settings, rolloutPath: prepared.rolloutPath))
    }

    /// The `codex-reply` tool's thread: loaded in this process, or reopened from its rollout with the settings
    /// its last turn recorded.
    private func continueThread(_ text: String) async throws(ToolCallError) -> OpenedThread {
        if let loaded = await threads.thread(text) { return OpenedThread(thread: loaded, sessionConfigured: nil) }
        let notFound = ToolCallError(message: "Session not found for thread_id: \(text)", threadID: text)
        guard let id = ThreadID(text), let path = RolloutStore(home: runtime.loadOptions.codexHome).rolloutPath(for: id)
        else { throw notFound }
        guard await threads.claimReopen(text) else {
            // Another call reopened it meanwhile (or is doing so).
            if let loaded = await threads.thread(text) { return OpenedThread(thread: loaded, sessionConfigured: nil) }
            throw ToolCallError(message: "thread \(text) is being reopened by another call; try again", threadID: text)
        }
        let prepared: PreparedThread
        do {
            let config = try ConfigLoader.load(runtime.loadOptions).config
            prepared = try await factory(config).resumeThread(path: path)
        } catch {
            await threads.finishReopen(text, thread: nil)
            throw ToolCallError(message: "Failed to resume Codex session: \(error)", threadID: text)
        }
        await threads.finishReopen(text, thread: prepared.thread)
        let settings = await prepared.thread.settings
        return OpenedThread(
            thread: prepared.thread,
            sessionConfigured: CoreEventMessage.sessionConfigured(
                threadID: prepared.threadID.rawValue, settings: settings, rolloutPath: prepared.rolloutPath))
    }

    /// Threads of this server record the `mcp` source; the user agent names the client.
    private func factory(_ config: Config) -> ThreadFactory {
        let origin = ThreadOrigin(
            originator: "codex_mcp_server", cliVersion: runtime.cliVersion, source: .mcp,
            userAgent: "codex_mcp_server/\(runtime.cliVersion) (\(client.userAgentSuffix))")
        return ThreadFactory(config: config, origin: origin, environment: runtime.environment, tools: runtime.tools)
    }
}
