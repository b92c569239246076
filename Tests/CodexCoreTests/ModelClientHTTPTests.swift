import CodexConfig
import AsyncHTTPClient
import CodexCore
import CodexProtocol
import NIOCore
import Synchronization
import Testing

/// End-to-end: the real AsyncHTTPClient transport against `ScriptedHTTPServer` on 127.0.0.1.
@Suite("Model client over HTTP")
struct ModelClientHTTPTests {
    private static let created = RawResponse.event("response.created", #"{"type":"response.created","response":{"id":"resp_1"}}"#)
    private static func delta(_ text: String) -> String {
        RawResponse.event("response.output_text.delta", #"{"type":"response.output_text.delta","delta":"\#(text)"}"#)
    }
    private static let messageDone = RawResponse.event(
        "response.output_item.done",
        #"{"type":"response.output_item.done","item":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello"}]}}"#
    )
    private static let completed = RawResponse.event(
        "response.completed",
        #"{"type":"response.completed","response":{"id":"resp_1","usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5}}}"#
    )
    private static let success: [ScriptedHTTPServer.Step] = [
        .send(RawResponse.sseHead + created + delta("Hel") + delta("lo") + messageDone + completed + RawResponse.end),
    ]
    private static let serverError: [ScriptedHTTPServer.Step] = [
        .send(RawResponse.status(500, "Internal Server Error", body: #"{"error":{"message":"upstream down"}}"#)),
    ]

    private func client(
        _ server: ScriptedHTTPServer,
        wire: WireAPI = .responses,
        requestRetries: Int = 2,
        streamRetries: Int = 2,
        idle: Duration = .seconds(10)
    ) -> ModelClient {
        let provider = ModelProviderSettings(
            id: "mock", baseURL: server.baseURL, envKey: "MOCK_API_KEY", wireAPI: wire,
            requestMaxRetries: requestRetries, streamMaxRetries: streamRetries, streamIdleTimeout: idle
        )
        return ModelClient(
            provider: provider,
            identity: ModelClientIdentity(originator: "codex_exec", userAgent: "codex_exec/test"),
            environment: ["MOCK_API_KEY": "sk-test"],
            retryPolicy: RetryPolicy(baseDelay: .milliseconds(1))
        )
    }

    private let request = ModelRequest(
        model: "mock-model",
        input: [.message(MessageItem(role: "user", content: [.inputText("hi")]))],
        threadID: "thread-1"
    )

    /// The events of one call, without the rate-limit snapshot every Responses reply starts with
    /// (`RateLimitSnapshotTests` and the app-server's end-to-end test check those).
    private func collect(_ client: ModelClient, _ request: ModelRequest) async throws -> [ModelStreamEvent] {
        try await client.withEventStream(for: request) { events in
            var all: [ModelStreamEvent] = []
            for try await event in events where !Self.isRateLimits(event) { all.append(event) }
            return all
        }
    }

    private static func isRateLimits(_ event: ModelStreamEvent) -> Bool {
        if case .rateLimits = event { true } else { false }
    }

    private func withoutRetries(_ events: [ModelStreamEvent]) -> [ModelStreamEvent] {
        events.filter { if case .retrying = $0 { false } else { true } }
    }

    private func notices(_ events: [ModelStreamEvent]) -> [ModelRetryNotice] {
        events.compactMap { if case .retrying(let notice) = $0 { notice } else { nil } }
    }

    private static let expectedSuccess: [ModelStreamEvent] = [
        .created, .outputTextDelta("Hel"), .outputTextDelta("lo"),
        .outputItemDone(.message(MessageItem(role: "assistant", content: [.outputText("Hello")]))),
        .completed(responseID: "resp_1", usage: TokenUsage(inputTokens: 3, outputTokens: 2, totalTokens: 5)),
    ]

    @Test func firstDeltaReachesTheConsumerBeforeTheStreamEnds() async throws {
        let gate = TestGate()
        let script: [[ScriptedHTTPServer.Step]] = [[
            .send(RawResponse.sseHead + Self.created + Self.delta("Hel")),
            .waitFor(gate),
            .send(Self.delta("lo") + Self.messageDone + Self.completed + RawResponse.end),
        ]]
        try await ScriptedHTTPServer.with(script) { server in
            let events = try await client(server).withEventStream(for: request) { events in
                var all: [ModelStreamEvent] = []
                for try await event in events where !Self.isRateLimits(event) {
                    if event == .outputTextDelta("Hel") {
                        #expect(!gate.isOpen, "the first delta must arrive while the server still holds the rest")
                        gate.open()
                    }
                    all.append(event)
                }
                return all
            }
            #expect(events == Self.expectedSuccess)
            let sent = try #require(server.requests.first)
            #expect(sent.method == "POST")
            #expect(sent.path == "/v1/responses")
            #expect(sent.header("Authorization") == "Bearer sk-test")
            #expect(sent.header("Accept") == "text/event-stream")
            #expect(sent.header("originator") == "codex_exec")
            #expect(sent.header("thread-id") == "thread-1")
            let body = try JSONParser.parse(sent.body)
            #expect(body["model"] == "mock-model")
            #expect(body["stream"] == true)
            #expect(body["prompt_cache_key"] == "thread-1")
        }
    }

    @Test func serverErrorThenSuccessIsRetried() async throws {
        try await ScriptedHTTPServer.with([Self.serverError, Self.success]) { server in
            let events = try await collect(client(server), request)
            #expect(withoutRetries(events) == Self.expectedSuccess)
            let notice = try #require(notices(events).first)
            #expect(notices(events).count == 1)
            #expect(notice.scope == .request)
            #expect(notice.attempt == 1 && notice.maxAttempts == 2)
            #expect(notice.reason.contains("500") && notice.reason.contains("upstream down"))
            #expect(server.requests.count == 2)
        }
    }

    @Test func rateLimitHonoursRetryAfter() async throws {
        let limited: [ScriptedHTTPServer.Step] = [
            .send(RawResponse.status(429, "Too Many Requests", headers: ["retry-after-ms: 300"], body: #"{"error":{"message":"slow down"}}"#)),
        ]
        try await ScriptedHTTPServer.with([limited, Self.success]) { server in
            let start = ContinuousClock.now
            let events = try await collect(client(server), request)
            let elapsed = ContinuousClock.now - start
            #expect(withoutRetries(events) == Self.expectedSuccess)
            #expect(notices(events).map(\.delay) == [.milliseconds(300)])
            #expect(elapsed >= .milliseconds(300))
            #expect(server.requests.count == 2)
        }
    }

    @Test func cutStreamIsRetriedFromScratch() async throws {
        let cut: [ScriptedHTTPServer.Step] = [.send(RawResponse.sseHead + Self.created + Self.delta("par"))]
        try await ScriptedHTTPServer.with([cut, Self.success]) { server in
            let events = try await collect(client(server), request)
            #expect(Array(events.prefix(2)) == [.created, .outputTextDelta("par")])
            let notice = try #require(notices(events).first)
            #expect(notice.scope == .stream && notice.attempt == 1 && notice.maxAttempts == 2)
            #expect(Array(events.dropFirst(3)) == Self.expectedSuccess)
            #expect(server.requests.count == 2)
        }
    }

    @Test func streamEndingWithoutCompletedIsRetried() async throws {
        let early: [ScriptedHTTPServer.Step] = [.send(RawResponse.sseHead + Self.created + RawResponse.end)]
        try await ScriptedHTTPServer.with([early, Self.success]) { server in
            let events = try await collect(client(server), request)
            #expect(notices(events).first?.reason.contains("closed before response.completed") == true)
            #expect(Array(withoutRetries(events).dropFirst()) == Self.expectedSuccess)
        }
    }

    @Test func persistentServerErrorEndsWithAClearError() async throws {
        try await ScriptedHTTPServer.with([Self.serverError]) { server in
            let client = client(server, requestRetries: 1, streamRetries: 1)
            var seen: [ModelStreamEvent] = []
            do {
                _ = try await client.withEventStream(for: request) { events in
                    for try await event in events { seen.append(event) }
                }
                Issue.record("expected a failure")
            } catch let error as ModelClientError {
                #expect(error.kind == .httpStatus(code: 500, message: "upstream down"))
                #expect(error.attempts == 4)
                #expect(error.description == "model provider mock answered HTTP 500 Internal Server Error: upstream down (gave up after 4 attempts)")
            }
            #expect(notices(seen).map { "\($0.scope.rawValue) \($0.attempt)/\($0.maxAttempts)" } == [
                "request 1/1", "stream 1/1", "request 1/1",
            ])
            #expect(server.requests.count == 4)
        }
    }

    @Test func clientErrorIsNotRetried() async throws {
        let badRequest: [ScriptedHTTPServer.Step] = [
            .send(RawResponse.status(400, "Bad Request", body: #"{"error":{"message":"unknown model"}}"#)),
        ]
        try await ScriptedHTTPServer.with([badRequest]) { server in
            await #expect(throws: ModelClientError(provider: "mock", kind: .httpStatus(code: 400, message: "unknown model"), attempts: 1)) {
                try await collect(client(server), request)
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func usageLimitIsNotRetried() async throws {
        let limited: [ScriptedHTTPServer.Step] = [.send(RawResponse.status(
            429, "Too Many Requests", headers: ["Retry-After: 1"],
            body: #"{"error":{"type":"usage_limit_reached","message":"You've hit your usage limit."}}"#
        ))]
        try await ScriptedHTTPServer.with([limited]) { server in
            await #expect(throws: ModelClientError(provider: "mock", kind: .usageLimitReached(message: "You've hit your usage limit."), attempts: 1)) {
                try await collect(client(server), request)
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func connectionRefusedIsRetriedThenReported() async throws {
        let closedPort = try await ScriptedHTTPServer.with([]) { $0.port }
        let provider = ModelProviderSettings(
            id: "gone", baseURL: "http://127.0.0.1:\(closedPort)/v1", requestMaxRetries: 1, streamMaxRetries: 0
        )
        // AsyncHTTPClient keeps re-trying a refused connection until its connect timeout: keep it short.
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .milliseconds(300))
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let client = ModelClient(
            provider: provider, identity: ModelClientIdentity(originator: "o", userAgent: "u"), environment: [:],
            httpClient: httpClient, retryPolicy: RetryPolicy(baseDelay: .milliseconds(1))
        )
        var seen: [ModelStreamEvent] = []
        var failure: ModelClientError?
        do {
            _ = try await client.withEventStream(for: request) { events in
                for try await event in events { seen.append(event) }
            }
        } catch let error as ModelClientError {
            failure = error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        try await httpClient.shutdown()
        let error = try #require(failure)
        guard case .transport = error.kind else {
            Issue.record("expected a transport error, got \(error)")
            return
        }
        #expect(error.attempts == 2)
        #expect(error.description.hasPrefix("connection to model provider gone failed: "))
        #expect(notices(seen).map(\.scope) == [.request])
    }

    @Test func missingEnvKeyFailsBeforeSending() async throws {
        try await ScriptedHTTPServer.with([Self.success]) { server in
            var client = client(server)
            client.environment = [:]
            await #expect(throws: ModelClientError(provider: "mock", kind: .missingEnvironmentVariable(name: "MOCK_API_KEY", instructions: nil))) {
                try await collect(client, request)
            }
            #expect(server.requests.isEmpty)
        }
    }

    @Test func idleStreamTimesOut() async throws {
        let gate = TestGate()
        let stalled: [ScriptedHTTPServer.Step] = [.send(RawResponse.sseHead + Self.created), .waitFor(gate)]
        try await ScriptedHTTPServer.with([stalled]) { server in
            let client = client(server, streamRetries: 0, idle: .milliseconds(200))
            await #expect(throws: ModelClientError(provider: "mock", kind: .idleTimeout(.milliseconds(200)), attempts: 1)) {
                try await collect(client, request)
            }
            gate.open()
        }
    }

    @Test func failedResponseStopsWithATypedError() async throws {
        let failed: [ScriptedHTTPServer.Step] = [.send(
            RawResponse.sseHead + Self.created
                + RawResponse.event("response.failed", #"{"type":"response.failed","response":{"error":{"code":"context_length_exceeded","message":"too long"}}}"#)
                + RawResponse.end
        )]
        try await ScriptedHTTPServer.with([failed]) { server in
            await #expect(throws: ModelClientError(provider: "mock", kind: .responseFailed(.contextWindowExceeded(message: "too long")), attempts: 1)) {
                try await collect(client(server), request)
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func leavingTheBodyEarlyCancelsTheRequest() async throws {
        let gate = TestGate()
        let stalled: [ScriptedHTTPServer.Step] = [.send(RawResponse.sseHead + Self.created + Self.delta("Hel")), .waitFor(gate)]
        try await ScriptedHTTPServer.with([stalled]) { server in
            // Timed from the moment the consumer leaves, so a slow start on a loaded machine does not count.
            let left = Mutex<ContinuousClock.Instant?>(nil)
            let first = try await client(server, streamRetries: 0, idle: .seconds(30)).withEventStream(for: request) { events -> ModelStreamEvent? in
                for try await event in events {
                    if case .outputTextDelta = event {
                        left.withLock { $0 = .now }
                        return event
                    }
                }
                return nil
            }
            #expect(first == .outputTextDelta("Hel"))
            let leftAt = try #require(left.withLock { $0 })
            #expect(ContinuousClock.now - leftAt < .seconds(10), "the producer must stop when the consumer leaves")
            gate.open()
        }
    }

    @Test func cancellingTheConsumerTaskEndsTheCall() async throws {
        let gate = TestGate()
        let stalled: [ScriptedHTTPServer.Step] = [.send(RawResponse.sseHead + Self.created + Self.delta("Hel")), .waitFor(gate)]
        try await ScriptedHTTPServer.with([stalled]) { server in
            let client = client(server, streamRetries: 0, idle: .seconds(30))
            let request = request
            let sawDelta = TestGate()
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    try await client.withEventStream(for: request) { events in
                        var count = 0
                        for try await event in events where !Self.isRateLimits(event) {
                            count += 1
                            if case .outputTextDelta = event { sawDelta.open() }
                        }
                        return count
                    }
                }
                await sawDelta.wait()
                let start = ContinuousClock.now
                group.cancelAll()
                var count: Int?
                do {
                    count = try await group.next()
                } catch is CancellationError {
                    count = nil
                }
                #expect(ContinuousClock.now - start < .seconds(10), "cancellation must not wait for the stalled server")
                if let count { #expect(count == 2) }
            }
            gate.open()
        }
    }

    @Test func chatProviderStream() async throws {
        let chunks = [
            #"{"id":"c1","choices":[{"delta":{"role":"assistant","content":"Hi"}}]}"#,
            #"{"id":"c1","choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"shell","arguments":"{\"cmd\":"}}]}}]}"#,
            #"{"id":"c1","choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"ls\"}"}}]}}]}"#,
            #"{"id":"c1","choices":[{"delta":{},"finish_reason":"tool_calls"}]}"#,
            "[DONE]",
        ]
        let body = chunks.map { RawResponse.chunk("data: \($0)\n\n") }.joined()
        try await ScriptedHTTPServer.with([[.send(RawResponse.sseHead + body + RawResponse.end)]]) { server in
            let events = try await collect(client(server, wire: .chat), request)
            #expect(events == [
                .created,
                .outputItemAdded(.message(MessageItem(role: "assistant", content: []))),
                .outputTextDelta("Hi"),
                .outputItemDone(.message(MessageItem(role: "assistant", content: [.outputText("Hi")]))),
                .outputItemDone(.functionCall(FunctionCallItem(name: "shell", arguments: #"{"cmd":"ls"}"#, callID: "call_1"))),
                .completed(responseID: "c1", usage: nil),
            ])
            let sent = try #require(server.requests.first)
            #expect(sent.path == "/v1/chat/completions")
            let json = try JSONParser.parse(sent.body)
            #expect(json["messages"] == [["role": "user", "content": "hi"]])
            #expect(json["stream"] == true)
        }
    }
}
