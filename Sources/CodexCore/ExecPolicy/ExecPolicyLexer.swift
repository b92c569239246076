/// One lexical token of a `.rules` file, with where it starts (1-based line and column).
struct ExecPolicyToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case string(String)
        case number(String)
        case punctuation(Character)
        case newline
        case end
    }

    var kind: Kind
    var line: Int
    var column: Int
}

/// Splits a `.rules` file (the Starlark subset the reference's rules use) into tokens: identifiers,
/// string literals (single, double or triple quoted, optional `r` prefix), numbers, punctuation and the
/// newlines that end statements (newlines inside brackets are not tokens). `#` starts a comment.
struct ExecPolicyLexer {
    private let scalars: [Unicode.Scalar]
    private let path: String
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    init(text: String, path: String) {
        self.scalars = Array(text.unicodeScalars)
        self.path = path
    }

    mutating func tokens() throws(ExecPolicyParseError) -> [ExecPolicyToken] {
        var result: [ExecPolicyToken] = []
        while let scalar = peek() {
            let startLine = line
            let startColumn = column
            switch scalar {
            case " ", "\t", "\r":
                advance()
            case "\\" where peek(1) == "\n":
                advance()
                advance()
            case "#":
                while let next = peek(), next != "\n" { advance() }
            case "\n":
                advance()
                if depth == 0 { result.append(ExecPolicyToken(kind: .newline, line: startLine, column: startColumn)) }
            case "\"", "'":
                let text = try stringLiteral(raw: false)
                result.append(ExecPolicyToken(kind: .string(text), line: startLine, column: startColumn))
            case "r" where peek(1) == "\"" || peek(1) == "'":
                advance()
                let text = try stringLiteral(raw: true)
                result.append(ExecPolicyToken(kind: .string(text), line: startLine, column: startColumn))
            case _ where Self.isIdentifierStart(scalar):
                var name = ""
                while let next = peek(), Self.isIdentifierStart(next) || ("0"..."9").contains(next) {
                    name.unicodeScalars.append(next)
                    advance()
                }
                result.append(ExecPolicyToken(kind: .identifier(name), line: startLine, column: startColumn))
            case "0"..."9":
                var digits = ""
                while let next = peek(), ("0"..."9").contains(next) || next == "." || next == "_" {
                    digits.unicodeScalars.append(next)
                    advance()
                }
                result.append(ExecPolicyToken(kind: .number(digits), line: startLine, column: startColumn))
            case "(", "[", "{":
                depth += 1
                advance()
                result.append(ExecPolicyToken(kind: .punctuation(Character(scalar)), line: startLine, column: startColumn))
            case ")", "]", "}":
                depth = max(0, depth - 1)
                advance()
                result.append(ExecPolicyToken(kind: .punctuation(Character(scalar)), line: startLine, column: startColumn))
            case ",", "=", ":", ";":
                advance()
                result.append(ExecPolicyToken(kind: .punctuation(Character(scalar)), line: startLine, column: startColumn))
            default:
                throw error("Parse error: unexpected character '\(Character(scalar))'", line: startLine, column: startColumn)
            }
        }
        result.append(ExecPolicyToken(kind: .newline, line: line, column: column))
        result.append(ExecPolicyToken(kind: .end, line: line, column: column))
        return result
    }

    private mutating func stringLiteral(raw: Bool) throws(ExecPolicyParseError) -> String {
        let startLine = line
        let startColumn = column
        guard let quote = peek() else { throw error("Parse error: unfinished string literal", line: line, column: column) }
        let triple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var text = ""
        while true {
            guard let scalar = peek() else {
                throw error("Parse error: unfinished string literal", line: startLine, column: startColumn)
            }
            if scalar == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                for _ in 0..<(triple ? 3 : 1) { advance() }
                return text
            }
            if scalar == "\n" && !triple {
                throw error("Parse error: unfinished string literal", line: startLine, column: startColumn)
            }
            if scalar == "\\" && !raw {
                advance()
                guard let escaped = peek() else { continue }
                advance()
                switch escaped {
                case "n": text += "\n"
                case "t": text += "\t"
                case "r": text += "\r"
                case "0": text += "\0"
                case "b": text += "\u{08}"
                case "f": text += "\u{0C}"
                case "a": text += "\u{07}"
                case "v": text += "\u{0B}"
                case "x", "u", "U":
                    let width = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
                    var hex = ""
                    for _ in 0..<width {
                        guard let digit = peek(), digit.properties.isASCIIHexDigit else { break }
                        hex.unicodeScalars.append(digit)
                        advance()
                    }
                    guard hex.count == width, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw error("Parse error: invalid escape sequence '\\\(Character(escaped))\(hex)'", line: line, column: column)
                    }
                    text.unicodeScalars.append(decoded)
                case "\\", "\"", "'": text.unicodeScalars.append(escaped)
                case "\n": break
                default:
                    throw error("Parse error: invalid escape sequence '\\\(Character(escaped))'", line: line, column: column - 2)
                }
                continue
            }
            if scalar == "\\" && raw, let next = peek(1), next == quote || next == "\\" {
                text.unicodeScalars.append(scalar)
                text.unicodeScalars.append(next)
                advance()
                advance()
                continue
            }
            text.unicodeScalars.append(scalar)
            advance()
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private func error(_ message: String, line: Int, column: Int) -> ExecPolicyParseError {
        ExecPolicyParseError(path: path, line: line, column: column, message: message)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}
