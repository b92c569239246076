import NIOCore
import NIOWebSocket
import Synchronization

/// Sends each outgoing message of one WebSocket connection as one text frame, without ever waiting on the
/// client: frames are handed to the channel, and the bytes not yet taken by the socket are counted. A client
/// that lets more than `limit` bytes pile up (it stopped reading) is disconnected with a logged reason,
/// so a stalled client costs bounded memory and never holds up the threads and clients it shares.
final class WebSocketMessageWriter: ConnectionOutput {
    private struct State {
        var queuedBytes = 0
        var broken = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let channel: any Channel
    private let limit: Int
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())

    init(channel: any Channel, limit: Int, log: @escaping @Sendable (String) -> Void) {
        self.channel = channel
        self.limit = limit
        self.log = log
    }

    nonisolated(nonsending) func write(lineBytes: [UInt8]) async -> Bool {
        send(lineBytes)
    }

    /// The synchronous body of `write`: one frame queued, or false when the connection is broken.
    private func send(_ line: [UInt8]) -> Bool {
        let size = line.last == 0x0A ? line.count - 1 : line.count
        enum Admission { case send, refuse, overflow(Int) }
        let admission = state.withLock { state -> Admission in
            guard !state.broken else { return .refuse }
            state.queuedBytes += size
            guard state.queuedBytes <= limit else {
                state.broken = true
                return .overflow(state.queuedBytes)
            }
            return .send
        }
        switch admission {
        case .refuse:
            return false
        case .overflow(let queued):
            log("disconnecting a client that stopped reading: \(queued) bytes queued (limit \(limit))")
            channel.close(promise: nil)
            wakeIdleWaiters()
            return false
        case .send:
            break
        }
        let frame = WebSocketFrame(
            fin: true, opcode: .text, data: channel.allocator.buffer(bytes: line[0..<size]))
        channel.writeAndFlush(frame).whenComplete { result in
            let waiters = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.queuedBytes -= size
                if case .failure = result { state.broken = true }
                guard state.queuedBytes == 0 || state.broken else { return [] }
                defer { state.idleWaiters = [] }
                return state.idleWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
        return true
    }

    func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = state.withLock { state -> Bool in
                guard state.queuedBytes > 0, !state.broken else { return false }
                state.idleWaiters.append(continuation)
                return true
            }
            if !waiting { continuation.resume() }
        }
    }

    /// Sends a close frame with `code` after everything queued, then closes the socket (once the client
    /// echoed the close, or at once when it cannot).
    func close(code: WebSocketErrorCode) async {
        await flush()
        let alreadyBroken = state.withLock { state in
            defer { state.broken = true }
            return state.broken
        }
        guard !alreadyBroken, channel.isActive else {
            try? await channel.close()
            return
        }
        var payload = channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: code)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        try? await channel.writeAndFlush(frame)
        try? await channel.close()
    }

    private func wakeIdleWaiters() {
        let waiters = state.withLock { state in
            defer { state.idleWaiters = [] }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
