/// Classifies one simple command (argv) as a read, listing, search or unknown, per the reference's
/// per-tool rules (`cat`/`head`/`tail`/`sed -n`/`nl`/`less`/`bat`/`awk` read; `ls`/`tree`/`du`/`rg --files`/
/// `fd`/`find` list; `rg`/`grep`/`git grep`/`ag`/`ack`/`pt`/`fd PATTERN`/`find -name` search).
enum CommandSummarizer {
    static func summarize(_ argv: [String]) -> ParsedCommand {
        guard let head = argv.first else { return .unknown(cmd: "") }
        let tail = Array(argv.dropFirst())
        let cmd = ShellQuoting.join(argv)
        switch head {
        case "ls", "eza", "exa":
            let valued = head == "ls"
                ? ["-I", "-w", "--block-size", "--format", "--time-style", "--color", "--quoting-style"]
                : ["-I", "--ignore-glob", "--color", "--sort", "--time-style", "--time"]
            return .listFiles(cmd: cmd, path: positionalOperands(tail, valued).first.map(shortDisplayPath))
        case "tree":
            let valued = ["-L", "-P", "-I", "--charset", "--filelimit", "--sort"]
            return .listFiles(cmd: cmd, path: positionalOperands(tail, valued).first.map(shortDisplayPath))
        case "du":
            let valued = ["-d", "--max-depth", "-B", "--block-size", "--exclude", "--time-style"]
            return .listFiles(cmd: cmd, path: positionalOperands(tail, valued).first.map(shortDisplayPath))
        case "rg", "rga", "ripgrep-all":
            let args = trimAtConnector(tail)
            let valued = [
                "-g", "--glob", "--iglob", "-t", "--type", "--type-add", "--type-not", "-m", "--max-count",
                "-A", "-B", "-C", "--context", "--max-depth",
            ]
            let nonFlags = skipFlagValues(args, valued).filter { !$0.hasPrefix("-") }
            if args.contains("--files") {
                return .listFiles(cmd: cmd, path: nonFlags.first.map(shortDisplayPath))
            }
            return .search(cmd: cmd, query: nonFlags.first, path: nonFlags.dropFirst().first.map(shortDisplayPath))
        case "git":
            guard let sub = tail.first else { return .unknown(cmd: cmd) }
            let subTail = Array(tail.dropFirst())
            if sub == "grep" { return grepLike(cmd: cmd, args: subTail) }
            if sub == "ls-files" {
                let valued = ["--exclude", "--exclude-from", "--pathspec-from-file"]
                return .listFiles(cmd: cmd, path: positionalOperands(subTail, valued).first.map(shortDisplayPath))
            }
            return .unknown(cmd: cmd)
        case "fd":
            let (query, path) = fdQueryAndPath(tail)
            return query == nil ? .listFiles(cmd: cmd, path: path) : .search(cmd: cmd, query: query, path: path)
        case "find":
            let (query, path) = findQueryAndPath(tail)
            return query == nil ? .listFiles(cmd: cmd, path: path) : .search(cmd: cmd, query: query, path: path)
        case "grep", "egrep", "fgrep":
            return grepLike(cmd: cmd, args: tail)
        case "ag", "ack", "pt":
            let valued = ["-G", "-g", "--file-search-regex", "--ignore-dir", "--ignore-file", "--path-to-ignore"]
            let nonFlags = skipFlagValues(trimAtConnector(tail), valued).filter { !$0.hasPrefix("-") }
            return .search(cmd: cmd, query: nonFlags.first, path: nonFlags.dropFirst().first.map(shortDisplayPath))
        case "cat", "more":
            return readOfSingleOperand(cmd: cmd, tail: tail, valued: [])
        case "bat", "batcat":
            let valued = [
                "--theme", "--language", "--style", "--terminal-width", "--tabs", "--line-range", "--map-syntax",
            ]
            return readOfSingleOperand(cmd: cmd, tail: tail, valued: valued)
        case "less":
            let valued = [
                "-p", "-P", "-x", "-y", "-z", "-j", "--pattern", "--prompt", "--tabs", "--shift", "--jump-target",
            ]
            return readOfSingleOperand(cmd: cmd, tail: tail, valued: valued)
        case "head":
            return headOrTail(cmd: cmd, tail: tail, allowPlus: false)
        case "tail":
            return headOrTail(cmd: cmd, tail: tail, allowPlus: true)
        case "awk":
            guard let path = awkDataFileOperand(tail) else { return .unknown(cmd: cmd) }
            return .read(cmd: cmd, name: shortDisplayPath(path), path: path)
        case "nl":
            let candidates = skipFlagValues(tail, ["-s", "-w", "-v", "-i", "-b"])
            guard let path = candidates.first(where: { !$0.hasPrefix("-") }) else { return .unknown(cmd: cmd) }
            return .read(cmd: cmd, name: shortDisplayPath(path), path: path)
        case "sed":
            guard let path = sedReadPath(tail) else { return .unknown(cmd: cmd) }
            return .read(cmd: cmd, name: shortDisplayPath(path), path: path)
        default:
            if isPythonCommand(head), pythonWalksFiles(tail) {
                return .listFiles(cmd: cmd, path: nil)
            }
            return .unknown(cmd: cmd)
        }
    }

    // MARK: - Formatting helpers in pipelines

    /// Whether a pipeline stage only formats output (`wc`, `head -n 40`, `sed -n 1,5p` without a file...).
    static func isSmallFormattingCommand(_ tokens: [String]) -> Bool {
        guard let head = tokens.first else { return false }
        let tail = Array(tokens.dropFirst())
        switch head {
        case "wc", "tr", "cut", "sort", "uniq", "tee", "column", "yes", "printf":
            return true
        case "xargs":
            return !isMutatingXargs(tokens)
        case "awk":
            return awkDataFileOperand(tail) == nil
        case "head", "tail":
            if tail.isEmpty { return true }
            if tail.count == 1 { return tail[0].hasPrefix("-") }
            if tail.count == 2 {
                let flag = tail[0]
                let count = tail[1]
                let allowPlus = head == "tail"
                return (flag == "-n" || flag == "-c") && isCount(count, allowPlus: allowPlus)
            }
            return false
        case "sed":
            return sedReadPath(tail) == nil
        default:
            return false
        }
    }

    static func isMutatingXargs(_ tokens: [String]) -> Bool {
        guard tokens.first == "xargs" else { return false }
        var index = 1
        var subcommand: [String] = []
        while index < tokens.count {
            let token = tokens[index]
            if token == "--" {
                subcommand = Array(tokens[(index + 1)...])
                break
            }
            if !token.hasPrefix("-") {
                subcommand = Array(tokens[index...])
                break
            }
            let takesValue = ["-E", "-e", "-I", "-L", "-n", "-P", "-s"].contains(token)
            index += takesValue ? 2 : 1
        }
        guard let head = subcommand.first else { return false }
        let rest = subcommand.dropFirst()
        let inPlace = rest.contains { $0.hasPrefix("-i") || $0.hasPrefix("-pi") }
        switch head {
        case "perl", "ruby": return inPlace
        case "sed": return inPlace || rest.contains("--in-place")
        case "rg": return rest.contains("--replace")
        default: return false
        }
    }

    // MARK: - Per-tool operand extraction

    private static func grepLike(cmd: String, args: [String]) -> ParsedCommand {
        var operands: [String] = []
        var pattern: String?
        var afterDoubleDash = false
        var iterator = trimAtConnector(args).makeIterator()
        while let arg = iterator.next() {
            if afterDoubleDash {
                operands.append(arg)
                continue
            }
            switch arg {
            case "--":
                afterDoubleDash = true
            case "-e", "--regexp", "-f", "--file":
                if let value = iterator.next(), pattern == nil { pattern = value }
            case "-m", "--max-count", "-C", "--context", "-A", "--after-context", "-B", "--before-context":
                _ = iterator.next()
            default:
                if !arg.hasPrefix("-") { operands.append(arg) }
            }
        }
        let hasPattern = pattern != nil
        let query = pattern ?? operands.first
        let pathIndex = hasPattern ? 0 : 1
        let path = operands.indices.contains(pathIndex) ? shortDisplayPath(operands[pathIndex]) : nil
        return .search(cmd: cmd, query: query, path: path)
    }

    private static func readOfSingleOperand(cmd: String, tail: [String], valued: [String]) -> ParsedCommand {
        let operands = positionalOperands(tail, valued)
        guard operands.count == 1, let path = operands.first else { return .unknown(cmd: cmd) }
        return .read(cmd: cmd, name: shortDisplayPath(path), path: path)
    }

    private static func headOrTail(cmd: String, tail: [String], allowPlus: Bool) -> ParsedCommand {
        var hasValidCount = false
        if let first = tail.first {
            if first == "-n" {
                hasValidCount = tail.count > 1 && isCount(tail[1], allowPlus: allowPlus, allowEmpty: !allowPlus)
            } else if first.hasPrefix("-n") {
                hasValidCount = isCount(String(first.dropFirst(2)), allowPlus: allowPlus, allowEmpty: !allowPlus)
            }
        }
        if hasValidCount {
            var candidates: [String] = []
            var index = 0
            while index < tail.count {
                if index == 0, tail[index] == "-n", index + 1 < tail.count,
                   isCount(tail[index + 1], allowPlus: allowPlus, allowEmpty: !allowPlus) {
                    index += 2
                    continue
                }
                candidates.append(tail[index])
                index += 1
            }
            if let path = candidates.first(where: { !$0.hasPrefix("-") }) {
                return .read(cmd: cmd, name: shortDisplayPath(path), path: path)
            }
        }
        if tail.count == 1, let path = tail.first, !path.hasPrefix("-") {
            return .read(cmd: cmd, name: shortDisplayPath(path), path: path)
        }
        return .unknown(cmd: cmd)
    }

    /// Digits only (optionally after `+`); `allowEmpty` mirrors the reference's `head -n` check.
    private static func isCount(_ text: String, allowPlus: Bool, allowEmpty: Bool = false) -> Bool {
        var digits = Substring(text)
        if allowPlus, digits.hasPrefix("+") { digits = digits.dropFirst() }
        if digits.isEmpty { return allowEmpty }
        return digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func awkDataFileOperand(_ args: [String]) -> String? {
        guard !args.isEmpty else { return nil }
        let trimmed = trimAtConnector(args)
        let hasScriptFile = trimmed.contains { $0 == "-f" || $0 == "--file" }
        let valued = ["-F", "-v", "-f", "--field-separator", "--assign", "--file"]
        let nonFlags = skipFlagValues(trimmed, valued).filter { !$0.hasPrefix("-") }
        if hasScriptFile { return nonFlags.first }
        return nonFlags.count >= 2 ? nonFlags[1] : nil
    }

    /// The file `sed -n RANGEp FILE` reads, or nil when it is not such a read.
    static func sedReadPath(_ args: [String]) -> String? {
        let trimmed = trimAtConnector(args)
        guard trimmed.contains("-n") else { return nil }
        var hasRange = false
        var index = 0
        while index < trimmed.count {
            let arg = trimmed[index]
            if arg == "-e" || arg == "--expression" {
                if index + 1 < trimmed.count, isValidSedRange(trimmed[index + 1]) { hasRange = true }
                index += 2
                continue
            }
            if arg == "-f" || arg == "--file" {
                index += 2
                continue
            }
            index += 1
        }
        if !hasRange {
            hasRange = trimmed.contains { !$0.hasPrefix("-") && isValidSedRange($0) }
        }
        guard hasRange else { return nil }
        let nonFlags = skipFlagValues(trimmed, ["-e", "-f", "--expression", "--file"]).filter { !$0.hasPrefix("-") }
        guard let first = nonFlags.first else { return nil }
        if isValidSedRange(first) { return nonFlags.dropFirst().first }
        return first
    }

    /// `N p` or `M,N p` with decimal numbers, e.g. `10p`, `1,200p`.
    static func isValidSedRange(_ text: String) -> Bool {
        guard text.hasSuffix("p") else { return false }
        let parts = text.dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func fdQueryAndPath(_ tail: [String]) -> (query: String?, path: String?) {
        let valued = ["-t", "--type", "-e", "--extension", "-E", "--exclude", "--search-path"]
        let nonFlags = skipFlagValues(trimAtConnector(tail), valued).filter { !$0.hasPrefix("-") }
        switch nonFlags.count {
        case 0:
            return (nil, nil)
        case 1:
            let only = nonFlags[0]
            return isPathish(only) ? (nil, shortDisplayPath(only)) : (only, nil)
        default:
            return (nonFlags[0], shortDisplayPath(nonFlags[1]))
        }
    }

    private static func findQueryAndPath(_ tail: [String]) -> (query: String?, path: String?) {
        let args = trimAtConnector(tail)
        let path = args.first { !$0.hasPrefix("-") && $0 != "!" && $0 != "(" && $0 != ")" }.map(shortDisplayPath)
        var query: String?
        if let index = args.firstIndex(where: { ["-name", "-iname", "-path", "-regex"].contains($0) }),
           index + 1 < args.count {
            query = args[index + 1]
        }
        return (query, path)
    }

    private static func isPathish(_ text: String) -> Bool {
        text == "." || text == ".." || text.hasPrefix("./") || text.hasPrefix("../")
            || text.contains("/") || text.contains("\\")
    }

    private static func isPythonCommand(_ name: String) -> Bool {
        ["python", "python2", "python3"].contains(name) || name.hasPrefix("python2.") || name.hasPrefix("python3.")
    }

    private static func pythonWalksFiles(_ args: [String]) -> Bool {
        var iterator = trimAtConnector(args).makeIterator()
        while let arg = iterator.next() {
            if arg == "-c", let script = iterator.next() {
                let markers = ["os.walk", "os.listdir", "os.scandir", "glob.glob", "glob.iglob", "pathlib.Path", ".rglob("]
                return markers.contains { script.contains($0) }
            }
        }
        return false
    }

    // MARK: - Shared operand helpers

    /// Last useful path component, skipping `build`, `dist`, `node_modules` and `src` (`webview/src` → `webview`).
    static func shortDisplayPath(_ path: String) -> String {
        var normalized = path.replacing("\\", with: "/")
        while normalized.hasSuffix("/") { normalized.removeLast() }
        let skipped: Set<Substring> = ["build", "dist", "node_modules", "src"]
        let useful = normalized.split(separator: "/").reversed().first { !skipped.contains($0) }
        return useful.map(String.init) ?? normalized
    }

    static func trimAtConnector(_ tokens: [String]) -> [String] {
        guard let index = tokens.firstIndex(where: CommandParser.isConnector) else { return tokens }
        return Array(tokens[..<index])
    }

    /// Drops `--flag=value` words and the values of the listed flags; everything after `--` is kept.
    static func skipFlagValues(_ args: [String], _ flagsWithValues: [String]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < args.count {
            let arg = args[index]
            if arg == "--" {
                out.append(contentsOf: args[(index + 1)...])
                break
            }
            if arg.hasPrefix("--") && arg.contains("=") {
                index += 1
                continue
            }
            if flagsWithValues.contains(arg) {
                index += index + 1 < args.count ? 2 : 1
                continue
            }
            out.append(arg)
            index += 1
        }
        return out
    }

    /// Operands that are not flags nor flag values; everything after `--` counts.
    static func positionalOperands(_ args: [String], _ flagsWithValues: [String]) -> [String] {
        var out: [String] = []
        var index = 0
        var afterDoubleDash = false
        while index < args.count {
            let arg = args[index]
            index += 1
            if afterDoubleDash {
                out.append(arg)
            } else if arg == "--" {
                afterDoubleDash = true
            } else if arg.hasPrefix("--") && arg.contains("=") {
                continue
            } else if flagsWithValues.contains(arg) {
                if index < args.count { index += 1 }
            } else if !arg.hasPrefix("-") {
                out.append(arg)
            }
        }
        return out
    }
}
