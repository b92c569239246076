/// The keys under which the tools remember "approved for the session" answers in the thread
/// (`ToolCallContext.approveForSession` stores opaque string lists).
enum SessionApprovalKey {
    /// A shell command: the same argv in the same folder skips the prompt next time.
    static func command(_ argv: [String], cwd: String) -> [String] {
        ["shell_command", cwd] + argv
    }

    /// One file an earlier patch was approved for (absolute, normalized path).
    static func patchedFile(_ path: String) -> [String] {
        ["apply_patch", path]
    }
}
