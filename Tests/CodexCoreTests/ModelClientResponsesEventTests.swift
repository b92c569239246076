import CodexBasics
import CodexCore
import CodexProtocol
import Testing

@Suite("Responses SSE event mapping")
struct ModelClientResponsesEventTests {
    private let mapper = ResponsesEventMapper()

    private func map(_ json: String, event: String = "message") throws(ResponseFailure) -> [ModelStreamEvent] {
        try mapper.map(SSEEvent(event: event, data: json))
    }

    @Test func created() throws {
        #expect(try map(#"{"type":"response.created","response":{"id":"r1"}}"#) == [.created])
    }

    @Test func outputItemAddedAndDone() throws {
        let added = try map(#"{"type":"response.output_item.added","item":{"type":"message","role":"assistant","content":[]}}"#)
        #expect(added == [.outputItemAdded(.message(MessageItem(role: "assistant", content: [])))])
        let done = try map(
            #"{"type":"response.output_item.done","item":{"type":"function_call","id":"fc_1","name":"shell","arguments":"{}","call_id":"call_1"}}"#
        )
        #expect(done == [.outputItemDone(.functionCall(FunctionCallItem(id: "fc_1", name: "shell", arguments: "{}", callID: "call_1")))])
    }

    @Test func unparseableItemIsIgnored() throws {
        #expect(try map(#"{"type":"response.output_item.done","item":{"type":"message"}}"#).isEmpty)
        #expect(try map(#"{"type":"response.output_item.done"}"#).isEmpty)
    }

    @Test func deltas() throws {
        #expect(try map(#"{"type":"response.output_text.delta","delta":"Hel"}"#) == [.outputTextDelta("Hel")])
        #expect(
            try map(#"{"type":"response.reasoning_summary_text.delta","delta":"think","summary_index":2}"#)
                == [.reasoningSummaryDelta("think", summaryIndex: 2)]
        )
        #expect(
            try map(#"{"type":"response.reasoning_summary_part.added","summary_index":1}"#)
                == [.reasoningSummaryPartAdded(summaryIndex: 1)]
        )
        #expect(
            try map(#"{"type":"response.reasoning_text.delta","delta":"raw","content_index":0}"#)
                == [.reasoningContentDelta("raw", contentIndex: 0)]
        )
    }

    @Test func completedWithUsage() throws {
        let json = #"""
            {"type":"response.completed","response":{"id":"resp_9","usage":{"input_tokens":12,
            "input_tokens_details":{"cached_tokens":3},"output_tokens":7,
            "output_tokens_details":{"reasoning_tokens":2},"total_tokens":19}}}
            """#
        let usage = TokenUsage(inputTokens: 12, cachedInputTokens: 3, outputTokens: 7, reasoningOutputTokens: 2, totalTokens: 19)
        #expect(try map(json) == [.completed(responseID: "resp_9", usage: usage)])
    }

    @Test func completedWithoutUsage() throws {
        #expect(try map(#"{"type":"response.completed","response":{"id":"r"}}"#) == [.completed(responseID: "r", usage: nil)])
    }

    @Test func typeFallsBackToTheEventName() throws {
        #expect(try map(#"{"delta":"x"}"#, event: "response.output_text.delta") == [.outputTextDelta("x")])
    }

    @Test func unknownEventsAndBadJSONAreIgnored() throws {
        #expect(try map(#"{"type":"response.in_progress"}"#).isEmpty)
        #expect(try map(#"{"type":"response.content_part.added","part":{}}"#).isEmpty)
        #expect(try map("not json").isEmpty)
        #expect(try map("[1,2]").isEmpty)
    }

    private func failure(_ code: String, _ message: String) -> ResponseFailure? {
        let json = #"{"type":"response.failed","response":{"error":{"code":"\#(code)","message":"\#(message)"}}}"#
        do {
            _ = try map(json)
            return nil
        } catch {
            return error
        }
    }

    @Test func failedContextLengthExceeded() {
        let failure = failure("context_length_exceeded", "too long")
        #expect(failure == .contextWindowExceeded(message: "too long"))
        #expect(failure?.isRetryable == false)
    }

    @Test func failedInsufficientQuota() {
        #expect(failure("insufficient_quota", "pay up") == .quotaExceeded(message: "pay up"))
    }

    @Test func failedRateLimitParsesTheDelay() {
        let failure = failure("rate_limit_exceeded", "Rate limit reached. Please try again in 1.5s. Visit x.")
        #expect(failure == .rateLimited(message: "Rate limit reached. Please try again in 1.5s. Visit x.", retryAfter: .milliseconds(1500)))
        #expect(failure?.isRetryable == true)
    }

    @Test func failedOtherIsRetryable() {
        let failure = failure("server_error", "oops")
        #expect(failure == .other(code: "server_error", message: "oops"))
        #expect(failure?.isRetryable == true)
    }

    @Test func incompleteIsAFailure() {
        #expect(throws: ResponseFailure.incomplete(reason: "max_output_tokens")) {
            try map(#"{"type":"response.incomplete","response":{"incomplete_details":{"reason":"max_output_tokens"}}}"#)
        }
    }
}
