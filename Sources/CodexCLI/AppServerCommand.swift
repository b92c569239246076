public import ArgumentParser

/// `codex app-server`: the JSON-RPC protocol editors and SDKs speak over stdio.
public struct AppServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "app-server",
        abstract: "Run the app server (JSON-RPC over stdio)."
    )

    @OptionGroup public var global: GlobalOptions

    @Option(name: .customLong("listen"), help: "Transport: stdio:// (default).")
    public var listen: String = "stdio://"

    public init() {}

    public func run() async throws {
        _ = try ConfigBootstrap(global: global).load()
        throw NotImplemented.exit("app-server")
    }
}
