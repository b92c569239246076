public import CodexConfig
public import CodexCore
import CodexBasics
import CodexProtocol
import Glibc

/// Everything `codex mcp-server` shares for the life of the process: how to load the configuration, what goes
/// into each thread; `serve` runs the server over stdio.
public struct MCPServerRuntime: Sendable {
    /// The options the server was started with (CODEX_HOME, cwd, `-c` overrides, profile).
    public var loadOptions: ConfigLoadOptions
    /// Our CLI version, reported in `serverInfo` and recorded in rollouts.
    public var cliVersion: String
    /// The process environment threads and commands start from.
    public var environment: [String: String]
    /// Runs tools for every thread (`ToolRouter()` in production).
    public var tools: any ToolExecuting

    public init(loadOptions: ConfigLoadOptions, cliVersion: String, environment: [String: String], tools: any ToolExecuting) {
        self.loadOptions = loadOptions
        self.cliVersion = cliVersion
        self.environment = environment
        self.tools = tools
    }

    /// Serves MCP on `input`/`output` until the client closes its end; then interrupts every running turn,
    /// lets each call finish, flushes every rollout, and returns the exit code (0 at end of input, 1 when
    /// reading failed). SIGPIPE is ignored, so a vanished client cannot kill the process.
    public func serve(input: Int32 = 0, output: Int32 = 1) async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let writer = LineWriter(fileDescriptor: output)
        let connection = MCPConnection(
            input: input, writer: writer,
            info: MCPConnection.ServerInfo(name: "codex-mcp-server", title: "Codex", version: cliVersion))
        let threads = MCPThreadStore()
        let scheduler = CallScheduler()
        let calls = MCPToolCalls(runtime: self, connection: connection, threads: threads)
        let code = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                let code = await connection.readLoop(scheduler: scheduler) { id, params, cancel in
                    await calls.call(id: id, params: params, cancel: cancel)
                }
                // The client is gone: running turns are interrupted, and each call ends as its turn does.
                scheduler.close()
                await threads.interruptAll()
                return code
            }
            for await job in scheduler.jobs {
                group.addTask {
                    await job()
                    return nil
                }
            }
            var code: Int32 = 0
            for await result in group {
                if let result { code = result }
            }
            return code
        }
        await threads.shutdownAll()
        await writer.flush()
        return code
    }
}
