/// The program a process runs as, chosen from the name it was invoked under (the arg0 trick).
///
/// One binary serves several personalities: the Linux sandbox helper is re-executed as
/// `codex-linux-sandbox`, and `apply_patch`/`applypatch` are PATH aliases for the patch tool.
public enum Arg0Personality: Sendable, Equatable {
    /// The ordinary `codex` command line.
    case codex
    /// `codex-linux-sandbox`: confine this process, then exec the command.
    case linuxSandbox
    /// `apply_patch` / `applypatch`: apply a patch from the argument or stdin.
    case applyPatch
    /// `codex --codex-run-as-apply-patch PATCH`: the same patch tool, reached through a flag.
    case applyPatchFlag

    /// Picks the personality from argv; only the basename of argv[0] and argv[1] matter.
    public static func detect(arguments: [String]) -> Arg0Personality {
        guard let first = arguments.first else { return .codex }
        let name = first.split(separator: "/").last.map(String.init) ?? first
        switch name {
        case "codex-linux-sandbox": return .linuxSandbox
        case "apply_patch", "applypatch": return .applyPatch
        default:
            if arguments.count > 1, arguments[1] == "--codex-run-as-apply-patch" { return .applyPatchFlag }
            return .codex
        }
    }
}
