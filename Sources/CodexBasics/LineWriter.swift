import Dispatch
import Synchronization

/// Writes whole lines to a file descriptor in call order. Blocking writes run on a private serial queue,
/// never on the cooperative pool. After a failed write (the reader went away) later lines are dropped.
///
/// A caller does not wait for its own line to reach the descriptor: lines are queued, and the queue writes
/// everything queued so far with one write(2). A turn streaming thousands of deltas therefore costs a few
/// large writes, not a thread hand-off and a system call per delta. Memory stays bounded: a caller waits
/// while more than `highWater` bytes are queued (a client that stopped reading), until the queue drains
/// below `lowWater`. `flush()` waits until everything queued has been written.
public final class LineWriter: Sendable {
    private struct State {
        var pending: [UInt8] = []
        var draining = false
        var failedErrno: Int32?
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let fileDescriptor: Int32
    private let queue = DispatchQueue(label: "codex.line-writer")
    private let state = Mutex(State())
    private let highWater: Int
    private let lowWater: Int

    public init(fileDescriptor: Int32, highWater: Int = 8 << 20) {
        self.fileDescriptor = fileDescriptor
        self.highWater = highWater
        self.lowWater = highWater / 2
    }

    /// The errno of the first failed write, if any.
    public var failedErrno: Int32? { state.withLock { $0.failedErrno } }

    /// Queues `line` (which must end in `\n`); returns false when the output is already known to be broken.
    /// Completes even if the calling task is cancelled, so no line is ever cut short.
    @discardableResult
    public nonisolated(nonsending) func write(_ line: String) async -> Bool {
        await write(lineBytes: Array(line.utf8))
    }

    /// `write` for a line already in UTF-8 (which must end in `\n`): the hot path of notifications, which are
    /// serialized straight to bytes.
    @discardableResult
    public nonisolated(nonsending) func write(lineBytes line: [UInt8]) async -> Bool {
        let (accepted, startDrain, mustWait) = state.withLock { state -> (Bool, Bool, Bool) in
            guard state.failedErrno == nil else { return (false, false, false) }
            state.pending.append(contentsOf: line)
            let start = !state.draining
            state.draining = true
            return (true, start, state.pending.count > highWater)
        }
        if startDrain { queue.async { self.drain() } }
        if mustWait {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = state.withLock { state -> Bool in
                    guard state.failedErrno == nil, state.pending.count > lowWater else { return false }
                    state.roomWaiters.append(continuation)
                    return true
                }
                if !waiting { continuation.resume() }
            }
        }
        return accepted
    }

    /// Waits until every line queued so far has been written (or the output broke).
    public func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = state.withLock { state -> Bool in
                guard state.draining else { return false }
                state.idleWaiters.append(continuation)
                return true
            }
            if !waiting { continuation.resume() }
        }
    }

    /// Runs on `queue`: writes what is queued, batch after batch, until the queue is empty.
    private func drain() {
        while true {
            enum Step {
                case write([UInt8])
                case done([CheckedContinuation<Void, Never>])
            }
            let step = state.withLock { state -> Step in
                guard !state.pending.isEmpty, state.failedErrno == nil else {
                    state.pending = []
                    state.draining = false
                    defer {
                        state.roomWaiters = []
                        state.idleWaiters = []
                    }
                    return .done(state.roomWaiters + state.idleWaiters)
                }
                defer { state.pending = [] }
                return .write(state.pending)
            }
            guard case .write(let batch) = step else {
                if case .done(let waiters) = step { for waiter in waiters { waiter.resume() } }
                return
            }
            let failure = writeAll(batch)
            let released = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                if let failure { state.failedErrno = state.failedErrno ?? failure }
                guard state.failedErrno != nil || state.pending.count <= lowWater else { return [] }
                defer { state.roomWaiters = [] }
                return state.roomWaiters
            }
            for waiter in released { waiter.resume() }
        }
    }

    /// One write(2), repeated only for a partial write or EINTR; the errno on failure.
    private func writeAll(_ bytes: [UInt8]) -> Int32? {
        do {
            try FileDescriptorIO.writeAll(bytes, to: fileDescriptor)
            return nil
        } catch {
            return error.errno
        }
    }
}
