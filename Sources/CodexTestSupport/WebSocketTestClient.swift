import NIOCore
import NIOHTTP1
import NIOPosix
public import NIOWebSocket

/// A WebSocket client for tests (NIOWebSocket): connects over TCP or a Unix socket, sends masked text
/// frames, and hands out the server's text frames one by one; pongs and the close code are recorded.
public final class WebSocketTestClient: Sendable {
    /// Where the server listens.
    public enum Endpoint: Sendable {
        case tcp(host: String, port: Int)
        case unixSocket(path: String)
    }

    /// The upgrade was refused; `response` is what the server answered instead (status line first).
    public struct NotUpgraded: Error, Sendable, CustomStringConvertible {
        public let response: String
        public var description: String { "the server did not upgrade: \(response)" }
    }

    private let channel: any Channel
    private let collector: FrameCollector

    private init(channel: any Channel, collector: FrameCollector) {
        self.channel = channel
        self.collector = collector
    }

    /// Connects and upgrades, with `headers` (say `Authorization`) on the upgrade request.
    public static func connect(
        _ endpoint: Endpoint, headers: [(String, String)] = [], timeout: Duration = .seconds(10)
    ) async throws -> WebSocketTestClient {
        let requestHeaders = HTTPHeaders(headers + [("Host", "localhost")])
        let initializer: @Sendable (any Channel) -> EventLoopFuture<EventLoopFuture<Upgrade>> = { channel in
            channel.eventLoop.makeCompletedFuture {
                let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade>(
                    maxFrameSize: 1 << 24,
                    upgradePipelineHandler: { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            let collector = FrameCollector()
                            try channel.pipeline.syncOperations.addHandler(
                                NIOWebSocketFrameAggregator(
                                    minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16,
                                    maxAccumulatedFrameSize: 1 << 24))
                            try channel.pipeline.syncOperations.addHandler(collector)
                            return Upgrade.upgraded(channel, collector)
                        }
                    })
                let configuration = NIOTypedHTTPClientUpgradeConfiguration(
                    upgradeRequestHead: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: requestHeaders),
                    upgraders: [upgrader],
                    notUpgradingCompletionHandler: { channel in channel.eventLoop.makeSucceededFuture(.notUpgraded) })
                return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                    configuration: .init(upgradeConfiguration: configuration))
            }
        }
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(Int64(timeout.components.seconds)))
        let upgrade: EventLoopFuture<Upgrade>
        switch endpoint {
        case .tcp(let host, let port):
            upgrade = try await bootstrap.connect(host: host, port: port, channelInitializer: initializer)
        case .unixSocket(let path):
            upgrade = try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initializer)
        }
        let result = try await withTimeout(timeout, waitingFor: "the websocket upgrade") { try await upgrade.get() }
        switch result {
        case .upgraded(let channel, let collector):
            return WebSocketTestClient(channel: channel, collector: collector)
        case .notUpgraded:
            throw NotUpgraded(response: "the server answered the upgrade request without upgrading")
        }
    }

    /// Sends one text frame.
    public func send(text: String) async throws {
        try await send(opcode: .text, payload: Array(text.utf8))
    }

    /// Sends one frame of any kind (masked, as a client must).
    public func send(opcode: WebSocketOpcode, payload: [UInt8]) async throws {
        let frame = WebSocketFrame(
            fin: true, opcode: opcode, maskKey: .random(), data: channel.allocator.buffer(bytes: payload))
        try await channel.writeAndFlush(frame)
    }

    /// The next text frame from the server; nil once the connection closed.
    public func nextText(timeout: Duration = .seconds(20)) async throws -> String? {
        let texts = collector.texts
        return try await withTimeout(timeout, waitingFor: "a websocket text frame") { try await texts.nextLine() }
    }

    /// The next control event: `pong:<payload>` or `close:<code>`; nil once the connection closed.
    public func nextControl(timeout: Duration = .seconds(10)) async throws -> String? {
        let controls = collector.controls
        return try await withTimeout(timeout, waitingFor: "a websocket control frame") { try await controls.nextLine() }
    }

    /// Sends a close frame with `code` and closes the socket.
    public func close(code: WebSocketErrorCode = .normalClosure) async {
        var payload = channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: code)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: payload)
        do {
            try await channel.writeAndFlush(frame)
            try await channel.close()
        } catch {
            // The server may have closed first; either way the socket is gone.
        }
    }

    /// Stops reading from the socket (a client that hung): the server's frames pile up in its buffers.
    public func stopReading() async throws {
        try await channel.setOption(ChannelOptions.autoRead, value: false).get()
    }

    /// Closes the socket without a close frame (a client that vanished).
    public func abort() async {
        channel.close(promise: nil)
        try? await channel.closeFuture.get()
    }

    enum Upgrade: Sendable {
        case upgraded(any Channel, FrameCollector)
        case notUpgraded
    }
}

/// Collects the server's frames inside the client's pipeline.
final class FrameCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = WebSocketFrame

    /// Text frames, one per line (serialized JSON holds no raw newline).
    let texts = OutputCollector()
    /// `pong:<payload>` and `close:<code>` lines.
    let controls = OutputCollector()
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            texts.append(Array(frame.unmaskedData.readableBytesView) + [0x0A])
        case .pong:
            controls.append(Array("pong:".utf8) + Array(frame.unmaskedData.readableBytesView) + [0x0A])
        case .connectionClose:
            var payload = frame.unmaskedData
            let code = payload.readWebSocketErrorCode().map { "\(UInt16(webSocketErrorCode: $0))" } ?? "none"
            controls.append(Array("close:\(code)\n".utf8))
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        texts.finish()
        controls.finish()
        context.fireChannelInactive()
    }
}
