import NIOCore
import NIOHTTP1
import NIOPosix

/// A request the loopback server received: method, path and decoded query.
public struct LoopbackRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [(String, String)]

    public init(method: String, path: String, query: [(String, String)]) {
        self.method = method
        self.path = path
        self.query = query
    }

    /// The first value of a query parameter.
    public func parameter(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
}

/// What the loopback server answers.
public struct LoopbackResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: String
    /// Runs once the response has been written (e.g. ending the login only after the page went out).
    public var afterWrite: (@Sendable () -> Void)?

    public init(
        status: Int, headers: [(String, String)] = [("Content-Type", "text/plain; charset=utf-8")], body: String,
        afterWrite: (@Sendable () -> Void)? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.afterWrite = afterWrite
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 (never another interface) for the OAuth callback: every
/// request is answered by `handler`, one response per connection. Used by the ChatGPT login and the MCP OAuth login.
public final class LoopbackHTTPServer: Sendable {
    public let port: Int
    private let listener: any Channel

    private init(port: Int, listener: any Channel) {
        self.port = port
        self.listener = listener
    }

    /// Binds `127.0.0.1:port` (0: any free port); throws when the port is taken.
    public static func bind(
        port: Int, handler: @escaping @Sendable (LoopbackRequest) async -> LoopbackResponse
    ) async throws -> LoopbackHTTPServer {
        // SO_REUSEADDR lets a new login bind while the last one's closed connections sit in TIME_WAIT;
        // on Linux it never lets two servers listen on the same port.
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(LoopbackHTTPHandler(handler: handler))
                }
            }
        let listener = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        guard let bound = listener.localAddress?.port else {
            try await listener.close().get()
            throw LoginError.other("the login server's socket has no port")
        }
        return LoopbackHTTPServer(port: bound, listener: listener)
    }

    /// Stops listening (connections in flight finish their one response).
    public func close() async {
        do {
            try await listener.close().get()
        } catch {
            // Already closed.
        }
    }
}

/// Collects one request, asks the handler, writes the response and closes the connection.
private final class LoopbackHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: @Sendable (LoopbackRequest) async -> LoopbackResponse
    private var head: HTTPRequestHead?

    init(handler: @escaping @Sendable (LoopbackRequest) async -> LoopbackResponse) {
        self.handler = handler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let uri = Substring(head.uri)
            let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let request = LoopbackRequest(
                method: head.method.rawValue, path: String(path[0]),
                query: path.count > 1 ? FormEncoding.decode(path[1]) : [])
            let promise = context.eventLoop.makePromise(of: LoopbackResponse.self)
            let handler = self.handler
            promise.completeWithTask { await handler(request) }
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            promise.futureResult.whenSuccess { response in
                let (handler, context) = loopBound.value
                handler.write(response, version: head.version, context: context)
            }
        }
    }

    private func write(_ response: LoopbackResponse, version: HTTPVersion, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.utf8.count))
        headers.replaceOrAdd(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: response.body)))), promise: nil)
        let channel = context.channel
        let afterWrite = response.afterWrite
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(promise: nil)
            afterWrite?()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
