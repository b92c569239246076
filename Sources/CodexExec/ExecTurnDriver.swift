public import CodexCore
import CodexProtocol
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

/// Where `codex exec` writes: stdout carries only results, stderr the transcript.
public struct ExecOutput: Sendable {
    public var writeStdout: @Sendable (String) -> Void
    public var writeStderr: @Sendable (String) -> Void

    public init(writeStdout: @escaping @Sendable (String) -> Void, writeStderr: @escaping @Sendable (String) -> Void) {
        self.writeStdout = writeStdout
        self.writeStderr = writeStderr
    }

    /// The process's own stdout and stderr.
    public static let standard = ExecOutput(
        writeStdout: { StandardStreams.writeOutput($0) },
        writeStderr: { StandardStreams.writeError($0) })
}

/// How the run reports.
public enum ExecOutputMode: Sendable, Hashable {
    case human(color: Bool)
    case json
}

/// Runs the one turn of a `codex exec` run and renders its events.
public enum ExecTurnDriver {
    /// Starts the turn, renders every event until it ends, answers approval requests with a denial
    /// (exec never asks), and interrupts the turn on SIGINT.
    /// - Returns: the turn's outcome and the thread's total token count.
    /// `warnings` (e.g. from the resume) are rendered first, as warning events. With `review` the turn is
    /// that code review, and `input` is not used.
    public static func drive(
        thread: AgentThread, input: [UserInput], review: ReviewRequest? = nil, overrides: TurnOverrides,
        mode: ExecOutputMode, output: ExecOutput, handleSigint: Bool, warnings: [String] = []
    ) async throws -> TurnOutcome {
        await thread.setEmitsStreamingDeltas(false)  // exec renders whole items only
        let renderer = EventRenderer(mode: mode, output: output)
        for warning in warnings { await renderer.render(.warning(message: warning)) }
        let interrupts = handleSigint ? SigintSource.install() : nil
        defer { interrupts?.cancel() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            if let interrupts {
                group.addTask {
                    for await _ in interrupts.stream {
                        await thread.interrupt()
                        break
                    }
                }
            }
            let onEvent: @Sendable (AgentEvent) async -> Void = { event in
                if !event.isStreamingDelta { await renderer.render(event) }
                if case .approvalRequested(let request) = event {
                    // exec runs with approval "never": anything that still asks is denied.
                    await thread.resolveApproval(id: request.approvalID, decision: .denied)
                }
            }
            let outcome =
                if let review {
                    try await thread.driveReview(review, overrides: overrides, onEvent: onEvent)
                } else {
                    try await thread.driveTurn(input, overrides: overrides, onEvent: onEvent)
                }
            interrupts?.cancel()
            return outcome
        }
    }
}

/// Renders events to the chosen output; an actor so lines never interleave.
private actor EventRenderer {
    let mode: ExecOutputMode
    let output: ExecOutput
    var jsonMapper = ExecJSONLMapper()
    var printer: ExecHumanPrinter

    init(mode: ExecOutputMode, output: ExecOutput) {
        self.mode = mode
        self.output = output
        if case .human(let color) = mode {
            printer = ExecHumanPrinter(color: color)
        } else {
            printer = ExecHumanPrinter(color: false)
        }
    }

    func render(_ event: AgentEvent) {
        switch mode {
        case .json:
            for line in jsonMapper.map(event) { output.writeStdout(line.serializedLine) }
        case .human:
            let text = printer.render(event)
            if !text.isEmpty { output.writeStderr(text) }
        }
    }
}

/// SIGINT delivered as an async stream while installed; the default action is restored on cancel.
final class SigintSource: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let source: Mutex<(any DispatchSourceSignal)?>

    private init() {
        (stream, continuation) = AsyncStream<Void>.makeStream()
        signal(SIGINT, SIG_IGN)
        let signalSource = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let continuation = self.continuation
        signalSource.setEventHandler { continuation.yield() }
        signalSource.resume()
        source = Mutex(signalSource)
    }

    static func install() -> SigintSource { SigintSource() }

    func cancel() {
        source.withLock { source in
            source?.cancel()
            source = nil
        }
        continuation.finish()
        signal(SIGINT, SIG_DFL)
    }
}
