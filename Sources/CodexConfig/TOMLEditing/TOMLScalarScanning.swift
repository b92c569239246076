import CodexProtocol

// Strings, numbers, booleans and dates for the scanner. Strings are decoded (escapes resolved) so
// the editor can tell whether a write would change anything; dates and times are only skipped.

extension TOMLScanner {
    /// `"..."` with escapes, on one line.
    mutating func scanBasicString() throws(TOMLEditError) -> String {
        let start = position
        position += 1
        var decoded: [UInt8] = []
        while true {
            if atLineEnd { throw malformed("unterminated string (missing closing '\"')", at: start) }
            let current = byte
            if current == .doubleQuote {
                position += 1
                return String(decoding: decoded, as: UTF8.self)
            }
            if current == .backslash {
                try scanEscape(into: &decoded)
            } else {
                decoded.append(current)
                position += 1
            }
        }
    }

    /// `'...'` taken literally, on one line.
    mutating func scanLiteralString() throws(TOMLEditError) -> String {
        let start = position
        position += 1
        while byte != .singleQuote {
            if atLineEnd { throw malformed("unterminated string (missing closing \"'\")", at: start) }
            position += 1
        }
        position += 1
        return String(decoding: bytes[(start + 1)..<(position - 1)], as: UTF8.self)
    }

    /// `"""..."""` (escapes, line-ending backslash) or `'''...'''` (literal); may span lines.
    mutating func scanMultilineString(quote: UInt8) throws(TOMLEditError) -> String {
        let start = position
        position += 3
        // A newline right after the opening delimiter is not part of the string.
        if byte == .lineFeed {
            position += 1
        } else if byte == .carriageReturn, peek(1) == .lineFeed {
            position += 2
        }
        var decoded: [UInt8] = []
        while true {
            guard position < bytes.count else {
                let delimiter = String(repeating: quote == .doubleQuote ? "\"" : "'", count: 3)
                throw malformed("unterminated multi-line string (missing closing \(delimiter))", at: start)
            }
            let current = byte
            if current == quote, peek(1) == quote, peek(2) == quote {
                // Up to two quotes right before the closing delimiter belong to the content.
                var run = 3
                while run < 5, peek(run) == quote { run += 1 }
                decoded.append(contentsOf: repeatElement(quote, count: run - 3))
                position += run
                return String(decoding: decoded, as: UTF8.self)
            }
            if current == .backslash, quote == .doubleQuote {
                if skipLineEndingBackslash() { continue }
                try scanEscape(into: &decoded)
            } else {
                decoded.append(current)
                position += 1
            }
        }
    }

    /// A `\` followed by blanks up to the end of the line trims it and all following whitespace.
    private mutating func skipLineEndingBackslash() -> Bool {
        var probe = position + 1
        while probe < bytes.count, bytes[probe] == .space || bytes[probe] == .tab { probe += 1 }
        let atNewline = probe < bytes.count
            && (bytes[probe] == .lineFeed
                || (bytes[probe] == .carriageReturn && probe + 1 < bytes.count && bytes[probe + 1] == .lineFeed))
        guard atNewline else { return false }
        position = probe
        while position < bytes.count,
            [UInt8.space, .tab, .lineFeed, .carriageReturn].contains(bytes[position])
        {
            position += 1
        }
        return true
    }

    private mutating func scanEscape(into decoded: inout [UInt8]) throws(TOMLEditError) {
        let start = position
        let code = peek(1)
        position += 2
        switch code {
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "e"): decoded.append(0x1B)
        case .doubleQuote: decoded.append(.doubleQuote)
        case .backslash: decoded.append(.backslash)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = code == UInt8(ascii: "x") ? 2 : code == UInt8(ascii: "u") ? 4 : 8
            guard position + digits <= bytes.count,
                let value = UInt32(String(decoding: bytes[position..<(position + digits)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value)
            else {
                throw malformed("invalid unicode escape in string", at: start)
            }
            position += digits
            decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw malformed("invalid escape sequence '\\\(String(decoding: [code], as: UTF8.self))' in string", at: start)
        }
    }

    /// A number, boolean, date or time: everything up to a separator, trailing blanks trimmed.
    mutating func scanBareScalar() throws(TOMLEditError) -> TOMLValueNode {
        let start = position
        while position < bytes.count, !atLineEnd,
            ![UInt8.comma, .closeBracket, .closeBrace, .hash].contains(bytes[position])
        {
            position += 1
        }
        var end = position
        while end > start, bytes[end - 1] == .space || bytes[end - 1] == .tab { end -= 1 }
        position = end
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        if let value = Self.decodeBareScalar(text) {
            return TOMLValueNode(range: start..<end, shape: .scalar(value))
        }
        guard Self.looksLikeDateOrTime(text) else {
            throw malformed("invalid value '\(text)' (strings must be quoted)", at: start)
        }
        return TOMLValueNode(range: start..<end, shape: .scalar(nil))
    }

    /// Booleans, integers (decimal, hex, octal, binary, `_` separators) and floats (incl. inf/nan), by the
    /// same number grammar the parser reads documents with.
    static func decodeBareScalar(_ text: String) -> JSONValue? {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return try? TOMLParser.number(ArraySlice(text.utf8))
        }
    }

    /// `1979-05-27`, `1979-05-27T07:32:00Z`, `07:32:00` and similar.
    static func looksLikeDateOrTime(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= characters.count && characters[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        let isDate = digits(0..<4) && characters.count >= 10 && characters[4] == UInt8(ascii: "-")
        let isTime = digits(0..<2) && characters.count >= 5 && characters[2] == UInt8(ascii: ":")
        return (isDate || isTime)
            && characters.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || "-:.+TZtz ".utf8.contains(byte)
            }
    }
}
