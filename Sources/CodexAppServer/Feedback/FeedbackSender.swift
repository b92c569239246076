import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1

/// Posts one report to Sentry: the event envelope first (its failure fails the report), then one
/// envelope per attachment under the same event id, all within one deadline. An attachment is retried
/// twice (after 250 and 500 ms) on 408, 429, 5xx or a connection failure; once Sentry signals a rate
/// limit the remaining attachments are not sent. A failed attachment fails the report after the others
/// were tried, as 0.163.0 does.
struct FeedbackSender: Sendable {
    let dsn: SentryDSN
    /// `sentry_client` of the auth header.
    let clientName: String
    /// The whole report's budget (the reference's 300 s).
    var budget: TimeAmount = .seconds(300)

    /// The process's feedback HTTP client (never shut down, like the MCP and model clients): a 10 s connect
    /// timeout and no retried connection attempts, so an unreachable backend fails the request at once
    /// (as reqwest does for the reference) instead of at the deadline.
    static let httpClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: nil)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Largest event envelope sent (Sentry's event limit).
    static let maximumEventBytes = 1024 * 1024

    /// Sends the report; returns how many attachments Sentry accepted.
    @discardableResult
    func send(event: FeedbackEvent, attachments: [FeedbackAttachment]) async throws(FeedbackUploadError) -> Int {
        let deadline = NIODeadline.now() + budget
        var eventEnvelope = SentryEnvelope(eventID: event.eventID.uuidString.lowercased())
        eventEnvelope.items.append(SentryEnvelope.eventItem(event.json()))
        let eventBody = eventEnvelope.serialized()
        guard eventBody.count <= Self.maximumEventBytes else { throw .eventTooLarge }
        var rateLimited = false
        let status: Int
        do {
            status = try await post(eventBody, deadline: deadline, rateLimited: &rateLimited)
        } catch {
            throw .transport(String(describing: error))
        }
        guard (200..<300).contains(status) else {
            throw .rejected(status: status, reason: HTTPResponseStatus(statusCode: status).reasonPhrase)
        }
        var uploaded = 0
        var failed = false
        for attachment in attachments {
            if rateLimited || NIODeadline.now() >= deadline {
                failed = true
                break
            }
            var envelope = SentryEnvelope(eventID: event.eventID.uuidString.lowercased())
            envelope.items.append(SentryEnvelope.attachmentItem(attachment))
            if await sendAttachment(envelope.serialized(), deadline: deadline, rateLimited: &rateLimited) {
                uploaded += 1
            } else {
                failed = true
                FeedbackLogBuffer.shared.append("feedback attachment upload failed; continuing (\(attachment.filename))")
            }
        }
        FeedbackLogBuffer.shared.append(
            "feedback event uploaded to Sentry thread_id=\(event.threadID) uploaded_attachments=\(uploaded) attachments_failed=\(failed)")
        if failed { throw .attachmentsFailed }
        return uploaded
    }

    /// One attachment envelope with its retries; true when Sentry accepted it.
    private func sendAttachment(_ body: [UInt8], deadline: NIODeadline, rateLimited: inout Bool) async -> Bool {
        var delays: [TimeAmount] = [.milliseconds(250), .milliseconds(500)]
        while true {
            let retryable: Bool
            do {
                let status = try await post(body, deadline: deadline, rateLimited: &rateLimited)
                if (200..<300).contains(status) { return true }
                if status == 429 { rateLimited = true }
                retryable = status == 408 || status == 429 || (500..<600).contains(status)
            } catch {
                retryable = true
            }
            guard retryable, !rateLimited, !delays.isEmpty else { return false }
            let delay = delays.removeFirst()
            guard NIODeadline.now() + delay < deadline else { return false }
            do {
                try await Task.sleep(nanoseconds: UInt64(delay.nanoseconds))
            } catch {
                return false
            }
        }
    }

    /// POSTs one envelope; returns the status. A `X-Sentry-Rate-Limits` or nonzero `Retry-After` answer
    /// sets `rateLimited`.
    private func post(_ body: [UInt8], deadline: NIODeadline, rateLimited: inout Bool) async throws -> Int {
        var request = HTTPClientRequest(url: dsn.envelopeURL)
        request.method = .POST
        let now = Date().timeIntervalSince1970
        request.headers.add(name: "X-Sentry-Auth", value: dsn.authorization(client: clientName, timestamp: now))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await Self.httpClient.execute(request, deadline: deadline)
        _ = try await response.body.collect(upTo: 1 << 20)
        let limits = response.headers["X-Sentry-Rate-Limits"].joined()
        let retryAfter = response.headers["Retry-After"].first.flatMap { Int($0) }
        if !limits.isEmpty || (retryAfter.map { $0 > 0 } ?? false) { rateLimited = true }
        return Int(response.status.code)
    }
}
