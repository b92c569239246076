import NIOCore
import NIOPosix

/// Sends one raw HTTP/1.1 request to a test server and returns everything it answered until it closed
/// the connection (the status line first): for answers a client library would hide, such as a 401
/// before a WebSocket upgrade.
public enum HTTPProbe {
    /// Sends `GET path` with `headers` to `host:port`; the answer as text.
    public static func get(
        host: String, port: Int, path: String = "/", headers: [(String, String)] = [], timeout: Duration = .seconds(10)
    ) async throws -> String {
        var request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let collector = OutputCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(Int64(timeout.components.seconds)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteCollector(collector: collector))
                }
            }
            .connect(host: host, port: port).get()
        try await channel.writeAndFlush(channel.allocator.buffer(string: request))
        do {
            try await withTimeout(timeout, waitingFor: "the HTTP answer") { try await collector.waitForEnd() }
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return collector.text
    }

    /// The upgrade request headers of a WebSocket client, plus `extra`.
    public static func upgradeHeaders(_ extra: [(String, String)] = []) -> [(String, String)] {
        [
            ("Connection", "Upgrade"), ("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ] + extra
    }
}

/// Appends every received byte to a collector; ends it when the connection closes.
private final class ByteCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let collector: OutputCollector

    init(collector: OutputCollector) {
        self.collector = collector
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        collector.append(Array(unwrapInboundIn(data).readableBytesView))
    }

    func channelInactive(context: ChannelHandlerContext) {
        collector.finish()
        context.fireChannelInactive()
    }
}
