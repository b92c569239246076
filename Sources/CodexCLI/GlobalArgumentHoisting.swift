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

    /// Options of `exec` (shared with `exec resume`) that take a value, so `exec --json -o F resume`
    /// can move them behind `resume` as well.
    static let execValued: Set<String> = ["-o", "--output-last-message", "--output-schema", "-i", "--image", "--add-dir", "--color"]

    /// Subcommand names and the nested subcommands each of them has.
    static let subcommands: [String: Set<String>] = [
        "exec": ["resume", "fork", "review"], "e": ["resume", "fork", "review"], "review": [],
        "app-server": ["generate-json-schema", "generate-ts"],
        "mcp-server": [], "login": ["status"], "logout": [], "sandbox": ["linux", "doctor"], "help": [],
        "execpolicy": ["check"], "mcp": ["list", "get", "add", "remove", "login", "logout"],
    ]

    /// Returns the arguments (without argv[0]) with leading global options hoisted, and `--` inserted
    /// before the program of `codex sandbox [linux] [OPTIONS] PROGRAM ARGS...` so its arguments are
    /// never read as ours (`sandbox linux --full-auto sh -c 'x'`).
    public static func hoist(_ arguments: [String]) -> [String] {
        separateExecPolicyCommand(separateSandboxCommand(hoistGlobals(arguments)))
    }

    /// Options of `codex execpolicy check` that take a value.
    static let execPolicyValued: Set<String> = ["-r", "--rules", "-c", "--config", "--enable", "--disable"]

    /// `codex execpolicy check [OPTIONS] COMMAND...`: `--` goes before COMMAND, so its own options
    /// (`git status -s`) are never read as ours.
    private static func separateExecPolicyCommand(_ arguments: [String]) -> [String] {
        guard arguments.count > 2, arguments[0] == "execpolicy", arguments[1] == "check" else { return arguments }
        var index = 2
        while index < arguments.count {
            let token = arguments[index]
            if token == "--" { return arguments }
            guard token.hasPrefix("-"), token != "-" else {
                return Array(arguments[..<index]) + ["--"] + arguments[index...]
            }
            index += execPolicyValued.contains(token) ? 2 : 1
        }
        return arguments
    }

    /// Options `codex sandbox` and `codex sandbox linux` take without a value.
    static let sandboxFlags: Set<String> = ["--full-auto", "--strict-config"]

    private static func separateSandboxCommand(_ arguments: [String]) -> [String] {
        guard arguments.first == "sandbox" else { return arguments }
        var index = 1
        if index < arguments.count, arguments[index] == "doctor" { return arguments }
        if index < arguments.count, arguments[index] == "linux" { index += 1 }
        while index < arguments.count {
            let token = arguments[index]
            if token == "--" { return arguments }
            guard token.hasPrefix("-"), token != "-" else {
                return Array(arguments[..<index]) + ["--"] + arguments[index...]
            }
            index += valued.contains(token) ? 2 : 1
        }
        return arguments
    }

    private static func hoistGlobals(_ arguments: [String]) -> [String] {
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
        guard index < arguments.count, subcommands[arguments[index]] != nil else { return arguments }
        if globals.isEmpty { return hoistNested(arguments, from: index) }
        return hoistNested([arguments[index]] + globals + arguments[(index + 1)...], from: 0)
    }

    /// `exec --json resume --last` → `exec resume --json --last`: options between a subcommand and its
    /// nested subcommand move behind the nested one, which shares them.
    private static func hoistNested(_ arguments: [String], from start: Int) -> [String] {
        guard start < arguments.count, let nested = subcommands[arguments[start]], !nested.isEmpty else { return arguments }
        var index = start + 1
        var moved: [String] = []
        while index < arguments.count {
            let token = arguments[index]
            guard token.hasPrefix("-"), token != "--", token != "-" else { break }
            let name = optionName(token) ?? token
            let takesValue = (valued.contains(name) || execValued.contains(name)) && optionName(token) == nil
            moved.append(token)
            index += 1
            if takesValue, index < arguments.count {
                moved.append(arguments[index])
                index += 1
            }
        }
        guard !moved.isEmpty, index < arguments.count, nested.contains(arguments[index]) else { return arguments }
        return Array(arguments[...start]) + [arguments[index]] + moved + arguments[(index + 1)...]
    }

    private static func optionName(_ token: String) -> String? {
        guard token.hasPrefix("--"), let equals = token.firstIndex(of: "=") else { return nil }
        return String(token[..<equals])
    }
}
