import CSandbox
import Dispatch
import Glibc
import Synchronization

/// What to start for an exec session.
struct UnifiedExecLaunch: Sendable, Hashable {
    /// Program path (or a name looked up in PATH).
    var executable: String
    /// The full argv, argv[0] included.
    var argv: [String]
    var cwd: String
    var environment: [String: String]
    /// A pseudo-terminal (stdin stays open for `write_stdin`) instead of pipes (stdin is /dev/null).
    var tty: Bool
}

/// Why an exec session could not be started or written to.
struct UnifiedExecProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    var description: String
}

/// One running exec-session process in its own process group, on a pseudo-terminal or pipes.
///
/// Output is read as it arrives (by a Dispatch read source, so a chatty process never blocks on
/// a full pipe) into a pending buffer the tool calls drain; the exit is noticed through a pidfd.
/// When the main process exits, whatever is left in its process group is killed, as for
/// `shell_command`. `terminate()` kills the whole group.
final class UnifiedExecProcess: Sendable {
    /// Bytes of not-yet-returned output kept (head and tail) between two calls.
    static let pendingLimit = 1 << 20
    /// Bytes of the whole transcript kept (head and tail) for the command item.
    static let transcriptLimit = 1 << 20

    let pid: Int32
    let tty: Bool
    private let io: ProcessIO

    /// Starts the process. - Throws: `UnifiedExecProcessError` when it cannot be started.
    init(_ launch: UnifiedExecLaunch) throws(UnifiedExecProcessError) {
        guard !launch.argv.isEmpty else { throw UnifiedExecProcessError(description: "missing command line") }
        let environment = launch.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var outputFD: Int32 = -1
        let result = withCStringArray(launch.argv) { argv in
            withCStringArray(environment) { envp in
                csb_spawn_session(launch.executable, argv, envp, launch.cwd, launch.tty ? 1 : 0, 0, 0, &outputFD, nil, nil)
            }
        }
        guard result > 0 else {
            throw UnifiedExecProcessError(description: "\(launch.executable): \(String(cString: strerror(-result)))")
        }
        pid = result
        tty = launch.tty
        io = ProcessIO(pid: result, fd: outputFD)
        io.start()
    }

    /// The exit code once the main process ended (128+N for signal N).
    var exitCode: Int32? { io.state.withLock { $0.exitCode } }
    /// True once the process exited and its output was read to the end (or stopped waiting).
    var isFinished: Bool { io.state.withLock { $0.exitCode != nil && $0.outputClosed } }

    /// Takes the output that arrived since the last call.
    func drainPending() -> [UInt8] {
        io.state.withLock { state in
            let bytes = state.pending.bytes
            state.pending = HeadTailBytes(capacity: Self.pendingLimit)
            return bytes
        }
    }

    /// The whole output so far (head and tail kept), for the command item.
    var transcript: [UInt8] { io.state.withLock { $0.transcript.bytes } }

    /// Writes `bytes` to the terminal. - Throws: when the session has no stdin or is gone.
    func write(_ bytes: [UInt8]) async throws(UnifiedExecProcessError) {
        var offset = 0
        while offset < bytes.count {
            let written: Int = io.state.withLock { state in
                guard !state.descriptorClosed else { return -Int(EBADF) }
                let count = bytes[offset...].withUnsafeBytes { Glibc.write(io.fd, $0.baseAddress, $0.count) }
                return count >= 0 ? count : -Int(errno)
            }
            if written >= 0 {
                offset += written
            } else if written == -Int(EAGAIN) || written == -Int(EINTR) {
                do { try await Task.sleep(for: .milliseconds(5)) } catch {
                    throw UnifiedExecProcessError(description: "cancelled")
                }
            } else {
                throw UnifiedExecProcessError(description: "failed to write to stdin")
            }
        }
    }

    /// Kills the process group (SIGKILL); the output and exit are then collected as usual.
    func terminate() {
        _ = kill(-pid, SIGKILL)
    }
}

/// The process's descriptors and what was read from them; Dispatch handlers and tool calls share it.
///
/// `@unchecked Sendable`: the mutable state is behind `state`'s lock; the Dispatch sources are
/// thread-safe objects, set once in `init` and only resumed and cancelled through their own API.
private final class ProcessIO: @unchecked Sendable {
    struct State: Sendable {
        var pending = HeadTailBytes(capacity: UnifiedExecProcess.pendingLimit)
        var transcript = HeadTailBytes(capacity: UnifiedExecProcess.transcriptLimit)
        var exitCode: Int32?
        var outputClosed = false
        var descriptorClosed = false
    }

    let pid: Int32
    let fd: Int32
    let state = Mutex(State())
    private let queue = DispatchQueue(label: "codex.unified-exec.io")
    private let outputSource: any DispatchSourceRead
    /// Fires when the process exits: a read source on its pidfd, or a 50 ms timer without pidfd.
    private let exitSource: any DispatchSourceProtocol
    private let pidfd: Int32

    init(pid: Int32, fd: Int32) {
        self.pid = pid
        self.fd = fd
        outputSource = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
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
        outputSource.setEventHandler { [self] in readAvailable() }
        outputSource.setCancelHandler { [self] in
            state.withLock { state in
                state.descriptorClosed = true
                state.outputClosed = true
            }
            _ = close(fd)
        }
        exitSource.setEventHandler { [self] in
            if reap() { exitSource.cancel() }
        }
        exitSource.setCancelHandler { [self] in
            if pidfd >= 0 { _ = close(pidfd) }
        }
        exitSource.resume()
        outputSource.resume()
    }

    /// Reads everything available; on end of output (EOF, or EIO from a terminal whose last
    /// holder closed it) stops reading.
    private func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                let chunk = buffer[..<count]
                state.withLock { state in
                    state.pending.append(chunk)
                    state.transcript.append(chunk)
                }
                continue
            }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN { return }
            outputSource.cancel()
            return
        }
    }

    /// Reaps the main process if it ended; true when it did. Then kills what is left in its group.
    private func reap() -> Bool {
        guard let code = ChildExit.reapIfExited(pid) else { return false }
        _ = kill(-pid, SIGKILL)
        state.withLock { $0.exitCode = code }
        return true
    }
}
