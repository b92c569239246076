import NIOCore
import NIOHTTP1
import NIOPosix

/// A scripted OpenAI-compatible model server on 127.0.0.1 with an ephemeral port.
///
/// `POST …/responses` and `POST …/chat/completions` each take the next reply from a FIFO queue
/// (an empty queue answers HTTP 500 saying the script ran out); `GET …/models` lists the script's models;
/// `POST …/envelope/` (a Sentry ingest endpoint, for feedback uploads) answers 200 or a scripted status;
/// anything else is a 404.
/// Every request is recorded.
///
/// - Important: Call `shutdown()` (or use `withServer`), which closes the listener and every connection.
public final class MockResponsesServer: Sendable {
    /// The listening port on 127.0.0.1.
    public let port: Int
    private let state: MockServerState
    private let listener: any Channel

    private init(port: Int, state: MockServerState, listener: any Channel) {
        self.port = port
        self.state = state
        self.listener = listener
    }

    /// `http://127.0.0.1:PORT/v1`: the value for a provider's `base_url`.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Binds a new server and starts accepting connections.
    /// Starts listening on 127.0.0.1 (`port` 0 picks a free one).
    public static func start(script: MockScript = MockScript(), port: Int = 0) async throws -> MockResponsesServer {
        let state = MockServerState(script: script)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard state.register(channel) else { return channel.close() }
                channel.closeFuture.whenComplete { _ in state.unregister(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(MockHTTPHandler(state: state))
                }
            }
        let listener = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        guard let port = listener.localAddress?.port else {
            try? await listener.close().get()
            throw MockServerError(reason: "the listening socket has no port")
        }
        return MockResponsesServer(port: port, state: state, listener: listener)
    }

    /// Starts a server, runs `body`, and shuts the server down however `body` ends.
    @discardableResult
    public static func withServer<Result>(
        script: MockScript = MockScript(), _ body: (MockResponsesServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(script: script)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Stops accepting, ends held streams and closes every open connection. Safe to call twice.
    public func shutdown() async {
        let channels = state.beginShutdown()
        try? await listener.close().get()
        for channel in channels {
            try? await channel.close().get()
        }
    }

    // MARK: Script

    /// Appends replies to the queue.
    public func enqueue(_ replies: MockReply...) { state.enqueue(replies) }

    /// Appends replies to the queue.
    public func enqueue(contentsOf replies: [MockReply]) { state.enqueue(replies) }

    /// Statuses the next `POST …/envelope/` requests get, in order (200 once they are used up).
    public func enqueueEnvelopeStatuses(_ statuses: Int...) { state.enqueueEnvelopeStatuses(statuses) }

    /// Replies not yet consumed.
    public var pendingReplyCount: Int { state.pendingReplyCount }

    /// Lets streams held at `gate` continue; holds reached later on that gate no longer wait.
    public func release(_ gate: String = "hold") { state.release(gate) }

    /// Waits until at least one stream is paused at `gate`.
    public func waitUntilHeld(_ gate: String = "hold", timeout: Duration = .seconds(10)) async throws {
        let state = state
        try await withTimeout(timeout, waitingFor: "a stream held at gate \"\(gate)\"") {
            try await state.changes.wait { state.heldCount(gate) > 0 ? () : nil }
        }
    }

    // MARK: Requests

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.requests }

    /// Waits until `count` requests (optionally only those whose path ends with `pathSuffix`) have
    /// arrived and returns them.
    public func waitForRequests(count: Int, pathSuffix: String? = nil, timeout: Duration = .seconds(10))
        async throws -> [RecordedRequest]
    {
        let state = state
        let what = "\(count) request(s)" + (pathSuffix.map { " to …\($0)" } ?? "")
        return try await withTimeout(timeout, waitingFor: what) {
            try await state.changes.wait { () -> [RecordedRequest]? in
                let matching = state.requests.filter { request in
                    pathSuffix.map { request.path.hasSuffix($0) } ?? true
                }
                return matching.count >= count ? matching : nil
            }
        }
    }
}

/// The mock server could not start.
public struct MockServerError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "mock server: \(reason)" }
}
