import CodexConfig
import CodexProtocol

/// Runs a namespaced `function_call` through the external tool provider, reporting it as an item.
enum ExternalToolCall {
    /// Resolves the call, parses its arguments, and runs it between an item's start and completion.
    /// An unknown tool (or no provider) answers `unsupported call: <namespace><name>` without an item;
    /// arguments that are not JSON answer `err: <reason>` without calling.
    static func run(
        _ call: ToolCall, namespace: String, provider: (any ExternalToolProvider)?, context: ToolCallContext
    ) async -> ToolResult {
        guard let provider, let target = await provider.resolve(namespace: namespace, name: call.name, threadID: context.threadID)
        else {
            return ToolResult(output: "unsupported call: \(namespace)\(call.name)")
        }
        let arguments: JSONValue?
        switch parseArguments(call.payload) {
        case .success(let parsed): arguments = parsed
        case .failure(let error): return ToolResult(output: "err: \(error.reason)")
        }
        var item = ExternalToolCallItem(
            id: call.callID, server: target.server, tool: target.tool, status: .inProgress, arguments: arguments,
            readOnlyHint: target.approval.readOnlyHint)
        item.connector = target.connector
        await context.emit(.itemStarted(turnID: context.turnID, item: .externalToolCall(item)))
        let approval = await ExternalToolApprovalFlow.decide(
            target: target, arguments: arguments, callID: call.callID, context: context)
        // As the reference, the duration counts from the answer (a refused call reports 0 ms).
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await provider.call(
            ExternalToolCallRequest(
                target: target, arguments: arguments, callID: call.callID, threadID: context.threadID,
                turnID: context.turnID, approval: approval))
        let elapsed = clock.now - start
        item.durationMs = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        item.result = outcome.result
        item.errorMessage = outcome.errorMessage
        item.status = outcome.errorMessage == nil && !outcome.isError ? .completed : .failed
        await context.emit(.itemCompleted(turnID: context.turnID, item: .externalToolCall(item)))
        return ToolResult(output: outcome.modelOutput, contentItems: outcome.modelContentItems)
    }

    /// The call's arguments: nil when empty or blank, else the parsed JSON.
    static func parseArguments(_ payload: ToolCall.Payload) -> Result<JSONValue?, JSONParseError> {
        let text: String
        switch payload {
        case .function(let arguments): text = arguments
        case .custom(let input): text = input
        }
        if text.allSatisfy(\.isWhitespace) { return .success(nil) }
        do {
            return .success(try JSONParser.parse(text))
        } catch {
            return .failure(error)
        }
    }
}
