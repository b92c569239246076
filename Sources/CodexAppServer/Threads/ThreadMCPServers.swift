import CodexBasics
import CodexConfig
public import CodexCore
import CodexMCPClient
public import CodexProtocol
import Synchronization

/// The `[mcp_servers]` of every loaded thread: each thread's servers start when it is opened (in the
/// server's background work) and stop when its event stream ends; tool specs and calls are routed to the
/// calling thread's servers.
public final class ThreadMCPServers: ExternalToolProvider, Sendable {
    private struct State {
        var managers: [String: MCPConnectionManager] = [:]
        var releases: [String: AsyncStream<Void>.Continuation] = [:]
        /// The configuration each thread's servers were started from (for status and reload).
        var configs: [String: Config] = [:]
        /// Where each thread's `mcpServer/startupStatus/updated` notifications go.
        var notifiers: [String: Notifier] = [:]
        /// Who answers each thread's servers' elicitations.
        var elicitations: [String: MCPElicitations.Handler] = [:]
        /// Each thread's manager once its servers are starting (nil when the background work refused the job).
        var started: [String: OneShot<MCPConnectionManager?>] = [:]
    }

    private let state = Mutex(State())

    /// Delivers a thread's `mcpServer/startupStatus/updated` notifications (to its subscribers).
    typealias Notifier = @Sendable (AppServerV2.McpServerStatusUpdatedNotification) async -> Void

    public init() {}

    /// Starts the thread's enabled servers in `background`; they run until `release(threadID:)` or the
    /// background work ends. Nothing happens without servers or when the thread already has them.
    /// - Parameters:
    ///   - notify: receives the servers' startup status changes, from when `announced` resolves (the thread's
    ///     `thread/started` is out) or at once without it.
    ///   - elicit: answers the servers' `elicitation/create` requests (declined without it).
    func start(
        threadID: String, config: Config, environment: [String: String], clientVersion: String,
        background: BackgroundWork, notify: Notifier? = nil, announced: OneShot<Void>? = nil,
        elicit: MCPElicitations.Handler? = nil
    ) {
        guard config.mcpServers.values.contains(where: \.enabled) else { return }
        let (released, release) = AsyncStream<Void>.makeStream()
        let started = OneShot<MCPConnectionManager?>()
        let claimed = state.withLock { state -> Bool in
            guard state.releases[threadID] == nil else { return false }
            state.releases[threadID] = release
            state.configs[threadID] = config
            state.notifiers[threadID] = notify
            state.elicitations[threadID] = elicit
            state.started[threadID] = started
            return true
        }
        guard claimed else { return }
        let grace = config.mcpOptionalStartupGraceMs.map { Duration.milliseconds($0) } ?? MCPConnectionManager.defaultStartupGrace
        let spawned = background.spawn {
            await MCPConnectionManager.withServers(
                config.mcpServers, sessionCwd: config.cwd, environment: environment, clientVersion: clientVersion,
                startupGrace: grace, elicit: elicit, apps: config.apps,
                oauthStore: MCPOAuthCredentialStore(config: config)
            ) { manager in
                self.state.withLock { $0.managers[threadID] = manager }
                _ = started.resolve(manager)
                await withTaskGroup(of: Void.self) { group in
                    if let notify {
                        group.addTask {
                            _ = await announced?.wait(orIfCancelled: ())
                            for await update in manager.statusUpdates {
                                await notify(Self.notification(threadID: threadID, update))
                            }
                        }
                    }
                    for await _ in released {}
                    group.cancelAll()
                }
                // A restart (`restart(threadID:config:)`) may already have put the next manager in place.
                self.state.withLock { state in
                    if state.managers[threadID] === manager { state.managers[threadID] = nil }
                }
            }
        }
        if !spawned {
            _ = started.resolve(nil)
            self.release(threadID: threadID)
        }
    }

    /// Spec mcp-client §3.3: waits until the thread's `required` servers are ready or failed; the reference's
    /// reason when any failed (`required MCP servers failed to initialize: <name>: <cause>`), else nil.
    func requiredStartupFailure(threadID: String) async -> String? {
        guard let started = state.withLock({ $0.started[threadID] }), let manager = await started.wait() ?? nil else {
            return nil
        }
        return await manager.requiredStartupFailure()
    }

    /// Stops the thread's servers (their children are killed and reaped by the background job).
    func release(threadID: String) {
        let release = state.withLock { state in
            state.configs[threadID] = nil
            state.notifiers[threadID] = nil
            state.elicitations[threadID] = nil
            state.started[threadID] = nil
            return state.releases.removeValue(forKey: threadID)
        }
        release?.finish()
    }

    /// The threads whose servers run, with the configuration they were started from.
    func runningThreads() -> [String: Config] {
        state.withLock { $0.configs }
    }

    /// Stops the thread's servers and starts those of `config` in their place (`config/mcpServer/reload`).
    func restart(
        threadID: String, config: Config, environment: [String: String], clientVersion: String, background: BackgroundWork
    ) {
        let (notify, elicit) = state.withLock { ($0.notifiers[threadID], $0.elicitations[threadID]) }
        release(threadID: threadID)
        start(
            threadID: threadID, config: config, environment: environment, clientVersion: clientVersion,
            background: background, notify: notify, elicit: elicit)
    }

    /// The wire notification of one status change.
    static func notification(threadID: String, _ update: MCPConnectionManager.StatusUpdate)
        -> AppServerV2.McpServerStatusUpdatedNotification
    {
        switch update.status {
        case .starting:
            return .init(threadId: threadID, name: update.name, status: .starting, error: nil, failureReason: nil)
        case .ready:
            return .init(threadId: threadID, name: update.name, status: .ready, error: nil, failureReason: nil)
        case .failed(let message):
            return .init(threadId: threadID, name: update.name, status: .failed, error: message, failureReason: nil)
        }
    }

    /// The thread's configured servers and what each running one reported; nil when the thread has no servers
    /// running (not loaded, or none configured).
    func inventories(threadID: String, includeResources: Bool) async
        -> (servers: [String: McpServerConfig], inventories: [String: MCPServerInventory])?
    {
        let found = state.withLock { state in state.configs[threadID].map { ($0.mcpServers, state.managers[threadID]) } }
        guard let (servers, manager) = found else { return nil }
        return (servers, await manager?.inventories(includeResources: includeResources) ?? [:])
    }

    private func manager(_ threadID: String) -> MCPConnectionManager? {
        state.withLock { $0.managers[threadID] }
    }

    public func toolSpecs(threadID: String) async -> [JSONValue] {
        await manager(threadID)?.toolSpecs(threadID: threadID) ?? []
    }

    public func resolve(namespace: String?, name: String, threadID: String) async -> ExternalToolTarget? {
        await manager(threadID)?.resolve(namespace: namespace, name: name, threadID: threadID)
    }

    public func call(_ request: ExternalToolCallRequest) async -> ExternalToolCallOutcome {
        guard let manager = manager(request.threadID) else {
            return ExternalToolCallOutcome(
                modelOutput: "unsupported call: \(request.target.tool)", errorMessage: "unknown MCP server '\(request.target.server)'")
        }
        return await manager.call(request)
    }
}
