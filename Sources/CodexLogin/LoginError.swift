public import CodexConfig

/// Why a login, logout or refresh failed; the description is the user-facing message.
public enum LoginError: Error, Sendable, Hashable, CustomStringConvertible {
    case apiKeyLoginDisabled
    case chatgptLoginDisabled
    /// A stored credential of the wrong mode for `forced_login_method`.
    case forcedMethodMismatch(required: ForcedLoginMethod)
    /// ChatGPT tokens of a workspace `forced_chatgpt_workspace_id` does not allow.
    case workspaceMismatch(allowed: [String], actual: String?)
    case storage(AuthFileError)
    /// No refresher is configured (or the credential is not ChatGPT).
    case refreshUnavailable
    /// The token endpoint refused the refresh; `permanent` when logging in again is the only way out.
    case refreshFailed(message: String, permanent: Bool)
    /// Talking to the issuer failed (network, unexpected answer).
    case issuer(String)
    case cancelled
    case timedOut
    case other(String)

    public var description: String {
        switch self {
        case .apiKeyLoginDisabled: "API key login is disabled. Use ChatGPT login instead."
        case .chatgptLoginDisabled: "ChatGPT login is disabled. Use API key login instead."
        case .forcedMethodMismatch(.api): "API key login is required, but ChatGPT is currently being used. Logging out."
        case .forcedMethodMismatch(.chatgpt): "ChatGPT login is required, but an API key is currently being used. Logging out."
        case .workspaceMismatch(let allowed, let actual):
            if let actual {
                "Login is restricted to workspace \(allowed.joined(separator: ", ")), but current credentials belong to \(actual). Logging out."
            } else {
                "Login is restricted to workspace \(allowed.joined(separator: ", ")), but current credentials lack a workspace identifier. Logging out."
            }
        case .storage(let error): error.description
        case .refreshUnavailable: "token refresh is not available"
        case .refreshFailed(let message, _): message
        case .issuer(let message): message
        case .cancelled: "Login cancelled"
        case .timedOut: "Login timed out"
        case .other(let message): message
        }
    }

    static func wrap(_ error: any Error) -> LoginError {
        if let error = error as? LoginError { return error }
        if let error = error as? AuthFileError { return .storage(error) }
        if error is CancellationError { return .cancelled }
        return .other("\(error)")
    }
}
