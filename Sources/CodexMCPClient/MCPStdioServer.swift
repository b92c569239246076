import CodexBasics
import CodexProtocol
import Glibc
import Subprocess
import Synchronization

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// A stdio MCP server (spec §2.1): spawned in its own session with a cleared environment rebuilt from a
/// whitelist, spoken to with newline-delimited JSON-RPC on stdin/stdout (stderr drained, not parsed), and
/// killed with its whole process group, then reaped, when its task ends.
enum MCPStdioServer {
    /// Variables passed from Codex's environment when set (0.163.0's default list plus the CA-bundle ones).
    static let inheritedVariables = [
        "HOME", "LOGNAME", "PATH", "SHELL", "USER", "__CF_USER_TEXT_ENCODING", "LANG", "LC_ALL", "TERM", "TMPDIR", "TZ",
        "CURL_CA_BUNDLE", "GIT_SSL_CAINFO", "NODE_EXTRA_CA_CERTS", "PIP_CERT", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE",
    ]

    /// What to spawn.
    struct Launch: Sendable, Hashable {
        var command: String
        var arguments: [String]
        var environment: [String: String]
        var workingDirectory: String
    }

    /// The child's environment: the whitelist, then the `env_vars` names, then `env` on top.
    static func environment(parent: [String: String], envVars: [String], env: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in inheritedVariables + envVars {
            if let value = parent[name] { result[name] = value }
        }
        for (name, value) in env { result[name] = value }
        return result
    }

    /// The child's working directory: `cwd` as is when absolute, else against the session cwd (0.163.0 does
    /// not resolve it against the config file's folder); the session cwd without one.
    static func workingDirectory(_ cwd: String?, sessionCwd: String) -> String {
        guard let cwd, !cwd.isEmpty else { return sessionCwd }
        if cwd.hasPrefix("/") { return cwd }
        return sessionCwd.hasSuffix("/") ? sessionCwd + cwd : sessionCwd + "/" + cwd
    }

    /// The program to run: a name without `/` is looked up in `path`; nil when nothing executable is found.
    static func resolveProgram(_ command: String, path: String?) -> String? {
        if command.contains("/") { return access(command, X_OK) == 0 ? command : nil }
        for directory in (path ?? "").split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(command)" : "\(directory)/\(command)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Spawns the server and runs the handshake, reports the outcome through `onStartup`, then keeps the
    /// connection open until the calling task is cancelled. Returns once the child is killed and reaped.
    static func run(
        _ launch: Launch, startupTimeout: Duration, clientVersion: String,
        elicit: MCPElicitations.Bound? = nil,
        onStartup: @escaping @Sendable (Result<MCPServerSession, MCPServerSession.StartupFailure>) async -> Void
    ) async {
        guard let program = resolveProgram(launch.command, path: launch.environment["PATH"]) else {
            await onStartup(.failure(.init(description: "No such file or directory (os error 2)")))
            return
        }
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(100))]
        var environment: [Environment.Key: String] = [:]
        for (key, value) in launch.environment { environment[Environment.Key(stringLiteral: key)] = value }
        let reported = Mutex(false)
        do {
            _ = try await Subprocess.run(
                .path(FilePath(program)), arguments: Arguments(launch.arguments), environment: .custom(environment),
                workingDirectory: FilePath(launch.workingDirectory), platformOptions: options, input: .inputWriter,
                output: .sequence, error: .sequence
            ) { execution in
                await serve(execution, startupTimeout: startupTimeout, clientVersion: clientVersion, elicit: elicit) { outcome in
                    reported.withLock { $0 = true }
                    await onStartup(outcome)
                }
            }
        } catch {
            if !reported.withLock({ $0 }) { await onStartup(.failure(.init(description: "\(error)"))) }
        }
    }

    private static func serve(
        _ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>, startupTimeout: Duration,
        clientVersion: String, elicit: MCPElicitations.Bound?,
        onStartup: @escaping @Sendable (Result<MCPServerSession, MCPServerSession.StartupFailure>) async -> Void
    ) async {
        let processGroup = execution.processIdentifier.value
        let (lines, lineSink) = AsyncStream<[UInt8]>.makeStream()
        let connection = MCPClientConnection(elicit: elicit) { message in
            if case .terminated = lineSink.yield(message.serializedBytes() + [0x0A]) { return false }
            return true
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let writer = execution.standardInputWriter
                for await line in lines {
                    do {
                        _ = try await writer.write(line)
                    } catch {
                        break
                    }
                }
                lineSink.finish()
                connection.close()
            }
            group.addTask {
                await readMessages(execution.standardOutput, into: connection)
                lineSink.finish()
                connection.close()
            }
            group.addTask {
                // stderr is the server's log: drained so it never blocks, not parsed.
                do {
                    for try await _ in execution.standardError {}
                } catch {
                    return
                }
            }
            let outcome: Result<MCPServerSession, MCPServerSession.StartupFailure>
            do throws(MCPServerSession.StartupFailure) {
                outcome = .success(
                    try await MCPServerSession.handshake(
                        connection: connection, clientVersion: clientVersion, declaresAuthChange: true,
                        timeout: startupTimeout))
            } catch {
                outcome = .failure(error)
            }
            await onStartup(outcome)
            if case .success = outcome { await waitUntilCancelled() }
            connection.close()
            lineSink.finish()
            _ = kill(-processGroup, SIGKILL)
            group.cancelAll()
        }
    }

    /// Parses stdout line by line; a line that is not JSON is ignored (the request it answered then times out).
    private static func readMessages(_ output: SubprocessOutputSequence, into connection: MCPClientConnection) async {
        var splitter = LineSplitter()
        do {
            for try await buffer in output {
                let bytes = buffer.withUnsafeBytes { Array($0) }
                for case .line(let line) in splitter.append(bytes) {
                    guard let message = try? JSONParser.parse(bytes: line) else { continue }
                    await connection.receive(message)
                }
            }
        } catch {
            return
        }
    }

    /// Suspends until the calling task is cancelled.
    private static func waitUntilCancelled() async {
        let (never, keepAlive) = AsyncStream<Void>.makeStream()
        for await _ in never {}
        keepAlive.finish()
    }
}
