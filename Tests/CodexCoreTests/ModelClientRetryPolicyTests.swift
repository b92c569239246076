import CodexCore
import Testing

@Suite("Retry policy and hints")
struct ModelClientRetryPolicyTests {
    @Test func backoffDoublesFromTwoHundredMilliseconds() {
        let middle = RetryPolicy(baseDelay: .milliseconds(200), random: { 0.5 })
        #expect(middle.backoff(attempt: 1) == .milliseconds(200))
        #expect(middle.backoff(attempt: 2) == .milliseconds(400))
        #expect(middle.backoff(attempt: 3) == .milliseconds(800))
        #expect(middle.backoff(attempt: 0) == .milliseconds(200))
    }

    @Test func jitterSpansPlusMinusTenPercent() {
        let low = RetryPolicy(baseDelay: .milliseconds(200), random: { 0 })
        let high = RetryPolicy(baseDelay: .milliseconds(200), random: { 1 })
        #expect(low.backoff(attempt: 1) == .milliseconds(180))
        #expect(high.backoff(attempt: 1) == .milliseconds(220))
        #expect(low.backoff(attempt: 3) == .milliseconds(720))
    }

    @Test func standardPolicyStaysWithinBounds() {
        for attempt in 1...5 {
            let delay = RetryPolicy.standard.backoff(attempt: attempt)
            let nominal = Duration.milliseconds(200) * (1 << (attempt - 1))
            #expect(delay >= nominal * 0.9 && delay <= nominal * 1.1)
        }
    }

    @Test func hugeAttemptNumbersDoNotOverflow() {
        let policy = RetryPolicy(baseDelay: .milliseconds(1), random: { 0.5 })
        #expect(policy.backoff(attempt: 10_000) == .seconds(1000))
    }

    @Test func serverHintWinsOverBackoff() {
        let policy = RetryPolicy(baseDelay: .milliseconds(200), random: { 0.5 })
        #expect(policy.delay(attempt: 2, serverHint: .seconds(3)) == .seconds(3))
        #expect(policy.delay(attempt: 2, serverHint: nil) == .milliseconds(400))
    }

    @Test func retryAfterHeaders() {
        #expect(RetryHint.delay(fromHeaders: [("Retry-After", "1")]) == .seconds(1))
        #expect(RetryHint.delay(fromHeaders: [("retry-after", " 2.5 ")]) == .milliseconds(2500))
        #expect(RetryHint.delay(fromHeaders: [("Retry-After", "5"), ("retry-after-ms", "250")]) == .milliseconds(250))
        #expect(RetryHint.delay(fromHeaders: [("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")]) == nil)
        #expect(RetryHint.delay(fromHeaders: [("Retry-After", "-1")]) == nil)
        #expect(RetryHint.delay(fromHeaders: []) == nil)
    }

    @Test func tryAgainInMessages() {
        #expect(RetryHint.delay(fromMessage: "Rate limit reached. Please try again in 11.054s. Visit") == .milliseconds(11054))
        #expect(RetryHint.delay(fromMessage: "Please try again in 28ms.") == .milliseconds(28))
        #expect(RetryHint.delay(fromMessage: "Try again in 35 seconds.") == .seconds(35))
        #expect(RetryHint.delay(fromMessage: "try again in a moment, then try again in 2s") == .seconds(2))
        #expect(RetryHint.delay(fromMessage: "Please try again later.") == nil)
        #expect(RetryHint.delay(fromMessage: "") == nil)
    }

    @Test func retryNoticeMessage() {
        let notice = ModelRetryNotice(scope: .stream, attempt: 1, maxAttempts: 2, reason: "boom", delay: .zero)
        #expect(notice.message == "Reconnecting... 1/2 (boom)")
    }

    @Test func errorMessagesNameProviderStatusAndServerMessage() {
        let error = ModelClientError(provider: "mock", kind: .httpStatus(code: 500, message: "server exploded"), attempts: 4)
        #expect(error.description == "model provider mock answered HTTP 500 Internal Server Error: server exploded (gave up after 4 attempts)")
        #expect(error.isRetryable)
        #expect(!ModelClientError(provider: "p", kind: .httpStatus(code: 400, message: "")).isRetryable)
        #expect(ModelClientError(provider: "p", kind: .httpStatus(code: 429, message: "")).isRetryable)
        #expect(ModelClientError(provider: "p", kind: .idleTimeout(.milliseconds(1500))).description
            == "idle timeout waiting for SSE from p (no data for 1500ms)")
    }
}
