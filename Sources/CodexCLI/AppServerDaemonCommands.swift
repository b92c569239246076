public import ArgumentParser
import CodexAppServer
import CodexConfig
import CodexProtocol
import FoundationEssentials
import Glibc

/// `codex app-server daemon`: the local background app-server on the control socket.
public struct AppServerDaemonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Manage the local app-server daemon.",
        subcommands: [Start.self, Stop.self, Restart.self, Version.self])

    public init() {}

    /// `daemon start`.
    public struct Start: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Start the local app server daemon if it is not already running.")
        @OptionGroup public var global: GlobalOptions
        public init() {}
        public func run() async throws {
            let daemon = try AppServerDaemonCommand.daemon(global)
            try await AppServerDaemonCommand.report { () async throws(AppServerDaemon.Failure) in try await daemon.start() }
        }
    }

    /// `daemon stop`.
    public struct Stop: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Stop the local app server daemon.")
        @OptionGroup public var global: GlobalOptions
        public init() {}
        public func run() async throws {
            let daemon = try AppServerDaemonCommand.daemon(global)
            try await AppServerDaemonCommand.report { () async throws(AppServerDaemon.Failure) in try await daemon.stop() }
        }
    }

    /// `daemon restart`.
    public struct Restart: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Restart the local app server daemon.")
        @OptionGroup public var global: GlobalOptions
        public init() {}
        public func run() async throws {
            let daemon = try AppServerDaemonCommand.daemon(global)
            try await AppServerDaemonCommand.report { () async throws(AppServerDaemon.Failure) in try await daemon.restart() }
        }
    }

    /// `daemon version`.
    public struct Version: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Print local CLI and running app-server versions as JSON.")
        @OptionGroup public var global: GlobalOptions
        public init() {}
        public func run() async throws {
            let daemon = try AppServerDaemonCommand.daemon(global)
            try await AppServerDaemonCommand.report { () async throws(AppServerDaemon.Failure) in try daemon.version() }
        }
    }

    /// The daemon of the configured CODEX_HOME, run by this binary.
    static func daemon(_ global: GlobalOptions) throws -> AppServerDaemon {
        let bootstrap = ConfigBootstrap(global: global)
        _ = try bootstrap.load()
        let options = try bootstrap.loadOptions(
            environment: ProcessInfo.processInfo.environment, processCwd: FileManager.default.currentDirectoryPath)
        return AppServerDaemon(
            codexHome: options.codexHome.path, cliVersion: CodexCommand.version, executable: currentExecutable())
    }

    /// Prints the command's JSON status line, or its error (exit 1).
    static func report(_ body: () async throws(AppServerDaemon.Failure) -> JSONValue) async throws {
        do {
            StandardStreams.writeOutput(try await body().serialized() + "\n")
        } catch {
            StandardError.writeLine("Error: \(error.description)")
            throw ExitStatus(code: 1)
        }
    }

    /// This executable's path (what the daemon runs).
    static func currentExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments.first ?? "codex" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// `codex app-server proxy [--sock PATH]`: stdio bytes to and from the daemon's control socket.
public struct AppServerProxyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "proxy", abstract: "Proxy stdio bytes to the running app-server control socket.")

    @OptionGroup public var global: GlobalOptions

    @Option(name: .customLong("sock"), help: "Path to the app-server Unix domain socket to connect to.")
    public var socketPath: String?

    public init() {}

    public func run() async throws {
        let path: String
        if let socketPath {
            path = socketPath
        } else {
            let bootstrap = ConfigBootstrap(global: global)
            _ = try bootstrap.load()
            let options = try bootstrap.loadOptions(
                environment: ProcessInfo.processInfo.environment, processCwd: FileManager.default.currentDirectoryPath)
            path = UnixSocketPath.defaultPath(codexHome: options.codexHome.path)
        }
        do {
            try await AppServerProxy.run(socketPath: path)
        } catch {
            StandardError.writeLine("Error: \(error.description)")
            throw ExitStatus(code: 1)
        }
    }
}
