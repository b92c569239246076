import CodexBasics
import CodexProtocol
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// One accepted socket of a `WebSocketListener`: it either upgrades (and `upgraded` gives its messages) or is
/// answered over plain HTTP and closed (`upgraded` gives nil).
final class AcceptedSocket: Sendable {
    let channel: any Channel
    let upgraded = OneShot<AsyncStream<JSONLineReader.Element>?>()

    init(channel: any Channel) {
        self.channel = channel
    }
}

/// Accepts WebSocket clients (RFC 6455 via NIOWebSocket) on a TCP port or a Unix domain socket and serves
/// each as an app-server connection: one JSON-RPC message per text frame.
struct WebSocketListener: Sendable {
    /// Where to listen.
    enum Address: Sendable {
        case tcp(host: String, port: Int)
        case unixSocket(path: String)
    }

    /// `--ws-auth`, or nil for none.
    var authenticator: WebSocketAuthenticator?
    /// Largest accepted message (after joining fragments); the reference's 16 MiB.
    var maxMessageBytes = 16 << 20
    /// Bytes a client may leave unread before it is disconnected.
    var outboundLimit = 32 << 20
    /// Deepest accepted JSON nesting.
    var maxDepth = JSONParser.defaultMaxDepth
    /// Diagnostics (stderr in production).
    var log: @Sendable (String) -> Void

    private static let plainHTTPHandlerName = "codex-plain-http"

    /// Binds the address; the port of a `tcp` address with port 0 is in the result's `localAddress`.
    func bind(_ address: Address) async throws -> NIOAsyncChannel<AcceptedSocket, Never> {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // A client that shuts down its sending side still gets its answers (then the server closes).
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        switch address {
        case .tcp(let host, let port):
            return try await bootstrap.bind(host: host, port: port) { channel in self.initialize(channel) }
        case .unixSocket(let path):
            return try await bootstrap.bind(unixDomainSocketPath: path) { channel in self.initialize(channel) }
        }
    }

    /// Accepts clients until the calling task is cancelled; each is served by `serve` in a child task,
    /// all of which are awaited before this returns.
    func run(
        _ server: NIOAsyncChannel<AcceptedSocket, Never>,
        serve: @escaping @Sendable (AsyncStream<JSONLineReader.Element>, WebSocketMessageWriter) async -> Void
    ) async {
        let outboundLimit = outboundLimit
        let log = log
        await withDiscardingTaskGroup { group in
            do {
                try await server.executeThenClose { sockets in
                    for try await socket in sockets {
                        group.addTask {
                            guard let messages = await socket.upgraded.wait(orIfCancelled: nil) else { return }
                            let writer = WebSocketMessageWriter(channel: socket.channel, limit: outboundLimit, log: log)
                            await serve(messages, writer)
                        }
                    }
                }
            } catch {
                if !Task.isCancelled { log("the listener stopped accepting: \(error)") }
            }
            group.cancelAll()
        }
    }

    /// The pipeline of a new socket: HTTP/1.1 with the WebSocket upgrade, and plain answers otherwise.
    private func initialize(_ channel: any Channel) -> EventLoopFuture<AcceptedSocket> {
        let options = self
        return channel.eventLoop.makeCompletedFuture {
            let socket = AcceptedSocket(channel: channel)
            let upgrader = NIOWebSocketServerUpgrader(
                maxFrameSize: options.maxMessageBytes, automaticErrorHandling: true,
                shouldUpgrade: { channel, head in
                    var headers = HTTPHeaders()
                    headers.add(
                        name: "x-codex-websocket-max-unfragmented-message-bytes", value: String(options.maxMessageBytes))
                    guard let authenticator = options.authenticator else {
                        return channel.eventLoop.makeSucceededFuture(headers)
                    }
                    // A refused upgrade goes on to `PlainHTTPResponder`, which answers 401 with the reason.
                    let answer = channel.eventLoop.makePromise(of: HTTPHeaders?.self)
                    let requestHeaders = head.headers
                    answer.completeWithTask { [headers] in
                        await authenticator.rejection(of: requestHeaders) == nil ? headers : nil
                    }
                    return answer.futureResult
                },
                upgradePipelineHandler: { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        pipeline.removeHandler(name: Self.plainHTTPHandlerName, promise: nil)
                        try pipeline.addHandler(
                            NIOWebSocketFrameAggregator(
                                minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16,
                                maxAccumulatedFrameSize: options.maxMessageBytes))
                        let bridge = WebSocketFrameBridge(maxDepth: options.maxDepth, log: options.log)
                        try pipeline.addHandler(bridge)
                        socket.upgraded.resolve(bridge.messages)
                    }
                })
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
            try channel.pipeline.syncOperations.addHandler(
                PlainHTTPResponder(authenticator: options.authenticator), name: Self.plainHTTPHandlerName)
            channel.closeFuture.whenComplete { _ in socket.upgraded.resolve(nil) }
            return socket
        }
    }
}
