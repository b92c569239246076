/// Runs the streamable-HTTP MCP fixture server (Tests/CodexMCPClientTests/Fixtures/mcp_http_fixture_server.py) for a
/// test: waits for its `listening on URL` line, hands the URL to the body, then kills and reaps it.
public enum MCPHTTPFixture {
    /// Why the fixture did not come up.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `python script arguments...` and gives `body` the server's MCP URL.
    public static func withServer<T: Sendable>(
        python: String, script: String, arguments: [String] = [], _ body: (String) async throws -> T
    ) async throws -> T {
        try await ChildProcess.withProcess(ProcessSpec(executable: python, arguments: [script] + arguments)) { process in
            let line = try await process.nextStdoutLine(timeout: .seconds(60))
            let prefix = "listening on "
            guard let line, line.hasPrefix(prefix) else {
                throw StartError(description: "the HTTP MCP fixture did not start: \(line ?? "<eof>") \(process.stderrSoFar)")
            }
            return try await body(String(line.dropFirst(prefix.count)))
        }
    }
}
