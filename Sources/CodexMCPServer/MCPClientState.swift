import MCP
import Synchronization

/// What the client said about itself in `initialize`.
final class MCPClientState: Sendable {
    private struct State {
        var name = "unknown"
        var version = ""
        var supportsElicitation = false
    }

    private let state = Mutex(State())

    func record(info: Client.Info, capabilities: Client.Capabilities) {
        state.withLock { state in
            state.name = info.name
            state.version = info.version
            state.supportsElicitation = capabilities.elicitation != nil
        }
    }

    /// Whether approvals can be asked (`capabilities.elicitation` declared); without it they are denied.
    var supportsElicitation: Bool { state.withLock { $0.supportsElicitation } }

    /// `name; version`, the suffix of the user agent threads report.
    var userAgentSuffix: String {
        state.withLock { state in state.version.isEmpty ? state.name : "\(state.name); \(state.version)" }
    }
}
