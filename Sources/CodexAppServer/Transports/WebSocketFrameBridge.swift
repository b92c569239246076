import CodexProtocol
import NIOCore
import NIOWebSocket

/// The app-server end of one upgraded WebSocket, inside the channel pipeline: each text frame (fragments
/// already joined by `NIOWebSocketFrameAggregator`) becomes one message of `messages`; pings are answered
/// with pongs; a close frame is echoed with its code and ends the messages, as does the socket closing.
final class WebSocketFrameBridge: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// The connection's incoming messages; they end when the socket or the WebSocket closes.
    let messages: AsyncStream<JSONLineReader.Element>
    private let continuation: AsyncStream<JSONLineReader.Element>.Continuation
    private let maxDepth: Int
    private let log: @Sendable (String) -> Void
    private var messageNumber = 0
    private var closeSent = false

    init(maxDepth: Int, log: @escaping @Sendable (String) -> Void) {
        (messages, continuation) = AsyncStream.makeStream()
        self.maxDepth = maxDepth
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            messageNumber += 1
            let bytes = Array(frame.unmaskedData.readableBytesView)
            do {
                continuation.yield(.success(try JSONParser.parse(bytes: bytes, maxDepth: maxDepth)))
            } catch {
                continuation.yield(.failure(MalformedLine(lineNumber: messageNumber, reason: "invalid JSON: \(error)")))
            }
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            var payload = frame.unmaskedData
            let code = payload.readWebSocketErrorCode() ?? .normalClosure
            continuation.finish()
            sendClose(context: context, code: code)
        default:
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client shut down its sending side: no more messages; the connection ends and closes the socket.
        if let event = event as? ChannelEvent, event == .inputClosed { continuation.finish() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        log("websocket error, closing the connection: \(error)")
        continuation.finish()
        sendClose(context: context, code: .protocolError)
    }

    /// Sends a close frame (once), then closes the socket.
    private func sendClose(context: ChannelHandlerContext, code: WebSocketErrorCode) {
        guard !closeSent else { return }
        closeSent = true
        var payload = context.channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: code)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }
}
