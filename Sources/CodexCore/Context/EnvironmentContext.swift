/// The facts about the machine the model is told at the start of a thread (and again when they change).
public struct EnvironmentContext: Sendable, Hashable {
    public var cwd: String
    /// `untrusted`, `on-failure`, `on-request` or `never`.
    public var approvalPolicy: String
    /// `read-only`, `workspace-write` or `danger-full-access`.
    public var sandboxMode: String
    public var networkAccess: Bool
    public var writableRoots: [String]
    /// The user's shell name (`bash`, `zsh`, ...).
    public var shell: String

    public init(
        cwd: String, approvalPolicy: String, sandboxMode: String, networkAccess: Bool, writableRoots: [String],
        shell: String
    ) {
        self.cwd = cwd
        self.approvalPolicy = approvalPolicy
        self.sandboxMode = sandboxMode
        self.networkAccess = networkAccess
        self.writableRoots = writableRoots
        self.shell = shell
    }

    /// The `<environment_context>` block; with `previous`, only the fields that changed.
    public func rendered(comparedTo previous: EnvironmentContext? = nil) -> String {
        var lines = ["<environment_context>"]
        func add(_ changed: Bool, _ line: String) { if changed { lines.append(line) } }
        add(previous?.cwd != cwd, "  <cwd>\(Self.escape(cwd))</cwd>")
        add(previous?.approvalPolicy != approvalPolicy, "  <approval_policy>\(approvalPolicy)</approval_policy>")
        add(previous?.sandboxMode != sandboxMode, "  <sandbox_mode>\(sandboxMode)</sandbox_mode>")
        add(
            previous?.networkAccess != networkAccess,
            "  <network_access>\(networkAccess ? "enabled" : "restricted")</network_access>")
        if previous?.writableRoots != writableRoots, !writableRoots.isEmpty {
            lines.append("  <writable_roots>")
            lines += writableRoots.map { "    <root>\(Self.escape($0))</root>" }
            lines.append("  </writable_roots>")
        }
        add(previous?.shell != shell, "  <shell>\(shell)</shell>")
        lines.append("</environment_context>")
        return lines.joined(separator: "\n")
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
