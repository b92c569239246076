import NIOCore
import NIOHTTP1

/// Answers the HTTP requests of a WebSocket listener that did not upgrade, as the reference does:
/// `/readyz` and `/healthz` with 200, a request failing `--ws-auth` with 401 and its reason, anything else
/// with 400. Every answer closes the connection.
final class PlainHTTPResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let authenticator: WebSocketAuthenticator?
    private var answer: (status: HTTPResponseStatus, body: String)?

    init(authenticator: WebSocketAuthenticator?) {
        self.authenticator = authenticator
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            answer = Self.answer(to: head, authenticator: authenticator)
        case .body:
            break
        case .end:
            guard let answer else { return }
            self.answer = nil
            respond(context: context, status: answer.status, body: answer.body)
        }
    }

    static func answer(to head: HTTPRequestHead, authenticator: WebSocketAuthenticator?) -> (
        status: HTTPResponseStatus, body: String
    ) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        if head.method == .GET, path == "/readyz" || path == "/healthz" { return (.ok, "") }
        if let authenticator, let reason = authenticator.rejection(of: head.headers) { return (.unauthorized, reason) }
        let connection = head.headers["connection"].joined(separator: ",").lowercased()
        if !connection.contains("upgrade") { return (.badRequest, "Connection header did not include 'upgrade'") }
        return (.badRequest, "not a valid websocket upgrade request")
    }

    private func respond(context: ChannelHandlerContext, status: HTTPResponseStatus, body: String) {
        var headers = HTTPHeaders()
        if !body.isEmpty { headers.add(name: "content-type", value: "text/plain; charset=utf-8") }
        headers.add(name: "content-length", value: String(body.utf8.count))
        headers.add(name: "connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
