import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// Runs `codex app-server --listen ws://127.0.0.1:0` (or a Unix socket) in a test home and connects
/// WebSocket clients to it.
enum WebSocketE2E {
    /// A listening server: the spawned process and where it listens.
    struct Listener: Sendable {
        let process: RunningProcess
        let endpoint: WebSocketTestClient.Endpoint

        /// The TCP port (0 for a Unix socket).
        var port: Int {
            if case .tcp(_, let port) = endpoint { return port }
            return 0
        }

        /// A connected, initialized client (named `name`).
        func client(name: String = "ws-client", headers: [(String, String)] = []) async throws -> AppServerClient {
            let socket = try await WebSocketTestClient.connect(endpoint, headers: headers)
            let client = AppServerClient(socket)
            try await client.initialize(name: name)
            return client
        }
    }

    /// Starts the server with `--listen listen` plus `extraArguments`, waits for its banner, and runs `body`.
    static func withListener<Result: Sendable>(
        home: CodexTestHome, listen: String = "ws://127.0.0.1:0", extraArguments: [String] = [],
        _ body: (Listener) async throws -> Result
    ) async throws -> Result {
        let binary = try CodexBinary.locate()
        let spec = home.codexSpec(["app-server", "--listen", listen] + extraArguments, binary: binary)
        return try await ChildProcess.withProcess(spec) { process in
            let endpoint = try await listeningEndpoint(process)
            return try await body(Listener(process: process, endpoint: endpoint))
        }
    }

    /// Reads stderr up to the `listening on:` line of the banner.
    static func listeningEndpoint(_ process: RunningProcess) async throws -> WebSocketTestClient.Endpoint {
        while let line = try await process.nextStderrLine(timeout: .seconds(20)) {
            let marker = "  listening on: "
            guard line.hasPrefix(marker) else { continue }
            let url = String(line.dropFirst(marker.count))
            if url.hasPrefix("unix://") { return .unixSocket(path: String(url.dropFirst("unix://".count))) }
            guard url.hasPrefix("ws://"), let colon = url.lastIndex(of: ":"), let port = Int(url[url.index(after: colon)...])
            else { break }
            let host = String(url[url.index(url.startIndex, offsetBy: 5)..<colon])
            return .tcp(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port)
        }
        throw E2EError(description: "the server printed no listening address; stderr: \(process.stderrSoFar)")
    }
}
