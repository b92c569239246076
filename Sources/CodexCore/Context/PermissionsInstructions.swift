/// The developer message that tells the model what its sandbox and approval policy allow.
///
/// The wording is our own; the structure (a `<permissions instructions>` block naming the sandbox
/// mode, network access and how to ask for escalation) follows the reference.
public enum PermissionsInstructions {
    /// Renders the block for a sandbox mode and approval policy (wire spellings).
    public static func render(sandboxMode: String, approvalPolicy: String, networkAccess: Bool, writableRoots: [String])
        -> String
    {
        var parts = ["<permissions instructions>"]
        switch sandboxMode {
        case "read-only":
            parts.append(
                "Filesystem sandboxing: `sandbox_mode` is `read-only`. Commands may read any file but cannot write anywhere; "
                    + "changing files requires the user's approval.")
        case "danger-full-access":
            parts.append(
                "Filesystem sandboxing: `sandbox_mode` is `danger-full-access`. Commands run without a sandbox and may read and write any file.")
        default:
            let roots = writableRoots.isEmpty ? "the working directory" : writableRoots.map { "`\($0)`" }.joined(separator: ", ")
            parts.append(
                "Filesystem sandboxing: `sandbox_mode` is `workspace-write`. Commands may read any file and write inside \(roots); "
                    + "writing anywhere else requires the user's approval.")
        }
        if sandboxMode != "danger-full-access" {
            parts.append("Network access is \(networkAccess ? "enabled" : "restricted") for sandboxed commands.")
        }
        switch approvalPolicy {
        case "never":
            parts.append(
                "Approval policy is `never`: you can never ask the user for approval. Work within the sandbox; if a command fails "
                    + "because of it, find another way and say what could not be done.")
        case "untrusted":
            parts.append(
                "Approval policy is `untrusted`: commands other than known read-only ones need the user's approval before they run.")
        case "on-failure":
            parts.append(
                "Approval policy is `on-failure`: commands run in the sandbox first; if one fails because of the sandbox, the user is "
                    + "asked whether to run it again without it.")
        default:
            parts.append(
                "Approval policy is `on-request`: commands run in the sandbox. When one truly needs more (writing outside the "
                    + "writable roots, network access), set `sandbox_permissions` to `\"require_escalated\"` and give a one-sentence "
                    + "`justification`; the user then decides.")
        }
        parts.append("</permissions instructions>")
        return parts.joined(separator: "\n")
    }
}
