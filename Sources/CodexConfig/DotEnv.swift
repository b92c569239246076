import CodexBasics
/// Parses `$CODEX_HOME/.env` files (dotenv syntax).
public enum DotEnv {
    /// Reads and parses `$CODEX_HOME/.env`; a missing or unreadable file gives no pairs.
    public static func load(codexHome: CodexHome) -> [(key: String, value: String)] {
        guard let text = FileSystem.readText(codexHome.appending(".env")) else { return [] }
        return parse(text)
    }

    /// The pairs of a dotenv text, in order, without keys whose upper-cased name starts with `CODEX_`.
    ///
    /// Accepted: `KEY=value`, `export KEY=value`, `#` comment lines, blank lines, `'single'` (literal) and
    /// `"double"` quoted values (with `\n`, `\t`, `\"`, `\\` escapes; may span lines), and a trailing
    /// ` # comment` after unquoted values. Lines without `=` or with an invalid key are skipped.
    public static func parse(_ text: String) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        var lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let rawLine = lines.popFirst() {
            var line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)).trimmingWhitespace() }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingWhitespace()
            guard isValidKey(key) else { continue }
            var rest = String(line[line.index(after: equals)...]).trimmingWhitespace()
            let value: String
            if let quote = rest.first, quote == "\"" || quote == "'" {
                // Gather following lines until the closing quote.
                while closingQuote(in: rest, quote: quote) == nil, let next = lines.popFirst() {
                    rest += "\n" + next
                }
                guard let close = closingQuote(in: rest, quote: quote) else { continue }
                let body = String(rest[rest.index(after: rest.startIndex)..<close])
                value = quote == "\"" ? unescape(body) : body
            } else if let hash = inlineCommentStart(in: rest) {
                value = rest[..<hash].trimmingWhitespace()
            } else {
                value = rest
            }
            if key.uppercased().hasPrefix("CODEX_") { continue }
            pairs.append((key, value))
        }
        return pairs
    }

    /// Where an unquoted value's ` #` comment begins.
    private static func inlineCommentStart(in text: String) -> String.Index? {
        var previous: Character?
        for index in text.indices {
            if text[index] == "#", previous == " " || previous == "\t" { return index }
            previous = text[index]
        }
        return nil
    }

    private static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !(("0"..."9").contains(first)) else { return false }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
        }
    }

    private static func closingQuote(in text: String, quote: Character) -> String.Index? {
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" && quote == "\"" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if character == quote { return index }
            index = text.index(after: index)
        }
        return nil
    }

    private static func unescape(_ body: String) -> String {
        var result = ""
        var escaping = false
        for character in body {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension String {
    /// The text with every carriage return removed (so CRLF files read like LF files).
    fileprivate func replacingCRLF() -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.filter { $0 != "\r" })
        return String(scalars)
    }
}
