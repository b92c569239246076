/// A Sentry DSN, `scheme://publicKey[:secret]@host[:port]/[path/]projectID`: where feedback
/// envelopes are posted and the key they authenticate with.
struct SentryDSN: Sendable, Hashable {
    /// The project 0.163.0 reports feedback to (compiled into the reference; `CODEX_FEEDBACK_SENTRY_DSN`
    /// replaces it here, for tests).
    static let reference = "https://ae32ed50620d7a7792c1ce5df38b3e3e@o33249.ingest.us.sentry.io/4510195390611458"
    /// The environment variable that replaces `reference`.
    static let environmentVariable = "CODEX_FEEDBACK_SENTRY_DSN"

    let scheme: String
    let publicKey: String
    let secretKey: String?
    /// `host` or `host:port`, as written.
    let authority: String
    /// Path segments before the project id (usually none), with a leading and trailing `/`.
    let pathPrefix: String
    let projectID: String

    /// The DSN from `environment`, else the reference's.
    static func configured(environment: [String: String]) throws(FeedbackUploadError) -> SentryDSN {
        if let text = environment[environmentVariable], !text.isEmpty { return try SentryDSN(parsing: text) }
        return try SentryDSN(parsing: reference)
    }

    init(parsing text: String) throws(FeedbackUploadError) {
        func invalid(_ why: String) -> FeedbackUploadError { .invalidDSN("invalid DSN \(text): \(why)") }
        guard let schemeEnd = text.firstRange(of: "://") else { throw invalid("no scheme") }
        scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("unsupported scheme \(scheme)") }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { throw invalid("no public key") }
        let userInfo = rest[..<at]
        let keyParts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let key = keyParts.first, !key.isEmpty else { throw invalid("no public key") }
        publicKey = String(key)
        secretKey = keyParts.count > 1 && !keyParts[1].isEmpty ? String(keyParts[1]) : nil
        let afterAt = rest[rest.index(after: at)...]
        let slash = afterAt.firstIndex(of: "/") ?? afterAt.endIndex
        authority = String(afterAt[..<slash])
        guard !authority.isEmpty else { throw invalid("no host") }
        var segments = afterAt[slash...].split(separator: "/").map(String.init)
        guard let project = segments.popLast(), !project.isEmpty else { throw invalid("no project id") }
        projectID = project
        pathPrefix = "/" + segments.map { $0 + "/" }.joined()
    }

    /// `POST` target of envelopes: `{scheme}://{host}{prefix}api/{project}/envelope/`.
    var envelopeURL: String { "\(scheme)://\(authority)\(pathPrefix)api/\(projectID)/envelope/" }

    /// The `X-Sentry-Auth` header value (protocol version 7) at `timestamp` (Unix seconds).
    func authorization(client: String, timestamp: Double) -> String {
        var value = "Sentry sentry_key=\(publicKey), sentry_version=7, sentry_timestamp=\(timestamp)"
        value += ", sentry_client=\(client)"
        if let secretKey { value += ", sentry_secret=\(secretKey)" }
        return value
    }
}
