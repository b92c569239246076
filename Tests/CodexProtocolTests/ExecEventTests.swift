import CodexProtocol
import Testing

@Suite struct ExecEventTests {
    @Test func linesMatchTheReferenceShapes() {
        #expect(
            ExecEvent.threadStarted(threadID: "01a2").serializedLine
                == "{\"type\":\"thread.started\",\"thread_id\":\"01a2\"}\n")
        #expect(ExecEvent.turnStarted.serializedLine == "{\"type\":\"turn.started\"}\n")
        #expect(
            ExecEvent.itemCompleted(ExecItem(id: "item_0", details: .agentMessage(text: "JSON mode final answer")))
                .serializedLine
                == "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_0\",\"type\":\"agent_message\",\"text\":\"JSON mode final answer\"}}\n"
        )
        #expect(
            ExecEvent.turnCompleted(usage: ExecUsage(inputTokens: 12, outputTokens: 7)).serializedLine
                == "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":12,\"cached_input_tokens\":0,\"cache_write_input_tokens\":0,\"output_tokens\":7,\"reasoning_output_tokens\":0}}\n"
        )
        #expect(
            ExecEvent.itemStarted(
                ExecItem(
                    id: "item_1",
                    details: .commandExecution(
                        command: "/bin/bash -lc ls", aggregatedOutput: "", exitCode: nil, status: .inProgress))
            ).serializedLine
                == "{\"type\":\"item.started\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\",\"command\":\"/bin/bash -lc ls\",\"aggregated_output\":\"\",\"exit_code\":null,\"status\":\"in_progress\"}}\n"
        )
        #expect(
            ExecEvent.turnFailed(message: "boom").serializedLine
                == "{\"type\":\"turn.failed\",\"error\":{\"message\":\"boom\"}}\n")
    }
}
