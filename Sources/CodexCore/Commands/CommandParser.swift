/// Turns a shell-call argv into display summaries (`parsed_cmd`), following the
/// reference's rules: shell wrappers are unwrapped, scripts split on `&&`/`||`/`;`/`|`, formatting-only
/// pipeline helpers dropped, `cd` folded into read paths; any unknown part collapses the whole command
/// into one `unknown` entry.
public enum CommandParser {
    /// The summaries for one command argv, consecutive duplicates removed.
    public static func parse(_ argv: [String]) -> [ParsedCommand] {
        var deduplicated: [ParsedCommand] = []
        for command in parseWithoutCollapse(argv) where deduplicated.last != command {
            deduplicated.append(command)
        }
        if deduplicated.contains(where: { if case .unknown = $0 { true } else { false } }) {
            return [singleUnknown(argv)]
        }
        return deduplicated
    }

    /// The display text of a whole command: the script of a shell wrapper, else the quoted argv.
    public static func displayText(_ argv: [String]) -> String {
        if let (_, script) = ShellScriptParser.extractShellScript(argv) { return script }
        return ShellQuoting.join(argv)
    }

    static func singleUnknown(_ argv: [String]) -> ParsedCommand {
        .unknown(cmd: displayText(argv))
    }

    static func parseWithoutCollapse(_ argv: [String]) -> [ParsedCommand] {
        if let (_, script) = ShellScriptParser.extractShellScript(argv) {
            return parseShellScript(script)
        }
        let normalized = normalize(argv)
        let parts = splitOnConnectors(normalized)
        var commands = summarizeWithDirectoryChanges(parts)
        while let next = simplifyOnce(commands) {
            commands = next
        }
        return commands
    }

    /// Summaries for a script run by `bash -lc`; an unparseable script is one `unknown`.
    public static func parseShellScript(_ script: String) -> [ParsedCommand] {
        guard case .success(let tokens) = ShellScriptParser.tokenize(script),
              let allCommands = ShellScriptParser.plainCommands(script)
        else {
            return [.unknown(cmd: script)]
        }
        let hadMultipleCommands = allCommands.count > 1
        let filtered = allCommands.filter { !CommandSummarizer.isSmallFormattingCommand($0) }
        if filtered.isEmpty { return [.unknown(cmd: script)] }

        var commands = summarizeWithDirectoryChanges(filtered)
        if commands.count > 1 {
            commands.removeAll { $0 == .unknown(cmd: "true") }
            while let next = simplifyOnce(commands) {
                commands = next
            }
        }
        guard commands.count == 1, let only = commands.first else { return commands }

        let scriptWords = tokens.compactMap { token -> String? in
            if case .word(let word) = token { return word }
            return nil
        }
        let hadConnectors = hadMultipleCommands || tokens.contains { if case .op = $0 { true } else { false } }
        let hasPipe = tokens.contains(.op(.pipe))
        let hasSedN = zip(scriptWords, scriptWords.dropFirst()).contains { $0 == "sed" && $1 == "-n" }
        let wholeScript = ShellQuoting.join(scriptWords)
        switch only {
        case .read(let cmd, let name, let path):
            if hadConnectors {
                return [.read(cmd: hasPipe && hasSedN ? script : cmd, name: name, path: path)]
            }
            return [.read(cmd: wholeScript, name: name, path: path)]
        case .listFiles(let cmd, let path):
            return [.listFiles(cmd: hadConnectors ? cmd : wholeScript, path: path)]
        case .search(let cmd, let query, let path):
            return [.search(cmd: hadConnectors ? cmd : wholeScript, query: query, path: path)]
        case .unknown:
            return [only]
        }
    }

    /// Summarizes each part, treating `cd DIR` parts as changes of the base for later read paths.
    static func summarizeWithDirectoryChanges(_ parts: [[String]]) -> [ParsedCommand] {
        var commands: [ParsedCommand] = []
        var directory: String?
        for tokens in parts {
            if let head = tokens.first, head == "cd" {
                if let target = cdTarget(Array(tokens.dropFirst())) {
                    directory = directory.map { joinPaths($0, target) } ?? target
                }
                continue
            }
            var parsed = CommandSummarizer.summarize(tokens)
            if case .read(let cmd, let name, let path) = parsed, let base = directory {
                parsed = .read(cmd: cmd, name: name, path: joinPaths(base, path))
            }
            commands.append(parsed)
        }
        return commands
    }

    /// One simplification step (drop leading echo, a `cd` followed by something, `true`, bare `nl`).
    static func simplifyOnce(_ commands: [ParsedCommand]) -> [ParsedCommand]? {
        guard commands.count > 1 else { return nil }
        func firstWord(_ command: ParsedCommand) -> [String]? {
            guard case .unknown(let cmd) = command,
                  case .success(let tokens) = ShellScriptParser.tokenize(cmd)
            else { return nil }
            return tokens.compactMap { if case .word(let word) = $0 { word } else { nil } }
        }
        if let words = firstWord(commands[0]), words.first == "echo" {
            return Array(commands.dropFirst())
        }
        if let index = commands.firstIndex(where: { firstWord($0)?.first == "cd" }), commands.count > index + 1 {
            var out = commands
            out.remove(at: index)
            return out
        }
        if let index = commands.firstIndex(of: .unknown(cmd: "true")) {
            var out = commands
            out.remove(at: index)
            return out
        }
        if let index = commands.firstIndex(where: { command in
            guard let words = firstWord(command), words.first == "nl" else { return false }
            return words.dropFirst().allSatisfy { $0.hasPrefix("-") }
        }) {
            var out = commands
            out.remove(at: index)
            return out
        }
        return nil
    }

    /// Drops a leading `yes |` / `no |` and re-splits a `bash|zsh -c|-lc` script given as one word.
    static func normalize(_ argv: [String]) -> [String] {
        if argv.count >= 2, argv[1] == "|", ["yes", "y", "no", "n"].contains(argv[0]) {
            return Array(argv.dropFirst(2))
        }
        return argv
    }

    static func splitOnConnectors(_ tokens: [String]) -> [[String]] {
        var out: [[String]] = []
        var current: [String] = []
        for token in tokens {
            if isConnector(token) {
                if !current.isEmpty { out.append(current) }
                current = []
            } else {
                current.append(token)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func isConnector(_ token: String) -> Bool {
        token == "&&" || token == "||" || token == "|" || token == ";"
    }

    /// The directory a `cd` invocation changes to (last operand; `--` takes the next word).
    static func cdTarget(_ args: [String]) -> String? {
        var target: String?
        var index = 0
        while index < args.count {
            let arg = args[index]
            if arg == "--" { return index + 1 < args.count ? args[index + 1] : nil }
            if !arg.hasPrefix("-") { target = arg }
            index += 1
        }
        return target
    }

    /// `base/rel`, or `rel` when it is absolute (or the base is empty).
    static func joinPaths(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty { return relative }
        if base.hasSuffix("/") { return base + relative }
        return base + "/" + relative
    }
}
