public import ArgumentParser
import CodexConfig
import CodexMCPClient
import CodexProtocol
import FoundationEssentials

/// `codex mcp`: manage the external MCP servers of the user config (list, get, add, remove, login, logout).
public struct MCPCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Manage external MCP servers for Codex",
        subcommands: [
            MCPListCommand.self, MCPGetCommand.self, MCPAddCommand.self, MCPRemoveCommand.self, MCPLoginCommand.self,
            MCPLogoutCommand.self,
        ])

    public init() {}

    /// Without a subcommand: the usage on stderr, exit 2 (as clap does for a missing subcommand).
    public func run() async throws {
        StandardError.writeLine(Self.helpMessage())
        throw ExitStatus(code: 2)
    }
}

/// Shared steps of the `codex mcp` subcommands: loading config, the reference's `Error: ...` exit 1.
enum MCPCommandSupport {
    /// Prints `Error: <message>` on stderr; the caller throws the returned status (exit 1).
    static func failure(_ message: String) -> ExitStatus {
        StandardError.writeLine("Error: \(message)")
        return ExitStatus(code: 1)
    }

    static func servers(_ global: GlobalOptions) throws -> [String: McpServerConfig] {
        try config(global).mcpServers
    }

    static func config(_ global: GlobalOptions) throws -> Config {
        try ConfigBootstrap(global: global).load().config
    }

    static func userConfigFile() throws -> McpServersConfigFile {
        do {
            return McpServersConfigFile(codexHome: try CodexHome.resolve(environment: ProcessInfo.processInfo.environment))
        } catch {
            throw failure("failed to resolve CODEX_HOME: \(error)")
        }
    }
}

/// `codex mcp list [--json]`.
public struct MCPListCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "list", abstract: "List configured MCP servers.")

    @OptionGroup public var global: GlobalOptions

    @Flag(help: "Output the configured servers as JSON.")
    public var json = false

    public init() {}

    public func run() async throws {
        let config = try MCPCommandSupport.config(global)
        let servers = config.mcpServers
        let store = MCPOAuthCredentialStore(config: config)
        let environment = ProcessInfo.processInfo.environment
        let entries = await withTaskGroup(of: (String, McpServerConfig, MCPAuthStatus).self) { group in
            for (name, config) in servers {
                group.addTask { (name, config, await MCPAuthStatus.determine(name: name, for: config, environment: environment, store: store)) }
            }
            var entries: [(name: String, config: McpServerConfig, auth: MCPAuthStatus)] = []
            for await entry in group { entries.append(entry) }
            return entries
        }
        if json {
            StandardStreams.writeOutput(MCPServerListing.listJSON(entries).prettySerialized() + "\n")
        } else if entries.isEmpty {
            StandardStreams.writeOutput(MCPServerListing.emptyListMessage + "\n")
        } else {
            StandardStreams.writeOutput(MCPServerListing.listText(entries))
        }
    }
}

/// `codex mcp get NAME [--json]`.
public struct MCPGetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one MCP server's settings.")

    @OptionGroup public var global: GlobalOptions

    @Flag(help: "Output the server as JSON.")
    public var json = false

    @Argument(help: "Name of the MCP server.")
    public var name: String

    public init() {}

    public func run() async throws {
        guard let config = try MCPCommandSupport.servers(global)[name] else {
            throw MCPCommandSupport.failure("No MCP server named '\(name)' found.")
        }
        if json {
            StandardStreams.writeOutput(MCPServerListing.getJSON(name: name, config: config).prettySerialized() + "\n")
        } else {
            StandardStreams.writeOutput(MCPServerListing.getText(name: name, config: config))
        }
    }
}

/// `codex mcp add NAME [--env K=V]... -- COMMAND [ARGS]...` or `codex mcp add NAME --url URL
/// [--bearer-token-env-var VAR]`: writes `[mcp_servers.NAME]` to the user config, replacing an entry of that name.
public struct MCPAddCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a global MCP server entry.",
        usage: "codex mcp add [OPTIONS] <NAME> (--url <URL> | -- <COMMAND>...)")

    @OptionGroup public var global: GlobalOptions

    @Argument(help: "Name for the MCP server configuration.")
    public var name: String

    @Option(
        name: .customLong("env"), help: ArgumentHelp("Environment variables to set when launching the server (stdio only).", valueName: "KEY=VALUE"),
        transform: MCPAddCommand.environmentEntry)
    public var env: [EnvironmentEntry] = []

    @Option(help: "URL of a streamable HTTP MCP server.")
    public var url: String?

    @Option(name: .customLong("bearer-token-env-var"), help: "Environment variable holding a bearer token for the server (HTTP only).")
    public var bearerTokenEnvVar: String?

    @Argument(parsing: .postTerminator, help: "Command (and its arguments) that launches a stdio MCP server.")
    public var command: [String] = []

    public init() {}

    /// One `--env KEY=VALUE`.
    public struct EnvironmentEntry: Sendable {
        var key: String
        var value: String
    }

    static func environmentEntry(_ text: String) throws -> EnvironmentEntry {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("invalid value '\(text)' for '--env <KEY=VALUE>': environment entries must be in KEY=VALUE form")
        }
        return EnvironmentEntry(key: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }

    public func validate() throws {
        if url != nil, !command.isEmpty {
            throw ValidationError("the argument '--url <URL>' cannot be used with '[COMMAND]...'")
        }
        if url == nil, command.isEmpty {
            throw ValidationError("the following required arguments were not provided:\n  <COMMAND|--url <URL>>")
        }
        if bearerTokenEnvVar != nil, url == nil {
            throw ValidationError("the following required argument was not provided: url")
        }
    }

    public func run() async throws {
        let config = try MCPCommandSupport.config(global)
        guard McpServersConfigFile.isValidServerName(name) else {
            throw MCPCommandSupport.failure(McpServersConfigFile.invalidNameMessage(name))
        }
        var entry = JSONObject()
        if let url {
            guard env.isEmpty else { throw MCPCommandSupport.failure("command is required") }
            entry["url"] = .string(url)
            if let bearerTokenEnvVar { entry["bearer_token_env_var"] = .string(bearerTokenEnvVar) }
        } else {
            entry["command"] = .string(command[0])
            if command.count > 1 { entry["args"] = .array(command.dropFirst().map(JSONValue.string)) }
            if !env.isEmpty {
                var variables: [String: String] = [:]
                for variable in env { variables[variable.key] = variable.value }
                entry["env"] = .object(JSONObject(variables.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
            }
        }
        do {
            try MCPCommandSupport.userConfigFile().replace(name: name, with: entry)
        } catch let error as McpServersConfigFileError {
            throw MCPCommandSupport.failure(error.description)
        }
        StandardStreams.writeOutput("Added global MCP server '\(name)'.\n")
        guard let url, bearerTokenEnvVar == nil else { return }
        switch await MCPAuthStatus.oauthSupport(url: url, headers: [:]) {
        case .unsupported:
            break
        case .unknown:
            StandardStreams.writeOutput("MCP server may or may not require login. Run `codex mcp login \(name)` to login.\n")
        case .supported:
            StandardStreams.writeOutput("Detected OAuth support. Starting OAuth flow…\n")
            var server = McpServerConfig(
                transport: .streamableHTTP(url: url, bearerTokenEnvVar: nil, httpHeaders: [:], envHTTPHeaders: [:]))
            server.scopes = config.mcpServers[name]?.scopes
            try await MCPOAuthLoginRunner.run(
                name: name, url: url, server: server, config: config, scopes: [], noBrowser: false)
        }
    }
}

/// `codex mcp remove NAME`: deletes `[mcp_servers.NAME]` from the user config.
public struct MCPRemoveCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a global MCP server entry.")

    @OptionGroup public var global: GlobalOptions

    @Argument(help: "Name of the MCP server configuration to remove.")
    public var name: String

    public init() {}

    public func run() async throws {
        _ = try MCPCommandSupport.servers(global)
        guard McpServersConfigFile.isValidServerName(name) else {
            throw MCPCommandSupport.failure(McpServersConfigFile.invalidNameMessage(name))
        }
        let removed: Bool
        do {
            removed = try MCPCommandSupport.userConfigFile().remove(name: name)
        } catch let error as McpServersConfigFileError {
            throw MCPCommandSupport.failure(error.description)
        }
        StandardStreams.writeOutput(
            removed ? "Removed global MCP server '\(name)'.\n" : "No MCP server named '\(name)' found.\n")
    }
}
