import CodexProtocol
import Synchronization

/// What the client said about itself in `initialize`.
final class MCPClientState: Sendable {
    private struct State {
        var name = "unknown"
        var version = ""
        var supportsElicitation = false
    }

    private let state = Mutex(State())

    /// Records `initialize`'s `clientInfo` and whether `capabilities.elicitation` is declared.
    func record(_ params: JSONObject) {
        state.withLock { state in
            state.name = params["clientInfo"]?["name"]?.stringValue ?? "unknown"
            state.version = params["clientInfo"]?["version"]?.stringValue ?? ""
            state.supportsElicitation = params["capabilities"]?["elicitation"]?.objectValue != nil
        }
    }

    /// Whether approvals can be asked (`capabilities.elicitation` declared); without it they are denied.
    var supportsElicitation: Bool { state.withLock { $0.supportsElicitation } }

    /// `name; version`, the suffix of the user agent threads report.
    var userAgentSuffix: String {
        state.withLock { state in state.version.isEmpty ? state.name : "\(state.name); \(state.version)" }
    }
}
