/// Rejects the malformed inputs the bundled toml++ parser does not diagnose itself.
///
/// toml++ asserts (debug builds) or assumes (release builds) several things about its input: that a
/// table header `[`/`[[` is followed by a key character, a quote or `]` (`[.a]` breaks it), that an
/// array element does not start with `}` (`a = [}`), and that unquoted scalars are well formed
/// (`a = 1979-05-27true`). This scan walks the document structure (strings, comments, headers,
/// arrays, inline tables), checks exactly those spots and reports a parse error with a position, so
/// such text never reaches toml++.
enum TOMLPreflight {
    struct Failure: Error {
        let line: Int
        let column: Int
        let message: String
    }

    static func check(_ text: String) -> Failure? {
        var scanner = Scanner(scalars: Array(text.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var lineStart = 0
        /// Open `[` and `{` of values, innermost last.
        var open: [Unicode.Scalar] = []
        var atLineStart = true
        var expectingValue = false

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        func failure(_ message: String, at position: Int? = nil) -> Failure {
            Failure(line: line, column: (position ?? index) - lineStart + 1, message: message)
        }

        mutating func run() -> Failure? {
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "\n":
                    line += 1
                    index += 1
                    lineStart = index
                    if open.isEmpty {
                        atLineStart = true
                        expectingValue = false
                    }
                    continue
                case " ", "\t", "\r":
                    index += 1
                    continue
                case "#":
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                    continue
                case "\"", "'":
                    skipString(quote: scalar)
                    atLineStart = false
                    expectingValue = false
                    continue
                case "[" where atLineStart && open.isEmpty:
                    if let failure = checkHeader() { return failure }
                    continue
                case "[":
                    open.append(scalar)
                    expectingValue = true
                case "{":
                    open.append(scalar)
                    expectingValue = false
                case "]", "}":
                    if let innermost = open.popLast(), (innermost == "[") != (scalar == "]") {
                        return failure("unexpected '\(scalar)' inside \(innermost == "[" ? "an array" : "an inline table")")
                    }
                    expectingValue = false
                case ",":
                    expectingValue = open.last == "["
                case "=":
                    expectingValue = true
                case "\u{85}", "\u{2028}", "\u{2029}":
                    return failure("illegal line separator character")
                default:
                    if expectingValue {
                        if let failure = checkScalar() { return failure }
                        atLineStart = false
                        expectingValue = false
                        continue
                    }
                }
                atLineStart = false
                index += 1
            }
            return nil
        }

        /// Skips a basic, literal or multi-line string starting at `index`.
        mutating func skipString(quote: Unicode.Scalar) {
            let triple = peek(0) == quote && peek(1) == quote && peek(2) == quote
            index += triple ? 3 : 1
            while index < scalars.count {
                let current = scalars[index]
                if triple, current == quote, peek(1) == quote, peek(2) == quote {
                    index += 3
                    while index < scalars.count, scalars[index] == quote { index += 1 }
                    return
                }
                if !triple, current == quote {
                    index += 1
                    return
                }
                if current == "\n" {
                    if !triple { return }
                    line += 1
                    lineStart = index + 1
                }
                index += quote == "\"" && current == "\\" && peek(1) != "\n" ? 2 : 1
            }
        }

        /// Checks the start of a `[table]` or `[[array]]` header and skips the rest of its line.
        mutating func checkHeader() -> Failure? {
            var next = index + 1
            if next < scalars.count, scalars[next] == "[" { next += 1 }
            while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
            if next < scalars.count, !Self.isHeaderKeyStart(scalars[next]) {
                return failure("expected bare key starting character or string delimiter in table header", at: next)
            }
            while index < scalars.count, scalars[index] != "\n" {
                if scalars[index] == "\"" || scalars[index] == "'" {
                    skipString(quote: scalars[index])
                    continue
                }
                if scalars[index] == "#" { break }
                index += 1
            }
            atLineStart = false
            return nil
        }

        /// Reads an unquoted scalar value and checks it against the TOML grammar.
        mutating func checkScalar() -> Failure? {
            let start = index
            func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
                scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == ","
                    || scalar == "]" || scalar == "}" || scalar == "#"
            }
            while index < scalars.count, !isTerminator(scalars[index]) { index += 1 }
            var token = String(String.UnicodeScalarView(scalars[start..<index]))
            // A local date followed by a space and a digit continues as a date-time.
            if TOMLScalarGrammar.isDateTime(scalars[start..<index]), index - start == 10, peek(0) == " ",
                let digit = peek(1), ("0"..."9").contains(digit)
            {
                index += 1
                while index < scalars.count, !isTerminator(scalars[index]) { index += 1 }
                token = String(String.UnicodeScalarView(scalars[start..<index]))
            }
            guard TOMLScalarGrammar.isValid(token) else {
                return failure("invalid value `\(token)`", at: start)
            }
            return nil
        }

        static func isHeaderKeyStart(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "-" || scalar == "\"" || scalar == "'" || scalar == "]"
        }
    }
}
