import CodexCore
import CodexProtocol
import Synchronization

/// Runs one turn for a tool call: relays every thread event as a `codex/event` notification, asks the client
/// about approvals with `elicitation/create`, interrupts the turn when the call is cancelled, and makes the
/// call's result from the turn's outcome.
struct TurnRelay: Sendable {
    let thread: AgentThread
    /// The `tools/call` id, as the client sent it.
    let requestID: JSONValue
    let connection: MCPConnection
    /// Whether the client declared elicitation support; without it approvals are denied (the model is told).
    let askClient: Bool

    /// The request id as a string: the events' `id` and the elicitations' `codex_mcp_tool_call_id`.
    var requestIDText: String {
        if case .string(let text) = requestID { return text }
        return requestID.serialized()
    }

    /// Runs the turn to its end. A value on `cancelSignal` (the client cancelled the call) interrupts it.
    func run(prompt: String, cancelSignal: AsyncStream<Void>) async -> JSONValue {
        let cancelled = CancelFlag()
        let (approvals, approvalSink) = AsyncStream<ApprovalRequest>.makeStream()
        let thread = thread
        let outcome: Result<TurnOutcome, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in cancelSignal {
                    cancelled.set()
                    await thread.interrupt()
                }
            }
            group.addTask {
                await withDiscardingTaskGroup { asks in
                    for await request in approvals {
                        asks.addTask { await self.ask(request) }
                    }
                }
            }
            let outcome: Result<TurnOutcome, any Error>
            do {
                outcome = .success(
                    try await thread.driveTurn([.text(prompt)]) { event in
                        await self.relay(event)
                        switch event {
                        case .turnStarted:
                            // A cancel that came before the turn was running.
                            if cancelled.isSet { await thread.interrupt() }
                        case .approvalRequested(let request):
                            approvalSink.yield(request)
                        default:
                            break
                        }
                    })
            } catch {
                outcome = .failure(error)
            }
            approvalSink.finish()
            // Withdraws approvals still waiting for the client and stops the cancel watcher.
            group.cancelAll()
            return outcome
        }
        let threadID = thread.threadID
        switch outcome {
        case .success(.completed(let last)):
            return ToolCallResult.success(text: last ?? "", threadID: threadID)
        case .success(.interrupted):
            let reason = cancelled.isSet ? "the client cancelled the tool call" : "interrupted"
            return ToolCallResult.failure(ToolCallError(message: "turn aborted: \(reason)", threadID: threadID))
        case .success(.failed(let message)):
            return ToolCallResult.failure(ToolCallError(message: message, threadID: threadID))
        case .failure(let error):
            return ToolCallResult.failure(ToolCallError(message: "Codex runtime error: \(error)", threadID: threadID))
        }
    }

    /// Sends one event as `codex/event` (`id` "" for the synthetic `session_configured`).
    func send(_ message: JSONValue, eventID: String) async {
        let params: JSONValue = [
            "_meta": ["requestId": requestID, "threadId": .string(thread.threadID)], "id": .string(eventID), "msg": message,
        ]
        await connection.notify(method: "codex/event", params: params)
    }

    private func relay(_ event: AgentEvent) async {
        guard let message = CoreEventMessage.message(for: event) else { return }
        await send(message, eventID: requestIDText)
    }

    /// Asks the client and hands its decision to the thread; a withdrawn question (the turn ended) is a denial.
    private func ask(_ request: ApprovalRequest) async {
        guard askClient else {
            await thread.resolveApproval(id: request.approvalID, decision: .denied)
            return
        }
        let params = ApprovalElicitation.params(
            for: request, threadID: thread.threadID, toolCallID: requestIDText, eventID: requestIDText)
        let answer = await connection.request(method: ApprovalElicitation.method, params: params)
        await thread.resolveApproval(id: request.approvalID, decision: ApprovalElicitation.decision(from: answer))
    }
}

/// Set once the client cancelled the call.
private final class CancelFlag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set() {
        value.withLock { $0 = true }
    }
}
