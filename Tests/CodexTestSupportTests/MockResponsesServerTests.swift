import CodexProtocol
import CodexTestSupport
import Testing

/// Posts a Responses request on a fresh raw connection and returns it after reading the head.
private func postResponses(
    _ server: MockResponsesServer, body: JSONValue = ["model": "mock-model", "stream": true, "input": []],
    path: String = "/v1/responses"
) async throws -> (RawHTTPConnection, RawHTTPConnection.Head) {
    let connection = try await RawHTTPConnection.connect(port: server.port)
    try await connection.send(
        method: "POST", path: path,
        headers: [("content-type", "application/json"), ("accept", "text/event-stream")], body: body.serialized())
    return (connection, try await connection.readHead())
}

private func types(_ events: [MockSSEEvent]) -> [String] {
    events.map { $0.json?["type"]?.stringValue ?? $0.data }
}

@Suite struct MockResponsesServerTests {
    @Test func firstEventArrivesWhileTheServerStillHoldsTheStream() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("hello", deltas: ["hel", "lo"]).holding(afterEvents: 1, gate: "g"))
            let (connection, head) = try await postResponses(server)
            #expect(head.status == 200)
            #expect(head.header("content-type") == "text/event-stream")
            #expect(head.header("transfer-encoding") == "chunked")

            let first = try await connection.nextEvent()
            #expect(first?.name == "response.created")
            try await server.waitUntilHeld("g")
            // The server is parked after one event: the stream is demonstrably still open.
            #expect(connection.bodyEnd == nil)

            server.release("g")
            let rest = try await connection.remainingEvents()
            #expect(
                types(rest) == [
                    "response.output_item.added", "response.output_text.delta", "response.output_text.delta",
                    "response.output_item.done", "response.completed",
                ])
            #expect(connection.bodyEnd == .complete)
        }
    }

    @Test func assistantTextHasTheRealEventShapes() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .assistantText(
                    "Hi there", deltas: ["Hi", " there"], responseID: "resp_9",
                    usage: MockUsage(inputTokens: 7, cachedInputTokens: 2, outputTokens: 3, reasoningOutputTokens: 1)))
            let (connection, _) = try await postResponses(server)
            let events = try await connection.remainingEvents()
            #expect(events.count == 6)
            // Every event names its type twice: as the SSE event name and inside the JSON.
            for event in events { #expect(event.name == event.json?["type"]?.stringValue) }
            #expect(
                events[0].json == [
                    "type": "response.created",
                    "response": [
                        "id": "resp_9", "object": "response", "created_at": 0, "status": "in_progress",
                        "model": "mock-model", "output": [],
                    ],
                ])
            #expect(events[2].json?["delta"] == "Hi")
            #expect(events[3].json?["delta"] == " there")
            #expect(events[4].json?["item"] == SSE.messageItem(text: "Hi there"))
            #expect(
                events[4].json?["item"]?["content"] == [["type": "output_text", "text": "Hi there", "annotations": []]])
            #expect(events[5].json?["response"]?["id"] == "resp_9")
            #expect(
                events[5].json?["response"]?["usage"] == [
                    "input_tokens": 7, "input_tokens_details": ["cached_tokens": 2], "output_tokens": 3,
                    "output_tokens_details": ["reasoning_tokens": 1], "total_tokens": 10,
                ])
        }
    }

    @Test func functionAndCustomToolCallsAndReasoning() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(callID: "call_1", name: "shell", arguments: ["command": ["echo", "hi"]]),
                .customToolCall(callID: "call_2", name: "apply_patch", input: "*** Begin Patch\n*** End Patch"),
                .response(id: "resp_r", items: [SSE.reasoningItem(summary: ["thinking"]), SSE.messageItem(text: "ok")]))

            let (first, _) = try await postResponses(server)
            let call = try await first.remainingEvents()
            #expect(
                types(call) == [
                    "response.created", "response.output_item.added", "response.output_item.done", "response.completed",
                ])
            #expect(
                call[2].json?["item"] == [
                    "type": "function_call", "id": "fc_1", "status": "completed", "call_id": "call_1", "name": "shell",
                    "arguments": #"{"command":["echo","hi"]}"#,
                ])

            let (second, _) = try await postResponses(server)
            let custom = try await second.remainingEvents()
            #expect(
                custom[2].json?["item"] == [
                    "type": "custom_tool_call", "id": "ctc_1", "status": "completed", "call_id": "call_2",
                    "name": "apply_patch", "input": "*** Begin Patch\n*** End Patch",
                ])

            let (third, _) = try await postResponses(server)
            let reasoning = try await third.remainingEvents()
            #expect(
                types(reasoning) == [
                    "response.created", "response.output_item.added", "response.output_item.done",
                    "response.output_item.added", "response.output_item.done", "response.completed",
                ])
            #expect(
                reasoning[2].json?["item"] == [
                    "type": "reasoning", "id": "rs_1", "summary": [["type": "summary_text", "text": "thinking"]],
                ])
            #expect(reasoning[4].json?["output_index"] == 1)
            #expect(server.pendingReplyCount == 0)
        }
    }

    @Test func failedResponseEvent() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.failed(code: "context_length_exceeded", message: "too long"))
            let (connection, head) = try await postResponses(server)
            #expect(head.status == 200)
            let events = try await connection.remainingEvents()
            #expect(types(events) == ["response.created", "response.failed"])
            #expect(
                events[1].json?["response"]?["error"] == ["code": "context_length_exceeded", "message": "too long"])
        }
    }

    @Test func http500WithBody() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.httpError(status: 500, body: "boom"))
            let (connection, head) = try await postResponses(server)
            #expect(head.status == 500)
            #expect(try await connection.readBody() == "boom")
        }
    }

    @Test func rateLimitedCarriesRetryAfter() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.rateLimited(retryAfter: "2", message: "slow down"))
            let (connection, head) = try await postResponses(server)
            #expect(head.status == 429)
            #expect(head.header("retry-after") == "2")
            let body = try JSONParser.parse(try await connection.readBody())
            #expect(body["error"]?["message"] == "slow down")
            #expect(body["error"]?["code"] == "rate_limit_exceeded")
        }
    }

    @Test func cutStreamEndsWithoutCompleted() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("partial").cut(afterEvents: 3))
            let (connection, _) = try await postResponses(server)
            let events = try await connection.remainingEvents()
            #expect(
                types(events) == [
                    "response.created", "response.output_item.added", "response.output_text.delta",
                ])
            #expect(connection.bodyEnd == .closedEarly)
        }
    }

    @Test func slowStreamDeliversEveryEventAfterItsDelay() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("slow").slow(eventDelay: .milliseconds(40)))
            let clock = ContinuousClock()
            let started = clock.now
            let (connection, _) = try await postResponses(server)
            let events = try await connection.remainingEvents()
            #expect(events.count == 5)
            #expect(clock.now - started >= .milliseconds(200))
            #expect(connection.bodyEnd == .complete)
        }
    }

    @Test func emptyQueueAnswers500SayingTheScriptRanOut() async throws {
        try await MockResponsesServer.withServer { server in
            let (connection, head) = try await postResponses(server)
            #expect(head.status == 500)
            #expect(try await connection.readBody().contains("script ran out of replies"))
        }
    }

    @Test func recordsRequestsAndWaitsForThem() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("one"), .assistantText("two"))
            let body: JSONValue = [
                "model": "mock-model",
                "input": [
                    ["type": "message", "role": "user", "content": [["type": "input_text", "text": "hello"]]],
                    ["type": "function_call_output", "call_id": "call_7", "output": "done"],
                ],
            ]
            let (first, _) = try await postResponses(server, body: body)
            _ = try await first.remainingEvents()
            let connection = try await RawHTTPConnection.connect(port: server.port)
            try await connection.send(
                method: "POST", path: "/v1/responses", headers: [("Authorization", "Bearer k")], body: "not json")
            _ = try await connection.readHead()

            let requests = try await server.waitForRequests(count: 2, pathSuffix: "/responses")
            #expect(requests.map(\.method) == ["POST", "POST"])
            #expect(requests[0].path == "/v1/responses")
            #expect(requests[0].header("ACCEPT") == "text/event-stream")
            #expect(requests[0].body == body)
            #expect(requests[0].userTexts == ["hello"])
            #expect(requests[0].toolOutput(callID: "call_7")?["output"] == "done")
            #expect(requests[1].header("authorization") == "Bearer k")
            #expect(requests[1].body == nil)
            #expect(requests[1].bodyBytes == Array("not json".utf8))
        }
    }

    @Test func waitingForMoreRequestsThanArriveTimesOut() async throws {
        try await MockResponsesServer.withServer { server in
            await #expect(throws: TimeoutError.self) {
                _ = try await server.waitForRequests(count: 1, timeout: .milliseconds(100))
            }
        }
    }

    @Test func keepAliveConnectionServesSeveralRequests() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.httpError(status: 500, body: "first"), .assistantText("second"))
            let connection = try await RawHTTPConnection.connect(port: server.port)
            try await connection.send(method: "POST", path: "/v1/responses", body: "{}")
            #expect(try await connection.readHead().status == 500)
            #expect(try await connection.readBody() == "first")
            try await connection.send(method: "POST", path: "/v1/responses", body: "{}")
            #expect(try await connection.readHead().status == 200)
            #expect(types(try await connection.remainingEvents()).last == "response.completed")
        }
    }

    @Test func chatCompletionsStreamShape() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .chatText("Hi!", deltas: ["H", "i!"]),
                .chatToolCall(
                    callID: "call_c", name: "shell", arguments: #"{"cmd":"ls"}"#,
                    argumentDeltas: [#"{"cmd""#, #":"ls"}"#]))
            let (text, head) = try await postResponses(server, path: "/v1/chat/completions")
            #expect(head.status == 200)
            let textEvents = try await text.remainingEvents()
            #expect(textEvents.allSatisfy { $0.name == nil })
            #expect(textEvents.last?.data == "[DONE]")
            let deltas = textEvents.compactMap {
                $0.json?["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue
            }
            #expect(deltas.joined() == "Hi!")
            #expect(textEvents[0].json?["object"] == "chat.completion.chunk")
            #expect(textEvents[textEvents.count - 2].json?["choices"]?.arrayValue?.first?["finish_reason"] == "stop")

            let (tool, _) = try await postResponses(server, path: "/v1/chat/completions")
            let toolEvents = try await tool.remainingEvents()
            let calls = toolEvents.compactMap {
                $0.json?["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first
            }
            #expect(
                calls.first == [
                    "index": 0, "id": "call_c", "type": "function", "function": ["name": "shell", "arguments": ""],
                ])
            #expect(calls.compactMap { $0["function"]?["arguments"]?.stringValue }.joined() == #"{"cmd":"ls"}"#)
            #expect(
                toolEvents[toolEvents.count - 2].json?["choices"]?.arrayValue?.first?["finish_reason"] == "tool_calls")
            #expect(toolEvents.last == ChatSSE.done)
        }
    }

    @Test func modelsListDoesNotConsumeReplies() async throws {
        try await MockResponsesServer.withServer(
            script: MockScript(replies: [.assistantText("x")], models: ["m1", "m2"])
        ) {
            server in
            let connection = try await RawHTTPConnection.connect(port: server.port)
            try await connection.send(method: "GET", path: "/v1/models")
            #expect(try await connection.readHead().status == 200)
            let list = try JSONParser.parse(try await connection.readBody())
            #expect(list["object"] == "list")
            #expect(list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["m1", "m2"])
            #expect(server.pendingReplyCount == 1)

            let other = try await RawHTTPConnection.connect(port: server.port)
            try await other.send(method: "GET", path: "/nowhere")
            #expect(try await other.readHead().status == 404)
        }
    }

    @Test func shutdownClosesHeldConnectionsAndTheListener() async throws {
        let server = try await MockResponsesServer.start()
        server.enqueue(.assistantText("never finished").holding(afterEvents: 1))
        let (connection, _) = try await postResponses(server)
        _ = try await connection.nextEvent()
        try await server.waitUntilHeld()
        await server.shutdown()
        #expect(try await connection.remainingEvents().isEmpty)
        #expect(connection.bodyEnd == .closedEarly)
        await #expect(throws: RawHTTPConnection.ClientError.self) {
            _ = try await RawHTTPConnection.connect(port: server.port)
        }
        await server.shutdown()
    }

    @Test func releaseBeforeTheHoldLetsTheStreamPass() async throws {
        try await MockResponsesServer.withServer { server in
            server.release("early")
            server.enqueue(.assistantText("free").holding(afterEvents: 2, gate: "early"))
            let (connection, _) = try await postResponses(server)
            #expect(types(try await connection.remainingEvents()).last == "response.completed")
        }
    }
}
