/// An operator that may join plain commands in a script the analysis accepts.
public enum ShellOperator: String, Sendable, Hashable {
    case and = "&&"
    case or = "||"
    case semicolon = ";"
    case pipe = "|"
}

/// One lexical unit of a plain shell script: an unquoted, unescaped word or a joining operator.
public enum ShellToken: Sendable, Hashable {
    case word(String)
    case op(ShellOperator)
}

/// Why a script is not a plain command sequence (the analysis then treats it as opaque).
public enum ShellScriptRefusal: Error, Sendable, Hashable {
    case unterminatedQuote
    case redirection
    case subshell
    case commandSubstitution
    case variableExpansion
    case backgroundOrUnsupportedOperator
    case comment
    case braceExpansionOrGroup
    case variableAssignment
    case reservedWord(String)
    case emptyCommand
}

/// Lexes and parses the small subset of POSIX shell that command analysis understands: words with
/// single/double quotes and backslash escapes, joined by `&&`, `||`, `;`, `|` (or newlines).
/// Everything else (redirections, subshells, substitutions, expansions, control flow) is refused.
public enum ShellScriptParser {
    /// Words that start compound commands or otherwise change meaning in command position.
    static let reservedWords: Set<String> = [
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "function", "select", "in", "time", "!", "[", "[[", "]]", "{", "}", "coproc",
    ]

    /// Splits a script into words and operators, or explains why it is not plain.
    public static func tokenize(_ script: String) -> Result<[ShellToken], ShellScriptRefusal> {
        var lexer = Lexer(scalars: Array(script.unicodeScalars))
        do {
            return .success(try lexer.run())
        } catch let refusal {
            return .failure(refusal)
        }
    }

    /// The commands (argv lists) of a plain script in source order, or the refusal.
    public static func parse(_ script: String) -> Result<[[String]], ShellScriptRefusal> {
        var lexer = Lexer(scalars: Array(script.unicodeScalars))
        let tokens: [ShellToken]
        do {
            tokens = try lexer.run()
        } catch let refusal {
            return .failure(refusal)
        }
        var commands: [[String]] = []
        var current: [String] = []
        var sawOperator = false
        for (index, token) in tokens.enumerated() {
            switch token {
            case .word(let word):
                if current.isEmpty {
                    if !lexer.quotedWordIndices.contains(index) {
                        if reservedWords.contains(word) { return .failure(.reservedWord(word)) }
                        if isAssignment(word, unquotedPrefixLength: lexer.unquotedPrefixLengths[index] ?? 0) {
                            return .failure(.variableAssignment)
                        }
                    }
                }
                current.append(word)
            case .op(let op):
                if current.isEmpty { return .failure(.emptyCommand) }
                commands.append(current)
                current = []
                sawOperator = op != .semicolon
            }
        }
        if current.isEmpty {
            // A trailing `;` (or newline) ends the script normally; a dangling `&&`, `||` or `|` does not.
            if sawOperator { return .failure(.emptyCommand) }
        } else {
            commands.append(current)
        }
        return .success(commands)
    }

    /// The commands of a plain script, or nil when the script is not plain (or empty).
    public static func plainCommands(_ script: String) -> [[String]]? {
        guard case .success(let commands) = parse(script), !commands.isEmpty else { return nil }
        return commands
    }

    /// `[shell, "-c"|"-lc", script]` where shell is bash, zsh or sh (any directory): the shell and script.
    public static func extractShellScript(_ argv: [String]) -> (shell: String, script: String)? {
        guard argv.count == 3, argv[1] == "-lc" || argv[1] == "-c" else { return nil }
        let name = argv[0].split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? argv[0]
        guard ["bash", "zsh", "sh"].contains(name) else { return nil }
        return (argv[0], argv[2])
    }

    /// The plain commands of a `bash -lc SCRIPT`-style argv, or nil when it is not one or not plain.
    public static func plainCommands(wrappedIn argv: [String]) -> [[String]]? {
        guard let (_, script) = extractShellScript(argv) else { return nil }
        return plainCommands(script)
    }

    /// Whether the first word is `NAME=...` with an unquoted, valid identifier before the `=`.
    static func isAssignment(_ word: String, unquotedPrefixLength: Int) -> Bool {
        guard let equals = word.firstIndex(of: "=") else { return false }
        let name = word[word.startIndex..<equals]
        guard !name.isEmpty, name.count <= unquotedPrefixLength else { return false }
        guard let first = name.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

/// The scanner behind `ShellScriptParser`; records which words contained quoting.
private struct Lexer {
    let scalars: [Unicode.Scalar]
    var position = 0
    var tokens: [ShellToken] = []
    /// Token indices of words that contained any quote or escape.
    var quotedWordIndices: Set<Int> = []
    /// Per word token index: how many leading characters were unquoted and unescaped.
    var unquotedPrefixLengths: [Int: Int] = [:]

    private var word = ""
    private var inWord = false
    private var wordQuoted = false
    private var unquotedPrefix = 0

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    mutating func run() throws(ShellScriptRefusal) -> [ShellToken] {
        while position < scalars.count {
            let scalar = scalars[position]
            switch scalar {
            case " ", "\t", "\r":
                endWord()
                position += 1
            case "\n":
                endWord()
                if case .word = tokens.last { tokens.append(.op(.semicolon)) }
                position += 1
            case "'":
                try readSingleQuoted()
            case "\"":
                try readDoubleQuoted()
            case "\\":
                readEscape()
            case "$":
                throw .variableExpansion
            case "`":
                throw .commandSubstitution
            case ">", "<":
                throw .redirection
            case "(", ")":
                throw .subshell
            case "{":
                throw .braceExpansionOrGroup
            case "#" where !inWord:
                throw .comment
            case "&":
                endWord()
                guard peek(1) == "&" else { throw .backgroundOrUnsupportedOperator }
                tokens.append(.op(.and))
                position += 2
            case "|":
                endWord()
                if peek(1) == "|" {
                    tokens.append(.op(.or))
                    position += 2
                } else if peek(1) == "&" {
                    throw .backgroundOrUnsupportedOperator
                } else {
                    tokens.append(.op(.pipe))
                    position += 1
                }
            case ";":
                endWord()
                if peek(1) == ";" || peek(1) == "&" { throw .backgroundOrUnsupportedOperator }
                tokens.append(.op(.semicolon))
                position += 1
            default:
                appendLiteral(scalar, quoted: false)
                position += 1
            }
        }
        endWord()
        return tokens
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        let index = position + offset
        return index < scalars.count ? scalars[index] : nil
    }

    private mutating func appendLiteral(_ scalar: Unicode.Scalar, quoted: Bool) {
        if !inWord {
            inWord = true
            wordQuoted = false
            unquotedPrefix = 0
        }
        if quoted {
            wordQuoted = true
        } else if !wordQuoted {
            unquotedPrefix += 1
        }
        word.unicodeScalars.append(scalar)
    }

    private mutating func markQuotedWordStart() {
        if !inWord {
            inWord = true
            unquotedPrefix = 0
        }
        wordQuoted = true
    }

    private mutating func endWord() {
        guard inWord else { return }
        let index = tokens.count
        if wordQuoted { quotedWordIndices.insert(index) }
        unquotedPrefixLengths[index] = unquotedPrefix
        tokens.append(.word(word))
        word = ""
        inWord = false
        wordQuoted = false
        unquotedPrefix = 0
    }

    private mutating func readSingleQuoted() throws(ShellScriptRefusal) {
        markQuotedWordStart()
        position += 1
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar == "'" { return }
            word.unicodeScalars.append(scalar)
        }
        throw .unterminatedQuote
    }

    private mutating func readDoubleQuoted() throws(ShellScriptRefusal) {
        markQuotedWordStart()
        position += 1
        while position < scalars.count {
            let scalar = scalars[position]
            switch scalar {
            case "\"":
                position += 1
                return
            case "$":
                throw .variableExpansion
            case "`":
                throw .commandSubstitution
            case "\\":
                guard let next = peek(1) else { throw .unterminatedQuote }
                switch next {
                case "$", "`", "\"", "\\":
                    word.unicodeScalars.append(next)
                case "\n":
                    break
                default:
                    word.unicodeScalars.append("\\")
                    word.unicodeScalars.append(next)
                }
                position += 2
            default:
                word.unicodeScalars.append(scalar)
                position += 1
            }
        }
        throw .unterminatedQuote
    }

    private mutating func readEscape() {
        guard let next = peek(1) else {
            appendLiteral("\\", quoted: true)
            position += 1
            return
        }
        position += 2
        if next == "\n" { return }
        appendLiteral(next, quoted: true)
    }
}
