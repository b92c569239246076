public import ArgumentParser
import CodexAppServer
import CodexConfig
import CodexCore
import CodexProtocol
import FoundationEssentials
import Glibc

/// `codex app-server`: the JSON-RPC protocol editors and SDKs speak, over stdio, a Unix socket or WebSocket.
public struct AppServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "app-server",
        abstract: "Run the app server (JSON-RPC over stdio, a Unix socket or WebSocket).",
        subcommands: [
            AppServerDaemonCommand.self, AppServerProxyCommand.self, AppServerGenerateJSONSchemaCommand.self,
            AppServerGenerateTypeScriptCommand.self,
        ]
    )

    @OptionGroup public var global: GlobalOptions

    @Option(
        name: .customLong("listen"),
        help: "Transport endpoint URL: `stdio://` (default), `unix://`, `unix://PATH`, `ws://IP:PORT`, `off`.")
    public var listen: String = "stdio://"

    @Flag(name: .customLong("stdio"), help: "Same as --listen stdio://.")
    public var stdio = false

    @OptionGroup public var webSocketAuth: WebSocketAuthOptions

    public init() {}

    public func run() async throws {
        let target: ListenTarget
        do {
            target = stdio ? .stdio : try ListenTarget(parsing: listen)
        } catch {
            StandardError.writeLine(
                "error: invalid value '\(listen)' for '--listen <URL>': \(error.message)\n\n"
                    + "For more information, try '--help'.")
            throw ExitStatus(code: 2)
        }
        let authenticator: WebSocketAuthenticator?
        do {
            authenticator = try await webSocketAuth.authenticator()
        } catch {
            StandardError.writeLine("Error: \(error.description)")
            throw ExitStatus(code: 1)
        }
        if target == .stdio {
            try await Self.serve(ConfigBootstrap(global: global))
        } else {
            try await Self.serve(ConfigBootstrap(global: global), listen: target, authenticator: authenticator)
        }
    }

    /// Serves stdio until the client closes it; shared by the parsed command and `DirectInvocation`.
    static func serve(_ bootstrap: ConfigBootstrap) async throws {
        let (runtime, initializer) = try makeRuntime(bootstrap)
        let code = await runtime.serve(initializer: initializer)
        if code != 0 { throw ExitStatus(code: code) }
    }

    /// Serves a listener (`unix://`, `ws://`) until SIGINT or SIGTERM.
    static func serve(
        _ bootstrap: ConfigBootstrap, listen: ListenTarget, authenticator: WebSocketAuthenticator?
    ) async throws {
        let (runtime, initializer) = try makeRuntime(bootstrap)
        do {
            let code = try await runtime.serve(listen: listen, authenticator: authenticator, initializer: initializer)
            if code != 0 { throw ExitStatus(code: code) }
        } catch let failure as ListenFailure {
            StandardError.writeLine("Error: \(failure.description)")
            throw ExitStatus(code: 1)
        }
    }

    private static func makeRuntime(_ bootstrap: ConfigBootstrap) throws -> (AppServerRuntime, InitializeResponder) {
        _ = try bootstrap.load()
        let environment = ProcessInfo.processInfo.environment
        let options = try bootstrap.loadOptions(
            environment: environment, processCwd: FileManager.default.currentDirectoryPath)
        let mcpServers = ThreadMCPServers()
        let runtime = AppServerRuntime(
            loadOptions: options, cliVersion: CodexCommand.version, environment: environment,
            tools: ToolRouter(externalTools: mcpServers), mcpServers: mcpServers)
        let initializer = InitializeResponder(
            version: CodexCommand.version, build: "swiftcodex/\(CodexCommand.buildVersion)",
            codexHome: options.codexHome.path)
        return (runtime, initializer)
    }
}

/// `codex app-server generate-json-schema --out DIR`: writes the protocol's JSON Schema bundle.
public struct AppServerGenerateJSONSchemaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate-json-schema", abstract: "Write the app-server protocol's JSON Schema files to a folder.")

    @Option(name: [.customShort("o"), .customLong("out")], help: "Folder to write into (created when missing).")
    public var out: String

    @Flag(name: .customLong("experimental"), help: "Include the experimental methods (served to clients that opt in).")
    public var experimental = false

    public init() {}

    public func run() throws {
        do {
            try AppServerSchema.write(jsonSchemaTo: out, experimental: experimental)
        } catch {
            StandardError.writeLine("error writing the JSON schema to \(out): \(error)")
            throw ExitStatus(code: 1)
        }
    }
}

/// `codex app-server generate-ts --out DIR`: writes TypeScript bindings of the protocol.
public struct AppServerGenerateTypeScriptCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate-ts", abstract: "Write TypeScript bindings of the app-server protocol to a folder.")

    @Option(name: [.customShort("o"), .customLong("out")], help: "Folder to write into (created when missing).")
    public var out: String

    @Flag(name: .customLong("experimental"), help: "Include the experimental methods (served to clients that opt in).")
    public var experimental = false

    public init() {}

    public func run() throws {
        do {
            try AppServerSchema.write(typeScriptTo: out, experimental: experimental)
        } catch {
            StandardError.writeLine("error writing the TypeScript bindings to \(out): \(error)")
            throw ExitStatus(code: 1)
        }
    }
}
