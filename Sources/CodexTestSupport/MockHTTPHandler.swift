import CodexProtocol
import NIOCore
import NIOHTTP1

/// Serves one connection of the mock server: records each request and plays the reply the shared
/// state picks, writing and flushing stream events one at a time.
final class MockHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: MockServerState
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(state: MockServerState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            let request = RecordedRequest(
                method: head.method.rawValue, uri: head.uri,
                headers: head.headers.map { HTTPHeader($0.name, $0.value) }, bodyBytes: body)
            body = []
            respond(context: context, reply: state.reply(to: request), requestHead: head)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: Writing replies

    private func respond(context: ChannelHandlerContext, reply: MockReply, requestHead: HTTPRequestHead) {
        let keepAlive = requestHead.isKeepAlive
        var headers = HTTPHeaders()
        switch reply.body {
        case .plain(let status, let contentType, let text):
            headers.add(name: "content-type", value: contentType)
            headers.add(name: "content-length", value: String(text.utf8.count))
            headers.add(name: "connection", value: keepAlive ? "keep-alive" : "close")
            for header in reply.headers { headers.add(name: header.name, value: header.value) }
            let responseHead = HTTPResponseHead(
                version: requestHead.version, status: HTTPResponseStatus(statusCode: status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
            finish(context: context, keepAlive: keepAlive)
        case .eventStream(let events):
            headers.add(name: "content-type", value: "text/event-stream")
            headers.add(name: "cache-control", value: "no-cache")
            headers.add(name: "connection", value: keepAlive ? "keep-alive" : "close")
            for header in reply.headers { headers.add(name: header.name, value: header.value) }
            let responseHead = HTTPResponseHead(version: requestHead.version, status: .ok, headers: headers)
            context.writeAndFlush(wrapOutboundOut(.head(responseHead)), promise: nil)
            let run = StreamRun(events: events, reply: reply, keepAlive: keepAlive)
            advance(context: context, run: run, index: 0, passedHold: false, delayed: false)
        }
    }

    /// Where a stream reply stands; passed along instead of stored so each connection stays simple.
    private struct StreamRun {
        let events: [MockSSEEvent]
        let reply: MockReply
        let keepAlive: Bool
    }

    /// Writes events from `index` on, stopping to hold, to wait `eventDelay`, or to cut the connection.
    private func advance(context: ChannelHandlerContext, run: StreamRun, index: Int, passedHold: Bool, delayed: Bool) {
        var index = index
        var passedHold = passedHold
        var delayed = delayed
        // Events are flushed in groups of `flushEvery`, and before any pause: a flush per event costs the mock
        // a system call per delta, and a 5,000-delta reply was then paced by the mock, not by the client.
        var unflushed = 0
        defer { if unflushed > 0 { context.flush() } }
        while context.channel.isActive {
            if let hold = run.reply.hold, hold.afterEvents == index, !passedHold {
                if unflushed > 0 {
                    context.flush()
                    unflushed = 0
                }
                let promise = context.eventLoop.makePromise(of: Void.self)
                state.waitForGate(hold.gate, promise: promise)
                promise.futureResult.assumeIsolated().whenComplete { result in
                    switch result {
                    case .success:
                        self.advance(context: context, run: run, index: index, passedHold: true, delayed: false)
                    case .failure:
                        context.close(promise: nil)
                    }
                }
                return
            }
            passedHold = false
            if let cut = run.reply.cutAfterEvents, cut <= index {
                context.flush()
                unflushed = 0
                context.close(promise: nil)
                return
            }
            guard index < run.events.count else {
                finish(context: context, keepAlive: run.keepAlive)
                return
            }
            if run.reply.eventDelay > .zero, !delayed {
                if unflushed > 0 {
                    context.flush()
                    unflushed = 0
                }
                let resumeIndex = index
                context.eventLoop.assumeIsolated().scheduleTask(in: Self.timeAmount(run.reply.eventDelay)) {
                    self.advance(context: context, run: run, index: resumeIndex, passedHold: true, delayed: true)
                }
                return
            }
            delayed = false
            let buffer = context.channel.allocator.buffer(string: run.events[index].wireText)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            unflushed += 1
            if unflushed == Self.flushEvery {
                context.flush()
                unflushed = 0
            }
            index += 1
        }
    }

    private func finish(context: ChannelHandlerContext, keepAlive: Bool) {
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Events written per flush while nothing pauses the reply.
    static let flushEvery = 32

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
