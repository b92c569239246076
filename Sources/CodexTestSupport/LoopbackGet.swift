import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A minimal HTTP/1.1 GET for `http://127.0.0.1:PORT/...` URLs (the test "browser" of login flows); redirects
/// are not followed.
public enum LoopbackGet {
    /// Returns the status, the `Location` header and the body.
    public static func get(_ url: String) async throws -> LoopbackResponse {
        guard url.hasPrefix("http://") else { throw MockServerError(reason: "not a plain HTTP URL: \(url)") }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let target = slash == rest.endIndex ? "/" : String(rest[slash...])
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]) else {
            throw MockServerError(reason: "no port in \(url)")
        }
        let host = String(authority[..<colon])
        guard host == "127.0.0.1" || host == "localhost" else { throw MockServerError(reason: "not a loopback URL: \(url)") }
        let response = ResponseCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseHandler(collector: response))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: String(authority))
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
        let result = try await withTimeout(.seconds(15), waitingFor: "the response to GET \(url)") {
            try await response.wait()
        }
        try? await channel.close().get()
        return result
    }
}

/// The status, the `Location` header and the body of a response.
public typealias LoopbackResponse = (status: Int, location: String?, body: String)

/// Hands the complete response (or the failure) to the caller once; later outcomes are ignored.
private final class ResponseCollector: Sendable {
    private let state = Mutex<(outcome: Result<LoopbackResponse, any Error>?, waiter: CheckedContinuation<LoopbackResponse, any Error>?)>(
        (nil, nil))

    func finish(_ outcome: Result<LoopbackResponse, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<LoopbackResponse, any Error>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: outcome)
    }

    func wait() async throws -> LoopbackResponse {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<LoopbackResponse, any Error>? in
                if let outcome = state.outcome { return outcome }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

private final class ResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let collector: ResponseCollector
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    init(collector: ResponseCollector) {
        self.collector = collector
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body(var buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            collector.finish(
                .success((Int(head.status.code), head.headers.first(name: "Location"), String(decoding: body, as: UTF8.self))))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        collector.finish(.failure(MockServerError(reason: "the connection closed before the response ended")))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        collector.finish(.failure(error))
        context.close(promise: nil)
    }
}
