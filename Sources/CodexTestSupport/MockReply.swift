public import CodexProtocol

/// One HTTP header name and value.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What the mock server answers to one model request: an event stream or a plain HTTP response,
/// plus pacing and faults (per-event delay, a hold point, a cut connection).
///
/// Build replies with the static functions (`assistantText`, `functionCall`, `httpError`, ...) and adjust
/// them with the modifiers (`slow(eventDelay:)`, `holding(afterEvents:gate:)`, `cut(afterEvents:)`).
public struct MockReply: Sendable, Hashable {
    /// The response body kind.
    public enum Body: Sendable, Hashable {
        /// `200 text/event-stream`, chunked; each event is flushed on its own.
        case eventStream([MockSSEEvent])
        /// A complete response with `content-length`.
        case plain(status: Int, contentType: String, body: String)
    }

    /// A point in an event stream where the server waits until the test calls `release(gate)`.
    public struct Hold: Sendable, Hashable {
        /// Number of events written before waiting.
        public var afterEvents: Int
        /// The name `MockResponsesServer.release(_:)` opens.
        public var gate: String

        public init(afterEvents: Int, gate: String) {
            self.afterEvents = afterEvents
            self.gate = gate
        }
    }

    public var body: Body
    /// Headers added to the response (for example `retry-after`).
    public var headers: [HTTPHeader]
    /// Wait before writing each event.
    public var eventDelay: Duration
    public var hold: Hold?
    /// Close the connection after this many events, without ending the chunked body.
    public var cutAfterEvents: Int?

    public init(
        body: Body, headers: [HTTPHeader] = [], eventDelay: Duration = .zero, hold: Hold? = nil,
        cutAfterEvents: Int? = nil
    ) {
        self.body = body
        self.headers = headers
        self.eventDelay = eventDelay
        self.hold = hold
        self.cutAfterEvents = cutAfterEvents
    }

    /// The events of a stream reply; empty for a plain reply.
    public var events: [MockSSEEvent] {
        if case .eventStream(let events) = body { return events }
        return []
    }
}

// MARK: - Responses API replies

extension MockReply {
    /// A stream of exactly these events (any list, including malformed ones).
    public static func stream(_ events: [MockSSEEvent]) -> MockReply {
        MockReply(body: .eventStream(events))
    }

    /// A whole response: `response.created`, for each item `output_item.added` + `output_item.done`,
    /// then `response.completed` with usage.
    public static func response(id: String = "resp_1", items: [JSONValue], usage: MockUsage = MockUsage())
        -> MockReply
    {
        var events = [SSE.responseCreated(id: id)]
        for (index, item) in items.enumerated() {
            events.append(SSE.outputItemAdded(item, outputIndex: Int64(index)))
            events.append(SSE.outputItemDone(item, outputIndex: Int64(index)))
        }
        events.append(SSE.completed(id: id, usage: usage))
        return .stream(events)
    }

    /// An assistant message streamed as text deltas (default: one delta with the whole text).
    public static func assistantText(
        _ text: String, deltas: [String]? = nil, responseID: String = "resp_1", itemID: String = "msg_1",
        usage: MockUsage = MockUsage()
    ) -> MockReply {
        let started: JSONValue = [
            "type": "message", "id": .string(itemID), "status": "in_progress", "role": "assistant", "content": [],
        ]
        var events = [SSE.responseCreated(id: responseID), SSE.outputItemAdded(started)]
        for delta in deltas ?? [text] {
            events.append(SSE.textDelta(delta, itemID: itemID))
        }
        events.append(SSE.assistantMessage(id: itemID, text: text))
        events.append(SSE.completed(id: responseID, usage: usage))
        return .stream(events)
    }

    /// A `function_call` turn; `arguments` is the JSON text (see the `JSONValue` overload).
    public static func functionCall(
        callID: String, name: String, arguments: String, responseID: String = "resp_1",
        usage: MockUsage = MockUsage()
    ) -> MockReply {
        let started = SSE.functionCallItem(callID: callID, name: name, arguments: "", status: "in_progress")
        return .stream([
            SSE.responseCreated(id: responseID), SSE.outputItemAdded(started),
            SSE.functionCall(callID: callID, name: name, arguments: arguments),
            SSE.completed(id: responseID, usage: usage),
        ])
    }

    /// A `function_call` turn whose arguments are this JSON value, serialized compactly.
    public static func functionCall(
        callID: String, name: String, arguments: JSONValue, responseID: String = "resp_1",
        usage: MockUsage = MockUsage()
    ) -> MockReply {
        functionCall(
            callID: callID, name: name, arguments: arguments.serialized(), responseID: responseID, usage: usage)
    }

    /// A `custom_tool_call` turn (freeform input, as `apply_patch` uses).
    public static func customToolCall(
        callID: String, name: String, input: String, responseID: String = "resp_1", usage: MockUsage = MockUsage()
    ) -> MockReply {
        let started = SSE.customToolCallItem(callID: callID, name: name, input: "", status: "in_progress")
        return .stream([
            SSE.responseCreated(id: responseID), SSE.outputItemAdded(started),
            SSE.customToolCall(callID: callID, name: name, input: input),
            SSE.completed(id: responseID, usage: usage),
        ])
    }

    /// `response.created` then `response.failed` with this error code and message.
    public static func failed(code: String, message: String, responseID: String = "resp_1") -> MockReply {
        .stream([SSE.responseCreated(id: responseID), SSE.failed(id: responseID, code: code, message: message)])
    }
}

// MARK: - Chat Completions replies

extension MockReply {
    /// Chunks as given, followed by `data: [DONE]`.
    public static func chatStream(_ chunks: [MockSSEEvent]) -> MockReply {
        .stream(chunks + [ChatSSE.done])
    }

    /// An assistant text answer streamed as `delta.content` pieces, ending with `finish_reason: stop`.
    public static func chatText(_ text: String, deltas: [String]? = nil) -> MockReply {
        chatStream([ChatSSE.roleDelta()] + (deltas ?? [text]).map(ChatSSE.textDelta) + [ChatSSE.finish("stop")])
    }

    /// One tool call streamed as `delta.tool_calls` pieces, ending with `finish_reason: tool_calls`.
    public static func chatToolCall(callID: String, name: String, arguments: String, argumentDeltas: [String]? = nil)
        -> MockReply
    {
        let pieces = argumentDeltas ?? [arguments]
        var chunks = [ChatSSE.roleDelta(), ChatSSE.toolCallDelta(id: callID, name: name, arguments: "")]
        chunks += pieces.map { ChatSSE.toolCallDelta(arguments: $0) }
        chunks.append(ChatSSE.finish("tool_calls"))
        return chatStream(chunks)
    }
}

// MARK: - Faults and modifiers

extension MockReply {
    /// A plain HTTP error (default 500) with a text body.
    public static func httpError(status: Int = 500, body: String = "mock server error", headers: [HTTPHeader] = [])
        -> MockReply
    {
        MockReply(body: .plain(status: status, contentType: "text/plain; charset=utf-8", body: body), headers: headers)
    }

    /// A complete JSON response (default 200), for endpoints that do not stream.
    public static func json(_ value: JSONValue, status: Int = 200) -> MockReply {
        MockReply(body: .plain(status: status, contentType: "application/json", body: value.serialized()))
    }

    /// `429 Too Many Requests` with a `retry-after` header (seconds) and an OpenAI-style JSON error body.
    public static func rateLimited(retryAfter: String = "1", message: String = "Rate limit reached") -> MockReply {
        let body: JSONValue = [
            "error": ["type": "rate_limit_exceeded", "code": "rate_limit_exceeded", "message": .string(message)]
        ]
        return MockReply(
            body: .plain(status: 429, contentType: "application/json", body: body.serialized()),
            headers: [HTTPHeader("retry-after", retryAfter)])
    }

    /// The same reply, waiting `eventDelay` before each event.
    public func slow(eventDelay: Duration) -> MockReply {
        var copy = self
        copy.eventDelay = eventDelay
        return copy
    }

    /// The same reply, pausing after `afterEvents` events until `MockResponsesServer.release(gate)`.
    public func holding(afterEvents: Int, gate: String = "hold") -> MockReply {
        var copy = self
        copy.hold = Hold(afterEvents: afterEvents, gate: gate)
        return copy
    }

    /// The same reply, closing the connection after `afterEvents` events (no terminating chunk).
    public func cut(afterEvents: Int) -> MockReply {
        var copy = self
        copy.cutAfterEvents = afterEvents
        return copy
    }

    /// The same reply with one more response header.
    public func header(_ name: String, _ value: String) -> MockReply {
        var copy = self
        copy.headers.append(HTTPHeader(name, value))
        return copy
    }
}

extension MockReply {
    /// A `function_call` turn naming a tool inside a `namespace` tool (an MCP server's `mcp__<server>`).
    public static func namespacedFunctionCall(
        callID: String, namespace: String, name: String, arguments: String, responseID: String = "resp_1"
    ) -> MockReply {
        var item = JSONObject()
        item["type"] = "function_call"
        item["id"] = .string("fc_" + callID)
        item["status"] = "completed"
        item["call_id"] = .string(callID)
        item["namespace"] = .string(namespace)
        item["name"] = .string(name)
        item["arguments"] = .string(arguments)
        return .response(id: responseID, items: [.object(item)])
    }
}
