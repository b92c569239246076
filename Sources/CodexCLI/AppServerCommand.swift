public import ArgumentParser
import CodexAppServer
import CodexConfig
import CodexCore
import CodexProtocol
import FoundationEssentials
import Glibc

/// `codex app-server`: the JSON-RPC protocol editors and SDKs speak over stdio.
public struct AppServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "app-server",
        abstract: "Run the app server (JSON-RPC over stdio).",
        subcommands: [AppServerGenerateJSONSchemaCommand.self, AppServerGenerateTypeScriptCommand.self]
    )

    @OptionGroup public var global: GlobalOptions

    @Option(name: .customLong("listen"), help: "Transport: stdio:// (default).")
    public var listen: String = "stdio://"

    @Flag(name: .customLong("stdio"), help: "Same as --listen stdio://.")
    public var stdio = false

    public init() {}

    public func validate() throws {
        guard stdio || listen == "stdio://" || listen == "stdio" else {
            throw ValidationError(
                "unsupported --listen transport '\(listen)': this build serves only stdio:// (use --listen stdio:// or --stdio)")
        }
    }

    public func run() async throws {
        try await Self.serve(ConfigBootstrap(global: global))
    }

    /// Serves stdio until the client closes it; shared by the parsed command and `DirectInvocation`.
    static func serve(_ bootstrap: ConfigBootstrap) async throws {
        _ = try bootstrap.load()
        let environment = ProcessInfo.processInfo.environment
        let options = try bootstrap.loadOptions(
            environment: environment, processCwd: FileManager.default.currentDirectoryPath)
        let runtime = AppServerRuntime(
            loadOptions: options, cliVersion: CodexCommand.version, environment: environment, tools: ToolRouter())
        let initializer = InitializeResponder(
            version: CodexCommand.version, build: "swiftcodex/\(CodexCommand.buildVersion)",
            codexHome: options.codexHome.path)
        let code = await runtime.serve(initializer: initializer)
        if code != 0 { throw ExitStatus(code: code) }
    }
}

/// `codex app-server generate-json-schema --out DIR`: writes the protocol's JSON Schema bundle.
public struct AppServerGenerateJSONSchemaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate-json-schema", abstract: "Write the app-server protocol's JSON Schema files to a folder.")

    @Option(name: [.customShort("o"), .customLong("out")], help: "Folder to write into (created when missing).")
    public var out: String

    @Flag(name: .customLong("experimental"), help: "Accepted for compatibility; the experimental methods we serve are always included.")
    public var experimental = false

    public init() {}

    public func run() throws {
        do {
            try AppServerSchema.write(jsonSchemaTo: out)
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

    @Flag(name: .customLong("experimental"), help: "Accepted for compatibility; the experimental methods we serve are always included.")
    public var experimental = false

    public init() {}

    public func run() throws {
        do {
            try AppServerSchema.write(typeScriptTo: out)
        } catch {
            StandardError.writeLine("error writing the TypeScript bindings to \(out): \(error)")
            throw ExitStatus(code: 1)
        }
    }
}
