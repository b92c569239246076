/// Why a model request failed, with the provider's name for the message.
public struct ModelClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The failure itself.
    public enum Kind: Sendable, Hashable {
        /// The provider's `env_key` variable is unset or blank.
        case missingEnvironmentVariable(name: String, instructions: String?)
        /// The server answered with a non-success status; `message` is its error message or body.
        case httpStatus(code: Int, message: String)
        /// A 429 whose error type says the plan's usage limit is reached (`usage_limit_reached`,
        /// `usage_not_included`): retrying cannot help.
        case usageLimitReached(message: String)
        /// The connection failed, or broke while the response streamed.
        case transport(String)
        /// No bytes arrived for the provider's `stream_idle_timeout_ms`.
        case idleTimeout(Duration)
        /// The body ended before `response.completed` (or, for chat, before a finish/`[DONE]`).
        case streamClosedBeforeCompletion
        /// The server reported `response.failed` or `response.incomplete`.
        case responseFailed(ResponseFailure)
        /// The request could not be built (bad URL, body encoding).
        case invalidRequest(String)
    }

    public var provider: String
    public var kind: Kind
    /// The server's hint for when to retry (`Retry-After`, "try again in 2s").
    public var retryAfter: Duration?
    /// How many attempts were made before giving up (0 when none was possible).
    public var attempts: Int

    public init(provider: String, kind: Kind, retryAfter: Duration? = nil, attempts: Int = 0) {
        self.provider = provider
        self.kind = kind
        self.retryAfter = retryAfter
        self.attempts = attempts
    }

    /// Whether the whole request may be sent again (the stream-level retry decision).
    public var isRetryable: Bool {
        switch kind {
        case .missingEnvironmentVariable, .invalidRequest, .usageLimitReached: return false
        case .httpStatus(let code, _): return code == 429 || code >= 500
        case .transport, .idleTimeout, .streamClosedBeforeCompletion: return true
        case .responseFailed(let failure): return failure.isRetryable
        }
    }

    public var description: String {
        let base: String
        switch kind {
        case .missingEnvironmentVariable(let name, let instructions):
            return "Missing environment variable: `\(name)`." + (instructions.map { " \($0)" } ?? "")
        case .httpStatus(let code, let message):
            let reason = Self.reasonPhrase(code).map { " \($0)" } ?? ""
            base = "model provider \(provider) answered HTTP \(code)\(reason)" + (message.isEmpty ? "" : ": \(message)")
        case .usageLimitReached(let message):
            base = "model provider \(provider) answered HTTP 429 Too Many Requests: usage limit reached: \(message)"
        case .transport(let message):
            base = "connection to model provider \(provider) failed: \(message)"
        case .idleTimeout(let timeout):
            base = "idle timeout waiting for SSE from \(provider) (no data for \(Self.seconds(timeout)))"
        case .streamClosedBeforeCompletion:
            base = "stream from \(provider) closed before response.completed"
        case .responseFailed(let failure):
            base = "model provider \(provider) reported a failed response: \(failure)"
        case .invalidRequest(let message):
            base = "invalid request for model provider \(provider): \(message)"
        }
        return attempts > 1 ? "\(base) (gave up after \(attempts) attempts)" : base
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }

    static func reasonPhrase(_ code: Int) -> String? {
        switch code {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 413: return "Payload Too Large"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return nil
        }
    }
}

/// A `response.failed` (or `response.incomplete`) reported inside the stream.
public enum ResponseFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// `context_length_exceeded`: the conversation no longer fits the model's window.
    case contextWindowExceeded(message: String)
    /// `insufficient_quota`: the account is out of credit.
    case quotaExceeded(message: String)
    /// `usage_not_included`: the plan does not include this usage.
    case usageNotIncluded(message: String)
    /// `rate_limit_exceeded`, with the delay parsed from "try again in Ns" when present.
    case rateLimited(message: String, retryAfter: Duration?)
    /// `response.incomplete` (e.g. `max_output_tokens`).
    case incomplete(reason: String)
    /// Any other error code; retryable.
    case other(code: String?, message: String)

    /// Quota, context-window, plan and incomplete failures are final; rate limits and others retry.
    public var isRetryable: Bool {
        switch self {
        case .contextWindowExceeded, .quotaExceeded, .usageNotIncluded, .incomplete: return false
        case .rateLimited, .other: return true
        }
    }

    public var description: String {
        switch self {
        case .contextWindowExceeded(let message): return "context window exceeded: \(message)"
        case .quotaExceeded(let message): return "quota exceeded: \(message)"
        case .usageNotIncluded(let message): return "usage not included in plan: \(message)"
        case .rateLimited(let message, _): return "rate limited: \(message)"
        case .incomplete(let reason): return "incomplete response returned, reason: \(reason)"
        case .other(let code, let message): return code.map { "\($0): \(message)" } ?? message
        }
    }
}
