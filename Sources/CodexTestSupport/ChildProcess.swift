import Dispatch
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Spawns child processes for end-to-end tests, each in its own process group, and guarantees the whole
/// group is killed (SIGKILL) and the child reaped when the scope ends, however it ends.
public enum ChildProcess {
    /// Runs `spec`, lets `body` talk to the child, then kills the child's process group and reaps it.
    ///
    /// - Important: The group is killed when `body` returns, so wait for what you need inside `body`
    ///   (for example `waitForExit(timeout:)`). Processes that leave the group (setsid) are not reached.
    ///   The first call sets SIGPIPE to ignored in the test process, so writing to a child that closed
    ///   its stdin throws instead of killing the test runner (children still start with SIGPIPE default).
    @discardableResult
    public static func withProcess<Result: Sendable>(
        _ spec: ProcessSpec, _ body: (RunningProcess) async throws -> Result
    ) async throws -> Result {
        _ = ignoreBrokenPipeSignal
        var options = PlatformOptions()
        options.processGroupID = 0
        // Used when the calling task is cancelled while the child runs.
        options.teardownSequence = [
            .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(100))
        ]
        // Not the `[[UInt8]]` form: 1.0.2 strdup()s those rows without a terminating NUL.
        var variables: [Environment.Key: String] = [:]
        for (name, value) in spec.environment { variables[Environment.Key(stringLiteral: name)] = value }
        let environment = Environment.custom(variables)
        let outcome = try await Subprocess.run(
            .path(FilePath(spec.executable)), arguments: Arguments(spec.arguments), environment: environment,
            workingDirectory: spec.workingDirectory.map { FilePath($0) }, platformOptions: options,
            input: .inputWriter, output: .sequence, error: .sequence
        ) { execution in
            try await drive(execution, spec: spec, body: body)
        }
        return outcome.closureResult
    }

    /// Runs `spec` to completion and returns its exit and output.
    /// - Throws: `ProcessTimeoutError` (with the output so far) when it runs longer than `timeout`; the
    ///   process group is killed either way.
    public static func run(_ spec: ProcessSpec, timeout: Duration) async throws -> ProcessResult {
        try await withProcess(spec) { process in
            do {
                let exit = try await process.waitForExit(timeout: timeout)
                try await process.waitForOutputEnd(timeout: .seconds(5))
                return ProcessResult(exit: exit, stdout: process.stdoutSoFar, stderr: process.stderrSoFar)
            } catch is TimeoutError {
                throw ProcessTimeoutError(
                    executable: spec.executable, timeout: timeout, stdout: process.stdoutSoFar,
                    stderr: process.stderrSoFar)
            }
        }
    }

    nonisolated(nonsending) private static func drive<Result: Sendable>(
        _ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>, spec: ProcessSpec,
        body: (RunningProcess) async throws -> Result
    ) async throws -> Result {
        let pid = execution.processIdentifier.value
        let stdout = OutputCollector()
        let stderr = OutputCollector()
        let writer = execution.standardInputWriter
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pump(execution.standardOutput, into: stdout) }
            group.addTask { await pump(execution.standardError, into: stderr) }
            switch spec.standardInput {
            case .none:
                try await writer.finish()
            case .data(let bytes):
                group.addTask {
                    _ = try? await writer.write(bytes)
                    try? await writer.finish()
                }
            case .writable:
                break
            }
            let process = RunningProcess(pid: pid, writer: writer, stdout: stdout, stderr: stderr)
            let result: Swift.Result<Result, any Error>
            do {
                result = .success(try await body(process))
            } catch {
                result = .failure(error)
            }
            // Teardown: never leave anything of the group behind, whatever happened in `body`.
            killProcessGroup(pid)
            try? await writer.finish()
            try await group.waitForAll()
            return try result.get()
        }
    }

    private static func pump(_ sequence: SubprocessOutputSequence, into collector: OutputCollector) async {
        do {
            for try await buffer in sequence {
                collector.append(buffer.withUnsafeBytes { Array($0) })
            }
        } catch {
            // Reads end with an error when the child exits while a grandchild holds the pipe; the
            // bytes received so far are kept.
        }
        collector.finish()
    }

    /// Runs once: a broken stdin pipe must surface as EPIPE, not as a fatal SIGPIPE. swift-subprocess
    /// resets every signal to its default in the child, so children are unaffected.
    private static let ignoreBrokenPipeSignal: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Sends SIGKILL to the whole process group led by `pid` (the child is the group leader).
    static func killProcessGroup(_ pid: pid_t) {
        guard pid > 0 else { return }
        _ = kill(-pid, SIGKILL)
    }
}

/// A child started by `ChildProcess.withProcess`; valid only inside its body.
public final class RunningProcess: Sendable {
    /// The child's process id, which is also its process group id.
    public let pid: Int32
    private let writer: StandardInputWriter
    private let stdout: OutputCollector
    private let stderr: OutputCollector
    private let exitWatcher: ExitWatcher

    init(pid: Int32, writer: StandardInputWriter, stdout: OutputCollector, stderr: OutputCollector) {
        self.pid = pid
        self.writer = writer
        self.stdout = stdout
        self.stderr = stderr
        self.exitWatcher = ExitWatcher(pid: pid)
    }

    /// Writes text to the child's stdin (only with `.writable` standard input).
    public func write(_ text: String) async throws {
        _ = try await writer.write(Array(text.utf8))
    }

    /// Writes bytes to the child's stdin (only with `.writable` standard input).
    public func write(bytes: [UInt8]) async throws {
        _ = try await writer.write(bytes)
    }

    /// Closes stdin so the child reads end-of-file.
    public func closeStandardInput() async throws {
        try await writer.finish()
    }

    /// The next stdout line (without its newline); nil once stdout has ended.
    /// - Throws: `TimeoutError` when no complete line arrives within `timeout`.
    public func nextStdoutLine(timeout: Duration = .seconds(10)) async throws -> String? {
        let stdout = stdout
        return try await withTimeout(timeout, waitingFor: "a stdout line from pid \(pid)") {
            try await stdout.nextLine()
        }
    }

    /// The next stderr line (without its newline); nil once stderr has ended.
    public func nextStderrLine(timeout: Duration = .seconds(10)) async throws -> String? {
        let stderr = stderr
        return try await withTimeout(timeout, waitingFor: "a stderr line from pid \(pid)") {
            try await stderr.nextLine()
        }
    }

    /// Everything written to stdout so far.
    public var stdoutSoFar: String { stdout.text }

    /// Everything written to stderr so far.
    public var stderrSoFar: String { stderr.text }

    /// Waits until the child process itself has exited (without reaping it) and returns how it ended.
    public func waitForExit(timeout: Duration) async throws -> ProcessExit {
        let watcher = exitWatcher
        return try await withTimeout(timeout, waitingFor: "pid \(pid) to exit") {
            try await watcher.wait()
        }
    }

    /// Waits until both stdout and stderr have reached end-of-file.
    public func waitForOutputEnd(timeout: Duration) async throws {
        let stdout = stdout
        let stderr = stderr
        try await withTimeout(timeout, waitingFor: "end of output from pid \(pid)") {
            try await stdout.waitForEnd()
            try await stderr.waitForEnd()
        }
    }

    /// Sends `signal` to the child, or to its whole process group.
    public func send(signal: Int32, toProcessGroup: Bool = false) {
        _ = kill(toProcessGroup ? -pid : pid, signal)
    }
}

/// Learns how a child ended with `waitid(WNOWAIT)` on a dispatch thread, leaving the zombie for
/// swift-subprocess to reap.
private final class ExitWatcher: Sendable {
    private let pid: Int32
    private let state = Mutex<(started: Bool, exit: ProcessExit?)>((false, nil))
    private let changes = ChangeNotifier()

    init(pid: Int32) {
        self.pid = pid
    }

    func wait() async throws -> ProcessExit {
        let shouldStart = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        if shouldStart {
            let pid = pid
            DispatchQueue.global().async { [self] in
                var info = siginfo_t()
                var rc: Int32
                repeat {
                    rc = waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT)
                } while rc == -1 && errno == EINTR
                let status = info._sifields._sigchld.si_status
                // ECHILD (already reaped) reads as killed: nothing is left to wait for.
                let exit: ProcessExit =
                    rc == 0 && info.si_code == Int32(CLD_EXITED)
                    ? .exited(status) : .signaled(rc == 0 ? status : SIGKILL)
                state.withLock { $0.exit = exit }
                changes.notifyAll()
            }
        }
        return try await changes.wait { state.withLock { $0.exit } }
    }
}
