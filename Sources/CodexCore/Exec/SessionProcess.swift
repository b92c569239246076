import CSandbox
import Dispatch
import Glibc
import Synchronization

/// What to start for an interactive process (an exec session, a streaming `command/exec`).
public struct SessionProcessLaunch: Sendable, Hashable {
    /// Program path (or a name looked up in PATH).
    public var executable: String
    /// The full argv, argv[0] included.
    public var argv: [String]
    public var cwd: String
    public var environment: [String: String]
    /// A pseudo-terminal (stdin stays open for writes, all output on `.stdout`) instead of pipes.
    public var tty: Bool
    /// The terminal's initial size; nil means 24x80. Only for `tty`.
    public var size: TerminalSize?
    /// With pipes: stderr read apart as `.stderr` instead of sharing stdout's pipe.
    public var separateStderr: Bool
    /// With pipes: stdin is a pipe `write` feeds instead of /dev/null.
    public var stdinPipe: Bool
    /// Stop reading a stream while this many of its bytes wait to be drained (the writer then blocks),
    /// instead of keeping only the head and tail of what arrived.
    public var pauseWhenPendingFull: Bool

    public init(
        executable: String, argv: [String], cwd: String, environment: [String: String], tty: Bool,
        size: TerminalSize? = nil, separateStderr: Bool = false, stdinPipe: Bool = false,
        pauseWhenPendingFull: Bool = false
    ) {
        self.executable = executable
        self.argv = argv
        self.cwd = cwd
        self.environment = environment
        self.tty = tty
        self.size = size
        self.separateStderr = separateStderr
        self.stdinPipe = stdinPipe
        self.pauseWhenPendingFull = pauseWhenPendingFull
    }
}

/// A pseudo-terminal size in character cells.
public struct TerminalSize: Sendable, Hashable {
    public var rows: UInt16
    public var cols: UInt16

    public init(rows: UInt16, cols: UInt16) {
        self.rows = rows
        self.cols = cols
    }
}

/// Which output of a session process a chunk came from; a terminal or merged pipes give only `.stdout`.
public enum SessionOutputStream: Int, Sendable, Hashable, CaseIterable {
    case stdout = 0
    case stderr = 1
}

/// Why a session process could not be started, written to or resized.
public struct SessionProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    /// The errno behind it, when there is one.
    public var errno: Int32?

    public init(description: String, errno: Int32? = nil) {
        self.description = description
        self.errno = errno
    }
}

/// One running process in its own process group, on a pseudo-terminal or pipes.
///
/// Output is read as it arrives (by Dispatch read sources, so a chatty process never blocks on a
/// full pipe unless `pauseWhenPendingFull` asks for that) into pending buffers that callers drain;
/// the exit is noticed through a pidfd. `changes` yields whenever output arrived or the process
/// ended. When the main process exits, whatever is left in its process group is killed.
/// `terminate()` kills the whole group.
public final class SessionProcess: Sendable {
    /// Bytes of not-yet-returned output kept (head and tail) between two drains, per stream.
    public static let pendingLimit = 1 << 20
    /// Bytes of the whole transcript kept (head and tail) for the command item.
    static let transcriptLimit = 1 << 20

    public let pid: Int32
    public let tty: Bool
    /// Yields (coalesced) when output arrived, a stream ended or the process exited.
    public let changes: AsyncStream<Void>
    private let io: ProcessIO

    /// Starts the process. - Throws: `SessionProcessError` when it cannot be started.
    public init(_ launch: SessionProcessLaunch) throws(SessionProcessError) {
        guard !launch.argv.isEmpty else { throw SessionProcessError(description: "missing command line") }
        let environment = launch.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var outputFD: Int32 = -1
        var errorFD: Int32 = -1
        var inputFD: Int32 = -1
        let separateStderr = launch.separateStderr && !launch.tty
        let stdinPipe = launch.stdinPipe && !launch.tty
        let result = withCStringArray(launch.argv) { argv in
            withCStringArray(environment) { envp in
                withUnsafeMutablePointer(to: &errorFD) { errorPointer in
                    withUnsafeMutablePointer(to: &inputFD) { inputPointer in
                        csb_spawn_session(
                            launch.executable, argv, envp, launch.cwd, launch.tty ? 1 : 0, launch.size?.rows ?? 0,
                            launch.size?.cols ?? 0, &outputFD, separateStderr ? errorPointer : nil,
                            stdinPipe ? inputPointer : nil)
                    }
                }
            }
        }
        guard result > 0 else {
            throw SessionProcessError(
                description: "\(launch.executable): \(String(cString: strerror(-result)))", errno: -result)
        }
        pid = result
        tty = launch.tty
        let (changes, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.changes = changes
        io = ProcessIO(
            pid: result, outputFD: outputFD, errorFD: separateStderr ? errorFD : nil,
            inputFD: launch.tty ? outputFD : (stdinPipe ? inputFD : nil), pauseWhenPendingFull: launch.pauseWhenPendingFull,
            signal: signal)
        io.start()
    }

    /// The exit code once the main process ended (128+N for signal N).
    public var exitCode: Int32? { io.state.withLock { $0.exitCode } }
    /// True once the process exited and its output was read to the end (or stopped waiting).
    public var isFinished: Bool { io.state.withLock { $0.exitCode != nil && $0.streams.allSatisfy(\.closed) } }

    /// Takes the output of `stream` that arrived since the last call.
    public func drainPending(_ stream: SessionOutputStream = .stdout) -> [UInt8] {
        io.drain(stream.rawValue)
    }

    /// The whole output so far (head and tail kept), every stream together, for the command item.
    public var transcript: [UInt8] { io.state.withLock { $0.transcript.bytes } }

    /// Writes `bytes` to the terminal or stdin pipe. - Throws: when the process has no stdin or it is closed.
    public func write(_ bytes: [UInt8]) async throws(SessionProcessError) {
        var offset = 0
        while offset < bytes.count {
            let written: Int = io.state.withLock { state in
                guard let fd = io.inputFD, !state.inputClosed else { return -Int(EBADF) }
                let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                return count >= 0 ? count : -Int(errno)
            }
            if written >= 0 {
                offset += written
            } else if written == -Int(EAGAIN) || written == -Int(EINTR) {
                do { try await Task.sleep(for: .milliseconds(5)) } catch {
                    throw SessionProcessError(description: "cancelled")
                }
            } else {
                throw SessionProcessError(description: "failed to write to stdin", errno: Int32(-written))
            }
        }
    }

    /// Closes stdin: a pipe is closed (the process reads end of file); on a terminal, later writes fail.
    public func closeStdin() {
        io.closeInput()
    }

    /// Sets the terminal's size. - Throws: when the process has no terminal or it is gone.
    public func resize(_ size: TerminalSize) throws(SessionProcessError) {
        guard tty else { throw SessionProcessError(description: "process is not attached to a PTY") }
        let result: Int32 = io.state.withLock { state in
            guard !state.streams[0].closed else { return -EBADF }
            return csb_set_window_size(io.outputFD, size.rows, size.cols)
        }
        if result < 0 { throw SessionProcessError(description: String(cString: strerror(-result)), errno: -result) }
    }

    /// Kills the process group (SIGKILL); the output and exit are then collected as usual.
    public func terminate() {
        _ = kill(-pid, SIGKILL)
        io.stopPausing()
    }
}

/// The process's descriptors and what was read from them; Dispatch handlers and callers share it.
///
/// `@unchecked Sendable`: the mutable state is behind `state`'s lock; the Dispatch sources are
/// thread-safe objects, set once in `init` and only resumed, suspended and cancelled through their
/// own API (suspension is tracked in `state` so it stays balanced).
private final class ProcessIO: @unchecked Sendable {
    struct Stream: Sendable {
        var pending = HeadTailBytes(capacity: SessionProcess.pendingLimit)
        var closed = false
        var paused = false
    }

    struct State: Sendable {
        var streams: [Stream]
        var transcript = HeadTailBytes(capacity: SessionProcess.transcriptLimit)
        var exitCode: Int32?
        var inputClosed = false
        /// Set once the process is gone or killed: reads are never paused again, so every source ends.
        var neverPause = false
    }

    let pid: Int32
    let outputFD: Int32
    /// Where writes go: the terminal's master, a stdin pipe, or nothing.
    let inputFD: Int32?
    let state: Mutex<State>
    private let pauseWhenPendingFull: Bool
    private let signal: AsyncStream<Void>.Continuation
    private let queue: DispatchQueue
    /// One read source per output stream (stdout, then stderr when read apart).
    private let sources: [any DispatchSourceRead]
    private let descriptors: [Int32]
    /// Fires when the process exits: a read source on its pidfd, or a 50 ms timer without pidfd.
    private let exitSource: any DispatchSourceProtocol
    private let pidfd: Int32

    init(
        pid: Int32, outputFD: Int32, errorFD: Int32?, inputFD: Int32?, pauseWhenPendingFull: Bool,
        signal: AsyncStream<Void>.Continuation
    ) {
        self.pid = pid
        self.outputFD = outputFD
        self.inputFD = inputFD
        self.pauseWhenPendingFull = pauseWhenPendingFull
        self.signal = signal
        let queue = DispatchQueue(label: "codex.session-process.io")
        self.queue = queue
        let descriptors = [outputFD] + (errorFD.map { [$0] } ?? [])
        self.descriptors = descriptors
        state = Mutex(State(streams: [Stream(), Stream(closed: errorFD == nil)]))
        sources = descriptors.map { DispatchSource.makeReadSource(fileDescriptor: $0, queue: queue) }
        pidfd = csb_pidfd_open(pid)
        if pidfd >= 0 {
            exitSource = DispatchSource.makeReadSource(fileDescriptor: pidfd, queue: queue)
        } else {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + .milliseconds(50), repeating: .milliseconds(50))
            exitSource = timer
        }
    }

    func start() {
        for (index, source) in sources.enumerated() {
            let fd = descriptors[index]
            source.setEventHandler { [self] in readAvailable(index) }
            source.setCancelHandler { [self] in
                state.withLock { state in
                    state.streams[index].closed = true
                    // The terminal's master is also stdin: it is closed here, once.
                    if index == 0, inputFD == outputFD { state.inputClosed = true }
                }
                _ = close(fd)
                signal.yield()
            }
        }
        exitSource.setEventHandler { [self] in
            if reap() { exitSource.cancel() }
        }
        exitSource.setCancelHandler { [self] in
            if pidfd >= 0 { _ = close(pidfd) }
        }
        exitSource.resume()
        for source in sources { source.resume() }
    }

    /// Takes stream `index`'s pending bytes, resuming its reads if they were paused.
    func drain(_ index: Int) -> [UInt8] {
        let (bytes, resume) = state.withLock { state -> ([UInt8], Bool) in
            guard state.streams.indices.contains(index) else { return ([], false) }
            let bytes = state.streams[index].pending.bytes
            state.streams[index].pending = HeadTailBytes(capacity: SessionProcess.pendingLimit)
            let resume = state.streams[index].paused
            state.streams[index].paused = false
            return (bytes, resume)
        }
        if resume, sources.indices.contains(index) { sources[index].resume() }
        return bytes
    }

    /// Resumes paused reads for good, so every stream reads to its end even when nobody drains it.
    func stopPausing() {
        let paused = state.withLock { state -> [Int] in
            state.neverPause = true
            let paused = state.streams.indices.filter { state.streams[$0].paused }
            for index in paused { state.streams[index].paused = false }
            return paused
        }
        for index in paused where sources.indices.contains(index) { sources[index].resume() }
    }

    /// Closes a stdin pipe; for a terminal only marks stdin closed (the master still carries output).
    func closeInput() {
        state.withLock { state in
            guard let inputFD, !state.inputClosed else { return }
            state.inputClosed = true
            if inputFD != outputFD { _ = close(inputFD) }
        }
    }

    /// Reads everything available; on end of output (EOF, or EIO from a terminal whose last
    /// holder closed it) stops reading. With `pauseWhenPendingFull`, suspends the source once the
    /// pending bytes reach the limit.
    private func readAvailable(_ index: Int) {
        let fd = descriptors[index]
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                let chunk = buffer[..<count]
                let pause = state.withLock { state -> Bool in
                    state.streams[index].pending.append(chunk)
                    state.transcript.append(chunk)
                    guard pauseWhenPendingFull, !state.neverPause,
                        state.streams[index].pending.totalBytes >= SessionProcess.pendingLimit
                    else { return false }
                    // Suspended under the lock that `paused` is read under: `drain` and `stopPausing` resume a
                    // source only after they see `paused`, so a resume can never come before this suspend
                    // (an unbalanced resume is fatal in libdispatch).
                    state.streams[index].paused = true
                    sources[index].suspend()
                    return true
                }
                signal.yield()
                if pause { return }
                continue
            }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN { return }
            sources[index].cancel()
            return
        }
    }

    /// Reaps the main process if it ended; true when it did. Then kills what is left in its group.
    private func reap() -> Bool {
        guard let code = ChildExit.reapIfExited(pid) else { return false }
        _ = kill(-pid, SIGKILL)
        let closeInput = state.withLock { state -> Bool in
            state.exitCode = code
            guard let inputFD, inputFD != outputFD, !state.inputClosed else { return false }
            state.inputClosed = true
            return true
        }
        if closeInput, let inputFD { _ = close(inputFD) }
        stopPausing()
        signal.yield()
        return true
    }
}
