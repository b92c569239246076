import CodexProtocol
import CodexTestSupport
import Testing

@Suite struct MockScriptTests {
    @Test func decodesEveryReplyKind() throws {
        let script = try MockScript(
            jsonText: #"""
                [
                  {"type": "assistant_text", "text": "hi", "deltas": ["h", "i"]},
                  {"type": "function_call", "call_id": "c1", "name": "shell", "arguments": {"command": ["ls"]}},
                  {"type": "function_call", "call_id": "c2", "name": "shell", "arguments": "{}", "response_id": "r2"},
                  {"type": "custom_tool_call", "call_id": "c3", "name": "apply_patch", "input": "patch"},
                  {"type": "response", "items": [{"type": "reasoning", "id": "rs_1", "summary": []}],
                   "usage": {"input_tokens": 4, "output_tokens": 6, "cached_input_tokens": 1}},
                  {"type": "events", "events": [{"type": "response.created", "response": {"id": "x"}}]},
                  {"type": "failed", "code": "insufficient_quota", "message": "no money"},
                  {"type": "chat_text", "text": "yo"},
                  {"type": "chat_tool_call", "call_id": "c4", "name": "f", "arguments": "{}"},
                  {"type": "chat_events", "chunks": [{"choices": []}]},
                  {"type": "http_error", "status": 503, "body": "down"},
                  {"type": "http_error"},
                  {"type": "rate_limited", "retry_after": 3},
                  {"type": "json", "body": {"ok": true}, "status": 201}
                ]
                """#)
        let expected: [MockReply] = [
            .assistantText("hi", deltas: ["h", "i"]),
            .functionCall(callID: "c1", name: "shell", arguments: #"{"command":["ls"]}"#),
            .functionCall(callID: "c2", name: "shell", arguments: "{}", responseID: "r2"),
            .customToolCall(callID: "c3", name: "apply_patch", input: "patch"),
            .response(
                items: [["type": "reasoning", "id": "rs_1", "summary": []]],
                usage: MockUsage(inputTokens: 4, cachedInputTokens: 1, outputTokens: 6)),
            .stream([MockSSEEvent(json: ["type": "response.created", "response": ["id": "x"]])]),
            .failed(code: "insufficient_quota", message: "no money"),
            .chatText("yo"),
            .chatToolCall(callID: "c4", name: "f", arguments: "{}"),
            .chatStream([.dataOnly(["choices": []])]),
            .httpError(status: 503, body: "down"),
            .httpError(),
            .rateLimited(retryAfter: "3"),
            .json(["ok": true], status: 201),
        ]
        #expect(script.replies.count == expected.count)
        for (decoded, wanted) in zip(script.replies, expected) { #expect(decoded == wanted) }
        #expect(script.models == ["mock-model"])
    }

    @Test func decodesModifiersAndTheObjectForm() throws {
        let script = try MockScript(
            jsonValue: [
                "models": ["a", "b"],
                "replies": [
                    [
                        "type": "assistant_text", "text": "t", "event_delay_ms": 25, "cut_after_events": 2,
                        "hold": ["after_events": 1, "gate": "g"], "headers": ["x-test": "1"],
                    ],
                    ["type": "assistant_text", "text": "t", "hold": ["after_events": 0]],
                ],
            ])
        #expect(script.models == ["a", "b"])
        #expect(
            script.replies[0]
                == MockReply.assistantText("t").slow(eventDelay: .milliseconds(25)).cut(afterEvents: 2)
                .holding(afterEvents: 1, gate: "g").header("x-test", "1"))
        #expect(script.replies[1].hold == MockReply.Hold(afterEvents: 0, gate: "hold"))
    }

    @Test(arguments: [
        (#"[{"type": "function_call", "name": "x", "arguments": "{}"}]"#, "replies[0].call_id", "missing"),
        (#"[{"type": "nope"}]"#, "replies[0].type", #"unknown reply type "nope""#),
        (#"[{"type": "assistant_text", "text": 3}]"#, "replies[0].text", "expected a string, got number"),
        (#"[{"type": "assistant_text", "text": "a", "colour": 1}]"#, "replies[0].colour", "unknown key"),
        (#"[{"type": "http_error"}, 7]"#, "replies[1]", "expected an object, got number"),
        (
            #"[{"type": "assistant_text", "text": "a", "event_delay_ms": -1}]"#, "replies[0].event_delay_ms",
            "must be at least 0"
        ),
        (#"[{"type": "events", "events": ["x"]}]"#, "replies[0].events[0]", "expected an object, got string"),
        (#"{"replies": [], "extra": 1}"#, "script.extra", "unknown key"),
        (#"{"replies": [{"type": "chat_text"}]}"#, "script.replies[0].text", "missing"),
        ("\"just a string\"", "script", "expected an array of replies or an object, got string"),
    ])
    func reportsThePathOfBadValues(json: String, path: String, reason: String) {
        #expect(throws: MockScriptError(path: path, reason: reason)) { try MockScript(jsonText: json) }
    }

    @Test func invalidJSONTextIsAnError() {
        let error = #expect(throws: MockScriptError.self) { try MockScript(jsonText: "[{") }
        #expect(error?.path == "script")
        #expect(error?.reason.hasPrefix("not valid JSON") == true)
    }

    @Test func loadsAScriptFileAndNamesItInErrors() throws {
        let directory = try TemporaryDirectory.create()
        defer { directory.remove() }
        let good = try directory.write(#"{"replies": [{"type": "chat_text", "text": "ok"}]}"#, to: "good.json")
        #expect(try MockScript(contentsOfFile: good).replies == [.chatText("ok")])
        let bad = try directory.write(#"[{"type": "failed", "code": "x"}]"#, to: "bad.json")
        #expect(throws: MockScriptError(path: "\(bad): replies[0].message", reason: "missing")) {
            try MockScript(contentsOfFile: bad)
        }
        let missing = directory.appending("missing.json")
        let error = #expect(throws: MockScriptError.self) { try MockScript(contentsOfFile: missing) }
        #expect(error?.path == missing)
    }

    @Test func decodedScriptDrivesTheServer() async throws {
        let script = try MockScript(jsonText: #"[{"type": "http_error", "status": 502, "body": "bad gateway"}]"#)
        try await MockResponsesServer.withServer(script: script) { server in
            let connection = try await RawHTTPConnection.connect(port: server.port)
            try await connection.send(method: "POST", path: "/v1/responses", body: "{}")
            #expect(try await connection.readHead().status == 502)
            #expect(try await connection.readBody() == "bad gateway")
        }
    }
}
