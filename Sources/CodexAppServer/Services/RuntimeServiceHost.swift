import CodexConfig
import CodexCore
import CodexProtocol
import CodexSandbox

/// Registers the service methods for the app-server's runtime (its loaded threads, load options
/// and environment).
public func registerServiceHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {
    registerServiceHandlers(on: &handlers, runtime: RuntimeServiceHost(runtime: runtime) as any AppServerServiceHost)
}

/// `AppServerRuntime` seen by the service handlers.
struct RuntimeServiceHost: AppServerServiceHost {
    let runtime: AppServerRuntime

    var codexHome: CodexHome { runtime.loadOptions.codexHome }
    var environment: [String: String] { runtime.environment }
    var cliOverrides: [String] { runtime.loadOptions.cliOverrides }
    var defaultCwd: String { runtime.loadOptions.cwd }
    var sandboxHelperExecutable: String { SandboxCommandBuilder.currentExecutable }
    var cliVersion: String { runtime.cliVersion }

    func configLoadOptions(cwd: String) -> ConfigLoadOptions {
        var options = runtime.loadOptions
        options.cwd = cwd
        return options
    }

    func loadedThread(_ threadID: String) async -> AppServerV2.Thread? {
        guard let loaded = await runtime.registry.thread(threadID) else { return nil }
        let settings = await loaded.thread.settings
        return AppServerV2.Thread(
            id: threadID, sessionId: threadID, preview: loaded.preview, ephemeral: loaded.ephemeral,
            modelProvider: settings.modelProvider, createdAt: loaded.createdAt, updatedAt: loaded.createdAt,
            status: loaded.status, path: loaded.rolloutPath, cwd: settings.cwd, cliVersion: loaded.cliVersion,
            source: .vscode, name: ThreadNameIndex(codexHome: codexHome).name(of: threadID),
            forkedFromId: loaded.forkedFromID, model: settings.model, turns: [])
    }

    func unloadThread(_ threadID: String) async {
        await runtime.registry.unload(threadID)
    }

    func broadcast(_ notification: some ServerNotification, from context: AppServerRequestContext) async {
        let everyone = runtime.connections.all
        if !everyone.contains(where: { $0 === context.connection }) { await context.connection.notify(notification) }
        for connection in everyone { await connection.notify(notification) }
    }
}
