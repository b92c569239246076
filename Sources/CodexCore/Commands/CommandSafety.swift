/// The reference's command heuristics: an allow-list of read-only commands that may run without
/// approval, and the "might be dangerous" check (forced `rm`) that always prompts.
public enum CommandSafety {
    /// Whether argv is known to be read-only: a safe bare command, or `bash|zsh|sh -c|-lc SCRIPT` whose
    /// script is a plain command sequence made only of safe commands.
    public static func isKnownSafeCommand(_ argv: [String]) -> Bool {
        let normalized = argv.map { $0 == "zsh" ? "bash" : $0 }
        if isSafeToExecDirectly(normalized) { return true }
        guard let commands = ShellScriptParser.plainCommands(wrappedIn: normalized) else { return false }
        return commands.allSatisfy(isSafeToExecDirectly)
    }

    /// Commands that never write or execute anything else, whatever their arguments.
    static let alwaysSafe: Set<String> = [
        "cat", "cd", "cut", "echo", "expr", "false", "grep", "head", "id", "ls", "nl", "paste", "pwd", "rev",
        "seq", "stat", "tail", "tr", "true", "uname", "uniq", "wc", "which", "whoami",
        // Linux-only in the reference; this implementation targets Linux.
        "numfmt", "tac",
    ]

    /// The allow-list for one simple command. Only bare names qualify: `./cat` or `/tmp/x/cat` could be
    /// a workspace binary impersonating a safe tool. Git is never safe (repository config can run helpers).
    static func isSafeToExecDirectly(_ argv: [String]) -> Bool {
        guard let name = argv.first, !name.isEmpty, !name.contains("/") else { return false }
        let args = argv.dropFirst()
        if alwaysSafe.contains(name) { return true }
        switch name {
        case "base64":
            return !args.contains { $0 == "-o" || $0 == "--output" || $0.hasPrefix("--output=") || $0.hasPrefix("-o") }
        case "find":
            let unsafe: Set<String> = [
                "-exec", "-execdir", "-ok", "-okdir", "-delete", "-fls", "-fprint", "-fprint0", "-fprintf",
            ]
            return !args.contains { unsafe.contains($0) }
        case "rg":
            return !args.contains { arg in
                arg == "--search-zip" || arg == "-z"
                    || ["--pre", "--hostname-bin"].contains { arg == $0 || arg.hasPrefix($0 + "=") }
            }
        case "sed":
            return argv.count <= 4 && argv.count >= 3 && argv[1] == "-n"
                && CommandSummarizer.isValidSedRange(argv[2])
        default:
            return false
        }
    }

    /// Whether argv (or any literal command inside a `bash -lc` script) is a forced `rm`, possibly under
    /// `sudo`. Such commands prompt even where the policy would otherwise run them.
    public static func mightBeDangerous(_ argv: [String]) -> Bool {
        if isDangerousDirectly(argv) { return true }
        guard let (_, script) = ShellScriptParser.extractShellScript(argv) else { return false }
        return literalCommands(in: script).contains(where: isDangerousDirectly)
    }

    static func isDangerousDirectly(_ argv: [String]) -> Bool {
        guard let first = argv.first else { return false }
        let name = first.split(separator: "/").last.map(String.init) ?? first
        switch name {
        case "rm":
            return argv.dropFirst().prefix { $0 != "--" }.contains { arg in
                arg == "--force" || (arg.hasPrefix("-") && !arg.hasPrefix("--") && arg.contains("f"))
            }
        case "sudo":
            return isDangerousDirectly(Array(argv.dropFirst()))
        default:
            return false
        }
    }

    /// A lenient split of any script into literal word runs between operators and shell punctuation,
    /// so that `if x; then rm -rf y; fi` or `echo "$(rm -rf y)"` still expose `rm -rf y`. Errs towards
    /// finding commands (a false "dangerous" only costs a prompt).
    static func literalCommands(in script: String) -> [[String]] {
        var commands: [[String]] = []
        var current: [String] = []
        var word = ""
        var inSingleQuote = false
        func endWord() {
            if !word.isEmpty { current.append(word) }
            word = ""
        }
        func endCommand() {
            endWord()
            let keywords: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "time", "{"]
            while let first = current.first, keywords.contains(first) { current.removeFirst() }
            if !current.isEmpty { commands.append(current) }
            current = []
        }
        // Double quotes are dropped rather than honoured so that substitutions inside them still split.
        for scalar in script.unicodeScalars {
            if inSingleQuote {
                if scalar == "'" { inSingleQuote = false } else { word.unicodeScalars.append(scalar) }
                continue
            }
            switch scalar {
            case "'":
                inSingleQuote = true
            case "\"":
                break
            case " ", "\t":
                endWord()
            case "\n", ";", "&", "|", "(", ")", "`", "{", "}", "<", ">", "$":
                endCommand()
            default:
                word.unicodeScalars.append(scalar)
            }
        }
        endCommand()
        return commands
    }
}
