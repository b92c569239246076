/// Why a thread refused a request.
public enum AgentThreadError: Error, Sendable, Hashable, CustomStringConvertible {
    case turnInProgress(turnID: String)
    case emptyInput
    case noActiveTurn
    case turnMismatch(expected: String, found: String)
    /// The running turn (a review or a manual compaction) takes no more input; `kind` is `review` or `compact`.
    case activeTurnNotSteerable(kind: String)
    /// The thread's rollout could not be written; the message names the file and the system error.
    case rolloutFailed(message: String)

    public var description: String {
        switch self {
        case .turnInProgress(let turnID): return "a turn is already in progress: \(turnID)"
        case .emptyInput: return "input must not be empty"
        case .noActiveTurn: return "no active turn to steer"
        case .turnMismatch(let expected, let found): return "expected active turn id `\(expected)` but found `\(found)`"
        case .activeTurnNotSteerable(let kind): return "cannot steer a \(kind) turn"
        case .rolloutFailed(let message): return message
        }
    }
}
