import CodexConfig
import CodexCore
import CodexProtocol

/// Answers `tools/call`: `codex` starts a thread, `codex-reply` continues one (loaded here, or reopened from
/// its rollout), and either runs one turn whose events are relayed as `codex/event` notifications.
struct MCPToolCalls: Sendable {
    let runtime: MCPServerRuntime
    let connection: MCPConnection
    let threads: MCPThreadStore

    /// The call's result; failures are `isError` results, never JSON-RPC errors. A value on `cancel` (the client
    /// sent `notifications/cancelled`) interrupts the call's turn, and the call then ends with an error result.
    func call(id: JSONValue, params: JSONObject, cancel: AsyncStream<Void>) async -> JSONValue {
        let name = params["name"]?.stringValue ?? ""
        let arguments = params["arguments"]?.objectValue
        let opened: OpenedThread
        let prompt: String
        do {
            switch name {
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
                return ToolCallResult.failure(ToolCallError(message: "Unknown tool '\(name)'"))
            }
        } catch {
            return ToolCallResult.failure(error)
        }
        let relay = TurnRelay(
            thread: opened.thread, requestID: id, connection: connection, askClient: connection.client.supportsElicitation)
        if let configured = opened.sessionConfigured { await relay.send(configured, eventID: "") }
        return await relay.run(prompt: prompt, cancelSignal: cancel)
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
            userAgent: "codex_mcp_server/\(runtime.cliVersion) (\(connection.client.userAgentSuffix))")
        return ThreadFactory(config: config, origin: origin, environment: runtime.environment, tools: runtime.tools)
    }
}
