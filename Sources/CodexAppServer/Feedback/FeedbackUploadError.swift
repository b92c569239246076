/// Why a feedback upload failed; `message` is what follows "failed to upload feedback: ".
enum FeedbackUploadError: Error, Sendable, CustomStringConvertible {
    case invalidDSN(String)
    /// The event envelope could not be delivered (connection error, timeout).
    case transport(String)
    /// Sentry answered the event envelope with a non-2xx status.
    case rejected(status: Int, reason: String)
    /// The event went through; at least one attachment did not.
    case attachmentsFailed
    case eventTooLarge

    var description: String {
        switch self {
        case .invalidDSN(let message): return message
        case .transport(let message): return "failed to upload feedback to Sentry: \(message)"
        case .rejected(let status, let reason): return "Sentry rejected feedback upload with HTTP status \(status) \(reason)"
        case .attachmentsFailed: return "feedback report was accepted, but some attachments failed to upload"
        case .eventTooLarge: return "feedback event exceeds the size limit"
        }
    }
}
