import CodexBasics
import CodexConfig
public import AsyncHTTPClient
public import CodexLogin
public import CodexProtocol
import NIOCore
import NIOHTTP1

/// Who is calling the model: sent as the `originator` and `User-Agent` headers.
public struct ModelClientIdentity: Sendable, Hashable {
    /// `codex_exec`, `codex_cli_rs`, or an app-server client's name.
    public var originator: String
    public var userAgent: String

    public init(originator: String, userAgent: String) {
        self.originator = originator
        self.userAgent = userAgent
    }
}

/// Streams model responses from a provider over HTTP (Responses API or Chat Completions), with the
/// reference's retry rules.
///
/// Retries: an HTTP attempt that fails before the stream starts (429, 5xx, connection error) is sent
/// again up to `requestMaxRetries` times, honouring `retry-after-ms` / `Retry-After`; a stream that
/// breaks (cut before completion, idle for `streamIdleTimeout`, retryable `response.failed`, or all
/// request retries used) restarts the whole request up to `streamMaxRetries` times, honouring a
/// "try again in" hint. Other delays follow `retryPolicy`. Every retry is announced with a
/// `.retrying` event before the delay; see `ModelStreamEvent` for what the consumer must discard.
///
/// All model clients share one process-wide `HTTPClient` (`ModelClient.sharedHTTPClient`, never
/// shut down); a caller that injects its own client owns its shutdown.
public struct ModelClient: Sendable {
    public var provider: ModelProviderSettings
    public var identity: ModelClientIdentity
    /// The login credential used when the provider has no `env_key` (a snapshot; `withEventStream`
    /// takes a fresh one from `authManager` when there is one).
    public var auth: CodexAuth?
    /// The process's login state: read (and refreshed when due) before each request.
    public var authManager: AuthManager?
    /// The process environment, passed in so nothing reads globals.
    public var environment: [String: String]
    public var retryPolicy: RetryPolicy
    let httpClient: HTTPClient

    public init(
        provider: ModelProviderSettings,
        identity: ModelClientIdentity,
        auth: CodexAuth? = nil,
        authManager: AuthManager? = nil,
        environment: [String: String],
        httpClient: HTTPClient = ModelClient.sharedHTTPClient,
        retryPolicy: RetryPolicy = .standard
    ) {
        self.provider = provider
        self.identity = identity
        self.auth = auth
        self.authManager = authManager
        self.environment = environment
        self.httpClient = httpClient
        self.retryPolicy = retryPolicy
    }

    /// The request headers in send order: `Authorization` (when a token resolves), `Content-Type`,
    /// `Accept: text/event-stream`, `originator`, `User-Agent`, `session-id` and `thread-id`, `chatgpt-account-id` (ChatGPT logins), the
    /// provider's headers, then the request's extra headers. A later header replaces an earlier one
    /// of the same name. Throws when the provider's `env_key` variable is missing or blank.
    public func requestHeaders(for request: ModelRequest) throws(ModelClientError) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        func set(_ name: String, _ value: String) {
            guard ModelProviderSettings.isValidHeader(name: name, value: value) else { return }
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        let credentials = try provider.credentials(auth: auth, environment: environment)
        if let credentials { set("Authorization", "Bearer \(credentials.bearerToken)") }
        set("Content-Type", "application/json")
        set("Accept", "text/event-stream")
        set("originator", identity.originator)
        set("User-Agent", identity.userAgent)
        set("session-id", request.threadID)
        set("thread-id", request.threadID)
        if let accountID = credentials?.chatgptAccountID { set("chatgpt-account-id", accountID) }
        for header in provider.providerHeaders(environment: environment) { set(header.name, header.value) }
        for (name, value) in request.extraHeaders.sorted(by: { $0.key < $1.key }) { set(name, value) }
        return headers
    }

    /// The request body for the provider's wire API.
    public func requestBody(for request: ModelRequest) throws(ModelClientError) -> JSONValue {
        do {
            switch provider.wireAPI {
            case .responses: return try request.responsesBody(azure: provider.isAzureResponsesEndpoint)
            case .chat: return try request.chatCompletionsBody()
            }
        } catch {
            throw ModelClientError(provider: provider.name, kind: .invalidRequest("cannot encode the request body: \(error)"))
        }
    }

    /// Sends `request` and hands `body` the stream of its events; returns what `body` returns.
    ///
    /// The producing task lives in a task group inside this call: when `body` returns or throws, the
    /// producer is cancelled and awaited, and cancelling it cancels the HTTP request. Cancelling the
    /// calling task ends the event stream and therefore the request too. The stream finishes after
    /// `.completed`, or throws a `ModelClientError` once retries are used up (or `CancellationError`).
    /// Header and body errors (e.g. a missing `env_key` variable) are thrown before anything is sent.
    public func withEventStream<Output>(
        for request: ModelRequest,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ModelEventStream) async throws -> Output
    ) async throws -> Output {
        var withAuth = self
        if provider.envKey == nil, let authManager {
            withAuth.auth = await authManager.auth()
            // A store that cannot be read (an unreachable keyring, a malformed auth.json) is the
            // user's problem to fix, not an anonymous request the provider then refuses.
            if withAuth.auth == nil, provider.requiresOpenAIAuth, let failure = await authManager.loadError {
                throw ModelClientError(provider: provider.name, kind: .invalidRequest("cannot read the stored credentials: \(failure)"))
            }
        }
        let client = withAuth
        let prepared = PreparedRequest(
            url: provider.requestURL,
            headers: try client.requestHeaders(for: request),
            body: try requestBody(for: request).serializedBytes()
        )
        let (stream, continuation) = ModelEventStream.makeStream()
        return try await withThrowingTaskGroup(of: Void.self, returning: Output.self) { group in
            group.addTask { await client.produce(prepared, into: continuation, consumer: isolation) }
            defer { group.cancelAll() }
            return try await body(stream)
        }
    }

    struct PreparedRequest: Sendable {
        var url: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    /// Runs attempts until one completes, a non-retryable error occurs, or retries are used up.
    ///
    /// `consumer` is the actor that reads the stream, if any: each HTTP exchange runs on it, so handing events
    /// over to the reader never wakes another thread.
    func produce(
        _ request: PreparedRequest, into continuation: ModelEventStream.Continuation, consumer: (any Actor)?
    ) async {
        var request = request
        var streamRetries = 0
        var attempts = 0
        var recoveredUnauthorized = false
        while true {
            let error: ModelClientError
            do {
                try await runWithRequestRetries(request, continuation: continuation, attempts: &attempts, consumer: consumer)
                continuation.finish()
                return
            } catch let failure as ModelClientError {
                // A ChatGPT login's 401: once per request, take tokens another process stored or refresh, then resend.
                if !recoveredUnauthorized, case .httpStatus(401, _) = failure.kind,
                    let headers = await headersAfterUnauthorized(request.headers)
                {
                    recoveredUnauthorized = true
                    request.headers = headers
                    continue
                }
                error = failure
            } catch {
                continuation.finish(throwing: error)
                return
            }
            if Task.isCancelled {
                continuation.finish(throwing: CancellationError())
                return
            }
            guard error.isRetryable, streamRetries < provider.streamMaxRetries else {
                var final = error
                final.attempts = attempts
                continuation.finish(throwing: final)
                return
            }
            streamRetries += 1
            let delay = retryPolicy.delay(attempt: streamRetries, serverHint: error.retryAfter)
            let notice = ModelRetryNotice(
                scope: .stream, attempt: streamRetries, maxAttempts: provider.streamMaxRetries,
                reason: error.description, delay: delay
            )
            guard await announceAndWait(notice, continuation) else { return }
        }
    }

    /// The headers with a ChatGPT login's recovered credentials, nil when there is nothing to retry with
    /// (an API key or `env_key` provider, no manager, or the refresh failed).
    func headersAfterUnauthorized(_ headers: [(name: String, value: String)]) async -> [(name: String, value: String)]? {
        guard provider.envKey == nil, let authManager, case .chatgpt(let used)? = auth else { return nil }
        let fresh: CodexAuth?
        do {
            fresh = try await authManager.recoverFromUnauthorized(usedAccessToken: used.tokens.accessToken)
        } catch {
            return nil
        }
        guard let fresh, case .chatgpt = fresh else { return nil }
        var updated = headers.filter { !["authorization", "chatgpt-account-id"].contains($0.name.lowercased()) }
        updated.insert((name: "Authorization", value: "Bearer \(fresh.bearerToken)"), at: 0)
        if let accountID = fresh.chatgptAccountID { updated.append((name: "chatgpt-account-id", value: accountID)) }
        return updated
    }

    /// One stream attempt: HTTP attempts until one gets a stream going (or fails in a way the
    /// request level does not retry).
    func runWithRequestRetries(
        _ request: PreparedRequest,
        continuation: ModelEventStream.Continuation,
        attempts: inout Int,
        consumer: (any Actor)?
    ) async throws {
        var requestRetries = 0
        while true {
            attempts += 1
            do {
                try await runAttempt(request, continuation: continuation, consumer: consumer)
                return
            } catch let failure as AttemptFailure {
                guard failure.retryableByRequest, requestRetries < provider.requestMaxRetries, !Task.isCancelled else {
                    throw failure.error
                }
                requestRetries += 1
                let delay = retryPolicy.delay(attempt: requestRetries, serverHint: failure.error.retryAfter)
                let notice = ModelRetryNotice(
                    scope: .request, attempt: requestRetries, maxAttempts: provider.requestMaxRetries,
                    reason: failure.error.description, delay: delay
                )
                guard await announceAndWait(notice, continuation) else { throw CancellationError() }
            }
        }
    }

    /// Yields the notice and sleeps; false when the consumer is gone or the task was cancelled.
    func announceAndWait(_ notice: ModelRetryNotice, _ continuation: ModelEventStream.Continuation) async -> Bool {
        guard continuation.send(.retrying(notice)) else { return false }
        do {
            try await Task.sleep(for: notice.delay)
            return true
        } catch {
            continuation.finish(throwing: CancellationError())
            return false
        }
    }

    /// One HTTP exchange, raced against the idle watchdog.
    func runAttempt(
        _ request: PreparedRequest, continuation: ModelEventStream.Continuation, consumer: (any Actor)?
    ) async throws {
        let activity = ActivityClock()
        let idleTimeout = provider.streamIdleTimeout
        let providerName = provider.name
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await self.exchange(request, activity: activity, continuation: continuation, isolation: consumer)
            }
            group.addTask {
                try await activity.waitUntilIdle(for: idleTimeout)
                throw AttemptFailure(
                    error: ModelClientError(provider: providerName, kind: .idleTimeout(idleTimeout)),
                    retryableByRequest: false
                )
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
    }

    /// Sends the request and streams its body into `continuation`, returning once completed.
    func exchange(
        _ request: PreparedRequest,
        activity: ActivityClock,
        continuation: ModelEventStream.Continuation,
        isolation: isolated (any Actor)?
    ) async throws {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = .POST
        for header in request.headers { httpRequest.headers.add(name: header.name, value: header.value) }
        httpRequest.body = .bytes(ByteBuffer(bytes: request.body))

        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(httpRequest, deadline: .distantFuture)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw AttemptFailure(error: failure(.transport("\(error)")), retryableByRequest: !Self.isInvalidURL(error))
        }
        activity.touch()
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            throw await statusFailure(status, response)
        }
        if provider.wireAPI == .responses {
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            guard continuation.send(.rateLimits(RateLimitSnapshot(headers: headers))) else { throw CancellationError() }
        }

        var parser = SSEParser()
        let responses = ResponsesEventMapper()
        var chat = ChatCompletionsEventMapper()
        /// Hands `events` over as one batch, up to and including `.completed`; true once that was among them.
        func deliver(_ events: [ModelStreamEvent]) throws -> Bool {
            guard !events.isEmpty else { return false }
            let end = events.firstIndex { if case .completed = $0 { return true } else { return false } }
            let batch = end.map { Array(events[...$0]) } ?? events
            guard continuation.send(contentsOf: batch) else { throw CancellationError() }
            return end != nil
        }
        do {
            for try await chunk in response.body {
                activity.touch()
                var events: [ModelStreamEvent] = []
                do {
                    for event in parser.feed(chunk.readableBytesView) {
                        switch provider.wireAPI {
                        case .responses: events += try responses.map(event)
                        case .chat: events += chat.map(event)
                        }
                    }
                } catch {
                    _ = try deliver(events)  // what the chunk held before the failure
                    throw error
                }
                if try deliver(events) { return }
            }
        } catch let responseFailure as ResponseFailure {
            var error = failure(.responseFailed(responseFailure))
            if case .rateLimited(_, let retryAfter) = responseFailure { error.retryAfter = retryAfter }
            throw AttemptFailure(error: error, retryableByRequest: false)
        } catch let cancellation as CancellationError {
            throw cancellation
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw AttemptFailure(error: failure(.transport("stream interrupted: \(error)")), retryableByRequest: false)
        }
        if provider.wireAPI == .chat, let events = chat.finish(), try deliver(events) { return }
        throw AttemptFailure(error: failure(.streamClosedBeforeCompletion), retryableByRequest: false)
    }

    /// Reads (at most 64 KiB of) an error response and classifies it.
    func statusFailure(_ status: Int, _ response: HTTPClientResponse) async -> AttemptFailure {
        var bytes: [UInt8] = []
        let limit = 64 * 1024
        do {
            for try await chunk in response.body {
                bytes += chunk.readableBytesView.prefix(limit - bytes.count)
                if bytes.count >= limit { break }
            }
        } catch {
            // Keep what arrived; the status alone still explains the failure.
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let json = try? JSONParser.parse(text)
        let errorObject = json?["error"]
        let message = errorObject?["message"]?.stringValue ?? json?["message"]?.stringValue ?? text.trimmingWhitespace
        let errorType = errorObject?["type"]?.stringValue ?? errorObject?["code"]?.stringValue
        let headers = response.headers.map { (name: $0.name, value: $0.value) }
        let hint = RetryHint.delay(fromHeaders: headers) ?? RetryHint.delay(fromMessage: message)
        if status == 429, errorType == "usage_limit_reached" || errorType == "usage_not_included" {
            return AttemptFailure(error: failure(.usageLimitReached(message: message)), retryableByRequest: false)
        }
        var error = failure(.httpStatus(code: status, message: message))
        error.retryAfter = hint
        return AttemptFailure(error: error, retryableByRequest: error.isRetryable)
    }

    func failure(_ kind: ModelClientError.Kind) -> ModelClientError {
        ModelClientError(provider: provider.name, kind: kind)
    }

    static func isInvalidURL(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return false }
        return [HTTPClientError.invalidURL, .emptyHost, .emptyScheme].contains(error)
            || String(describing: error).contains("unsupportedScheme")
    }
}

/// A failed HTTP attempt and whether the request level may retry it.
struct AttemptFailure: Error {
    var error: ModelClientError
    var retryableByRequest: Bool
}
