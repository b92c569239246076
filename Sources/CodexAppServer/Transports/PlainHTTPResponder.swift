import NIOCore
import NIOHTTP1

/// Answers the HTTP requests of a WebSocket listener that did not upgrade, as the reference does:
/// `/readyz` and `/healthz` with 200, a request failing `--ws-auth` with 401 and its reason, anything else
/// with 400. Every answer closes the connection.
final class PlainHTTPResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let authenticator: WebSocketAuthenticator?
    private var head: HTTPRequestHead?
    private var answering = false

    init(authenticator: WebSocketAuthenticator?) {
        self.authenticator = authenticator
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            answering = true
            let answer = context.eventLoop.makePromise(of: Answer.self)
            let authenticator = authenticator
            answer.completeWithTask { await Self.answer(to: head, authenticator: authenticator) }
            answer.futureResult.assumeIsolated().whenSuccess { answer in
                self.respond(context: context, status: answer.status, body: answer.body)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A client that stops sending before a whole request is closed; one that sent it still gets the answer.
        if let event = event as? ChannelEvent, event == .inputClosed, !answering { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    struct Answer: Sendable {
        let status: HTTPResponseStatus
        let body: String
    }

    static func answer(to head: HTTPRequestHead, authenticator: WebSocketAuthenticator?) async -> Answer {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        if head.method == .GET, path == "/readyz" || path == "/healthz" { return Answer(status: .ok, body: "") }
        if let authenticator, let reason = await authenticator.rejection(of: head.headers) {
            return Answer(status: .unauthorized, body: reason)
        }
        let connection = head.headers["connection"].joined(separator: ",").lowercased()
        if !connection.contains("upgrade") {
            return Answer(status: .badRequest, body: "Connection header did not include 'upgrade'")
        }
        return Answer(status: .badRequest, body: "not a valid websocket upgrade request")
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
