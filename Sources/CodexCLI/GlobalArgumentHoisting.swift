/// Moves global options written before a subcommand name to just after the subcommand path.
///
/// The reference accepts `codex -c k=v app-server --listen stdio://` as well as
/// `codex app-server -c k=v`. Argument parsers bind options to the command they follow, so the
/// command line is rewritten (a pure function) before parsing: leading global options are moved
/// behind the deepest known subcommand name that follows them.
public enum GlobalArgumentHoisting {
    /// Global options that take a value (`-c k=v` or `--config=k=v`).
    static let valued: Set<String> = [
        "-c", "--config", "-p", "--profile", "-m", "--model", "-s", "--sandbox", "-a", "--ask-for-approval",
        "-C", "--cd", "--enable", "--disable",
    ]
    /// Global options that take no value.
    static let flags: Set<String> = ["--strict-config"]

    /// Subcommand names and the nested subcommands each of them has.
    static let subcommands: [String: Set<String>] = [
        "exec": ["resume"], "e": ["resume"], "app-server": ["generate-json-schema", "generate-ts"],
        "mcp-server": [], "login": ["status"], "logout": [], "sandbox": ["linux", "doctor"], "help": [],
    ]

    /// Returns the arguments (without argv[0]) with leading global options hoisted.
    public static func hoist(_ arguments: [String]) -> [String] {
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            if flags.contains(token) {
                globals.append(token)
                index += 1
            } else if valued.contains(token), index + 1 < arguments.count {
                globals.append(contentsOf: [token, arguments[index + 1]])
                index += 2
            } else if let name = optionName(token), valued.contains(name) {
                globals.append(token)  // --config=k=v
                index += 1
            } else {
                break
            }
        }
        guard !globals.isEmpty, index < arguments.count, let nested = subcommands[arguments[index]] else {
            return arguments
        }
        var path = [arguments[index]]
        index += 1
        if index < arguments.count, nested.contains(arguments[index]) {
            path.append(arguments[index])
            index += 1
        }
        return path + globals + arguments[index...]
    }

    private static func optionName(_ token: String) -> String? {
        guard token.hasPrefix("--"), let equals = token.firstIndex(of: "=") else { return nil }
        return String(token[..<equals])
    }
}
