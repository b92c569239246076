import FoundationEssentials
import Glibc
import Subprocess
import Synchronization

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// One process to run for the agent.
public struct CommandInvocation: Sendable, Hashable {
    /// Path of the program (absolute, or a name looked up in PATH).
    public var executable: String
    /// Arguments after argv[0].
    public var arguments: [String]
    /// Overrides argv[0] (the sandbox helper is the `codex` binary run as `codex-linux-sandbox`).
    public var argv0: String?
    public var cwd: String
    public var environment: [String: String]
    /// Wall-clock limit; the whole process group is killed when it passes.
    public var timeout: Duration?
    /// Bytes of output kept per stream (head and tail survive an overflow).
    public var outputLimitBytes: Int

    public init(
        executable: String, arguments: [String], argv0: String? = nil, cwd: String, environment: [String: String],
        timeout: Duration? = nil, outputLimitBytes: Int = 1 << 20
    ) {
        self.executable = executable
        self.arguments = arguments
        self.argv0 = argv0
        self.cwd = cwd
        self.environment = environment
        self.timeout = timeout
        self.outputLimitBytes = outputLimitBytes
    }
}

/// Which stream a chunk of output came from.
public enum OutputStreamKind: Sendable, Hashable {
    case stdout
    case stderr
}

/// How a command ended.
public struct CommandOutcome: Sendable, Hashable {
    /// The exit code; 128+N for death by signal N; 124 on timeout.
    public var exitCode: Int32
    public var timedOut: Bool
    public var stdout: String
    public var stderr: String
    /// stdout and stderr interleaved in arrival order.
    public var aggregatedOutput: String
    public var duration: Duration
}

/// Runs a command in its own session (so its whole process tree can be killed), streaming output.
public enum CommandRunner {
    /// Runs the command to completion, calling `onOutput` for each chunk as it arrives.
    ///
    /// Cancelling the calling task (an interrupted turn) or reaching the timeout kills the process
    /// group (SIGKILL). Stragglers left in the group after the main process exits are killed too.
    /// - Throws: when the program cannot be started (not found, not executable, bad cwd).
    public static func run(
        _ invocation: CommandInvocation,
        onOutput: @escaping @Sendable (OutputStreamKind, [UInt8]) async -> Void = { _, _ in }
    ) async throws -> CommandOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let launched = LaunchedProcess()
        let timedOut = TimeoutFlag()
        let collected: CollectedOutput? = try await withThrowingTaskGroup(of: RaceResult.self) { group in
            group.addTask { .finished(try await execute(invocation, launched: launched, onOutput: onOutput)) }
            if let timeout = invocation.timeout {
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .deadlinePassed(commandHadEnded: launched.hasEnded)
                }
            }
            while true {
                let next: RaceResult?
                do {
                    next = try await group.next()
                } catch where timedOut.isSet {
                    // The killed command's run ended with an error: its output is lost, the timeout stands.
                    continue
                }
                switch next {
                case nil:
                    return nil
                case .finished(let output):
                    group.cancelAll()
                    return output
                case .deadlinePassed(commandHadEnded: true):
                    // It exited in time and what remains is reading its output (the streams end with
                    // the process): a busy machine's late wake-up is not a timeout.
                    continue
                case .deadlinePassed(commandHadEnded: false):
                    timedOut.set()
                    group.cancelAll()
                }
            }
        }
        let duration = clock.now - start
        guard let collected else {
            return CommandOutcome(
                exitCode: 124, timedOut: true, stdout: "", stderr: "", aggregatedOutput: "command timed out",
                duration: duration)
        }
        let exitCode: Int32 = timedOut.isSet ? 124 : collected.exitCode
        return CommandOutcome(
            exitCode: exitCode, timedOut: timedOut.isSet, stdout: collected.stdout.text, stderr: collected.stderr.text,
            aggregatedOutput: collected.aggregated.text, duration: duration)
    }

    /// Which of the command and its deadline came first.
    private enum RaceResult: Sendable {
        case finished(CollectedOutput)
        case deadlinePassed(commandHadEnded: Bool)
    }

    private struct CollectedOutput: Sendable {
        var exitCode: Int32
        var stdout: CappedOutputBuffer
        var stderr: CappedOutputBuffer
        var aggregated: CappedOutputBuffer
    }

    private static func execute(
        _ invocation: CommandInvocation, launched: LaunchedProcess, onOutput: @escaping @Sendable (OutputStreamKind, [UInt8]) async -> Void
    ) async throws -> CollectedOutput {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(200))]
        let executable: Executable =
            invocation.executable.contains("/") ? .path(FilePath(invocation.executable)) : .name(invocation.executable)
        let arguments = Arguments(executablePathOverride: invocation.argv0, remainingValues: invocation.arguments)
        var environment: [Environment.Key: String] = [:]
        for (key, value) in invocation.environment { environment[Environment.Key(stringLiteral: key)] = value }
        let limit = invocation.outputLimitBytes
        let sink = OutputSink(limit: limit)
        let result = try await Subprocess.run(
            executable, arguments: arguments, environment: .custom(environment),
            workingDirectory: FilePath(invocation.cwd), platformOptions: options, input: .none, output: .sequence,
            error: .sequence
        ) { execution in
            let group = execution.processIdentifier.value
            launched.record(group)
            try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Void.self) { readers in
                    readers.addTask {
                        for try await buffer in execution.standardOutput {
                            let bytes = buffer.withUnsafeBytes { Array($0) }
                            await sink.append(bytes, from: .stdout)
                            await onOutput(.stdout, bytes)
                        }
                    }
                    readers.addTask {
                        for try await buffer in execution.standardError {
                            let bytes = buffer.withUnsafeBytes { Array($0) }
                            await sink.append(bytes, from: .stderr)
                            await onOutput(.stderr, bytes)
                        }
                    }
                    try await readers.waitForAll()
                }
            } onCancel: {
                // Subprocess's teardown signals the group gracefully, but its last step reaches the
                // main process only: a child of it (`sh -c "sleep 30"`'s sleep) that keeps the pipes
                // open would hold this call until it ends. The whole group is killed here at once.
                _ = kill(-group, SIGKILL)
            }
        }
        // Stragglers (background jobs) still in the session's process group go too.
        _ = kill(-result.processIdentifier.value, SIGKILL)
        let exitCode: Int32
        switch result.terminationStatus {
        case .exited(let code): exitCode = code
        case .signaled(let signal): exitCode = 128 + signal
        }
        let buffers = await sink.buffers
        return CollectedOutput(exitCode: exitCode, stdout: buffers.0, stderr: buffers.1, aggregated: buffers.2)
    }
}

/// The command's process id, once it runs, for the deadline's check.
private final class LaunchedProcess: Sendable {
    private let pid = Mutex<Int32?>(nil)

    func record(_ value: Int32) { pid.withLock { $0 = value } }

    /// Whether the command's own process has exited (false before it started).
    var hasEnded: Bool {
        guard let value = pid.withLock({ $0 }) else { return false }
        return ChildExit.hasEnded(value)
    }
}

/// Serialises output collection from the two stream readers.
private actor OutputSink {
    private var stdout: CappedOutputBuffer
    private var stderr: CappedOutputBuffer
    private var aggregated: CappedOutputBuffer

    init(limit: Int) {
        stdout = CappedOutputBuffer(capacity: limit)
        stderr = CappedOutputBuffer(capacity: limit)
        aggregated = CappedOutputBuffer(capacity: limit)
    }

    func append(_ bytes: [UInt8], from stream: OutputStreamKind) {
        switch stream {
        case .stdout: stdout.append(bytes)
        case .stderr: stderr.append(bytes)
        }
        aggregated.append(bytes)
    }

    var buffers: (CappedOutputBuffer, CappedOutputBuffer, CappedOutputBuffer) { (stdout, stderr, aggregated) }
}

/// A flag set once from one task and read from another.
private final class TimeoutFlag: Sendable {
    private let storage = Mutex(false)

    func set() { storage.withLock { $0 = true } }
    var isSet: Bool { storage.withLock { $0 } }
}
