import Synchronization

/// The rules one thread (or process) decides commands by, and the place an "always allow" answer is
/// remembered: appended to `$CODEX_HOME/rules/default.rules` and added to the rules in memory at once.
public final class ExecPolicyManager: Sendable {
    /// CODEX_HOME, where approved prefixes are written (nil: remembered in memory only).
    public let codexHome: String?
    private let state: Mutex<ExecPolicy>

    public init(policy: ExecPolicy = .empty, codexHome: String?) {
        self.codexHome = codexHome
        self.state = Mutex(policy)
    }

    /// The rules as they are now.
    public var current: ExecPolicy { state.withLock { $0 } }

    /// Records `prefix` as allowed: in the rules file first, then in memory.
    /// - Throws: `ExecPolicyFileError.write` when the rules file cannot be updated (memory is then unchanged).
    public func rememberAllowedPrefix(_ prefix: [String]) async throws(ExecPolicyFileError) {
        if let codexHome { try await ExecPolicyFiles.appendAllowRule(prefix, codexHome: codexHome) }
        state.withLock { policy in
            if policy.check([prefix]).decision != .allow { policy.addAllowPrefix(prefix) }
        }
    }
}
