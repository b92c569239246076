import CodexCore
import CodexExec
import CodexProtocol
import Testing

@Suite struct ExecJSONLMapperTests {
    private func lines(_ events: [AgentEvent]) -> [String] {
        var mapper = ExecJSONLMapper()
        return events.flatMap { mapper.map($0) }.map { $0.jsonValue.serialized() }
    }

    @Test func textTurn() {
        let output = lines([
            .turnStarted(turnID: "t1"),
            .itemStarted(turnID: "t1", item: .userMessage(id: "u", content: [.text("hi")])),
            .itemCompleted(turnID: "t1", item: .userMessage(id: "u", content: [.text("hi")])),
            .itemStarted(turnID: "t1", item: .agentMessage(id: "m", text: "")),
            .agentMessageDelta(turnID: "t1", itemID: "m", delta: "Hel"),
            .itemCompleted(turnID: "t1", item: .agentMessage(id: "m", text: "Hello")),
            .tokenUsageUpdated(
                turnID: "t1",
                usage: TokenUsageInfo(total: TokenUsage(inputTokens: 12, outputTokens: 7, totalTokens: 19), last: .zero)),
            .turnCompleted(turnID: "t1", outcome: .completed(lastAgentMessage: "Hello")),
        ])
        #expect(
            output == [
                #"{"type":"turn.started"}"#,
                #"{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Hello"}}"#,
                #"{"type":"turn.completed","usage":{"input_tokens":12,"cached_input_tokens":0,"cache_write_input_tokens":0,"output_tokens":7,"reasoning_output_tokens":0}}"#,
            ])
    }

    @Test func commandAndPlanItemsShareIdsAndCloseBeforeTurnEnd() {
        let running = CommandExecutionItem(
            id: "call_1", command: ["/bin/bash", "-lc", "ls"], displayCommand: "/bin/bash -lc ls", cwd: "/r",
            status: .inProgress)
        var done = running
        done.status = .completed
        done.exitCode = 2
        done.aggregatedOutput = "x\n"
        let output = lines([
            .itemStarted(turnID: "t", item: .commandExecution(running)),
            .planUpdated(turnID: "t", explanation: nil, plan: [PlanStep(step: "a", status: .inProgress)]),
            .itemCompleted(turnID: "t", item: .commandExecution(done)),
            .planUpdated(turnID: "t", explanation: nil, plan: [PlanStep(step: "a", status: .completed)]),
            .turnCompleted(turnID: "t", outcome: .failed(message: "boom")),
        ])
        #expect(
            output == [
                #"{"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"/bin/bash -lc ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}"#,
                #"{"type":"item.started","item":{"id":"item_1","type":"todo_list","items":[{"text":"a","completed":false}]}}"#,
                #"{"type":"item.completed","item":{"id":"item_0","type":"command_execution","command":"/bin/bash -lc ls","aggregated_output":"x\n","exit_code":2,"status":"failed"}}"#,
                #"{"type":"item.updated","item":{"id":"item_1","type":"todo_list","items":[{"text":"a","completed":true}]}}"#,
                #"{"type":"item.completed","item":{"id":"item_1","type":"todo_list","items":[{"text":"a","completed":true}]}}"#,
                #"{"type":"turn.failed","error":{"message":"boom"}}"#,
            ])
    }

    @Test func interruptedTurnEmitsNoTurnEvent() {
        let output = lines([.turnStarted(turnID: "t"), .turnCompleted(turnID: "t", outcome: .interrupted)])
        #expect(output == [#"{"type":"turn.started"}"#])
    }
}
