import CodexConfig
import CodexBasics
import CodexCore
import CodexProtocol
import Testing

@Suite("Chat Completions wire")
struct ModelClientChatTests {
    @Test func historyBecomesChatMessages() throws {
        let request = ModelRequest(
            model: "m",
            instructions: "be brief",
            input: [
                .message(MessageItem(role: "developer", content: [.inputText("ctx")])),
                .message(MessageItem(role: "user", content: [.inputText("a"), .inputText("b")])),
                .reasoning(ReasoningItem(summary: [ReasoningText(text: "hidden")])),
                .message(MessageItem(role: "assistant", content: [.outputText("calling")])),
                .functionCall(FunctionCallItem(name: "shell", arguments: #"{"cmd":"ls"}"#, callID: "c1")),
                .customToolCall(CustomToolCallItem(callID: "c2", name: "apply_patch", input: "*** Begin Patch")),
                .functionCallOutput(FunctionCallOutputItem(callID: "c1", output: "file")),
                .customToolCallOutput(CustomToolCallOutputItem(callID: "c2", output: "Done")),
                .functionCall(FunctionCallItem(name: "shell", arguments: "{}", callID: "c3")),
            ],
            threadID: "t"
        )
        let body = try request.chatCompletionsBody()
        let expected = try JSONParser.parse(
            #"""
            {"model":"m","messages":[
              {"role":"system","content":"be brief"},
              {"role":"system","content":"ctx"},
              {"role":"user","content":"ab"},
              {"role":"assistant","content":"calling","tool_calls":[
                {"id":"c1","type":"function","function":{"name":"shell","arguments":"{\"cmd\":\"ls\"}"}},
                {"id":"c2","type":"function","function":{"name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\"}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"file"},
              {"role":"tool","tool_call_id":"c2","content":"Done"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"c3","type":"function","function":{"name":"shell","arguments":"{}"}}]}
            ],"stream":true,"stream_options":{"include_usage":true}}
            """#
        )
        #expect(body == expected)
    }

    @Test func onlyFunctionToolsAreOffered() {
        let tools: [JSONValue] = [
            ["type": "function", "name": "shell", "description": "run", "strict": false,
             "parameters": ["type": "object", "properties": [:]]],
            ["type": "custom", "name": "apply_patch", "format": ["type": "grammar"]],
            ["type": "web_search"],
            ["type": "local_shell"],
        ]
        #expect(ModelRequest.chatTools(from: tools) == [
            ["type": "function", "function": ["name": "shell", "description": "run", "parameters": ["type": "object", "properties": [:]]]],
        ])
        #expect(WireAPI.chat.supportsFreeformTools == false)
        #expect(WireAPI.responses.supportsFreeformTools)
    }

    private func run(_ chunks: [String]) -> (events: [ModelStreamEvent], finished: [ModelStreamEvent]?) {
        var mapper = ChatCompletionsEventMapper()
        var events: [ModelStreamEvent] = []
        for chunk in chunks { events += mapper.map(SSEEvent(data: chunk)) }
        return (events, mapper.finish())
    }

    @Test func textDeltasThenMessageThenCompleted() {
        let (events, finished) = run([
            #"{"id":"chat_1","choices":[{"delta":{"role":"assistant","content":""}}]}"#,
            #"{"id":"chat_1","choices":[{"delta":{"content":"Hel"}}]}"#,
            #"{"id":"chat_1","choices":[{"delta":{"content":"lo"}}]}"#,
            #"{"id":"chat_1","choices":[{"delta":{},"finish_reason":"stop"}]}"#,
            #"{"id":"chat_1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"#,
            "[DONE]",
        ])
        #expect(events == [
            .created,
            .outputItemAdded(.message(MessageItem(role: "assistant", content: []))),
            .outputTextDelta("Hel"),
            .outputTextDelta("lo"),
            .outputItemDone(.message(MessageItem(role: "assistant", content: [.outputText("Hello")]))),
            .completed(responseID: "chat_1", usage: TokenUsage(inputTokens: 5, outputTokens: 2, totalTokens: 7)),
        ])
        #expect(finished == [])
    }

    @Test func toolCallsSplitAcrossChunksAccumulateByIndex() {
        let (events, _) = run([
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"shell","arguments":""}}]}}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":1,"id":"call_b","function":{"name":"update_plan","arguments":"{\"pl"}}]}}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"command\":"}}]}}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"[\"ls\"]}"}}]}}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":1,"function":{"arguments":"an\":[]}"}}]}}]}"#,
            #"{"choices":[{"delta":{},"finish_reason":"tool_calls"}]}"#,
            "[DONE]",
        ])
        #expect(events == [
            .created,
            .outputItemDone(.functionCall(FunctionCallItem(name: "shell", arguments: #"{"command":["ls"]}"#, callID: "call_a"))),
            .outputItemDone(.functionCall(FunctionCallItem(name: "update_plan", arguments: #"{"plan":[]}"#, callID: "call_b"))),
            .completed(responseID: "", usage: nil),
        ])
    }

    @Test func streamEndAfterFinishReasonCompletesWithoutDone() {
        let (events, finished) = run([
            #"{"choices":[{"delta":{"content":"x"},"finish_reason":"stop"}]}"#,
        ])
        #expect(events.last == .outputItemDone(.message(MessageItem(role: "assistant", content: [.outputText("x")]))))
        #expect(finished == [.completed(responseID: "", usage: nil)])
    }

    @Test func streamEndWithoutFinishIsIncomplete() {
        let (events, finished) = run([#"{"choices":[{"delta":{"content":"x"}}]}"#])
        #expect(events.count == 3)
        #expect(finished == nil)
    }

    @Test func eventsAfterDoneAndGarbageAreIgnored() {
        let (events, _) = run(["[DONE]", #"{"choices":[{"delta":{"content":"late"}}]}"#])
        #expect(events == [.completed(responseID: "", usage: nil)])
        let (garbage, finished) = run(["{oops", "  [DONE]  "])
        #expect(garbage == [.completed(responseID: "", usage: nil)])
        #expect(finished == [])
    }

    @Test func reasoningDeltasBecomeAReasoningItem() {
        let (events, _) = run([
            #"{"choices":[{"delta":{"reasoning":"hmm"}}]}"#,
            #"{"choices":[{"delta":{"reasoning":{"text":" ok"}}}]}"#,
            "[DONE]",
        ])
        #expect(events == [
            .created,
            .reasoningContentDelta("hmm", contentIndex: 0),
            .reasoningContentDelta(" ok", contentIndex: 0),
            .outputItemDone(.reasoning(ReasoningItem(summary: [], content: [ReasoningText(type: "reasoning_text", text: "hmm ok")]))),
            .completed(responseID: "", usage: nil),
        ])
    }
}
