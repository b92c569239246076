/// The four TOML string forms: basic, literal, and their multi-line variants.
extension TOMLParser {
    /// `"…"` with escapes; the cursor is on the opening quote.
    mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        let opening = index
        index += 1
        var output: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unclosed basic string, expected `\"`", at: opening) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &output)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("unclosed basic string, expected `\"` before the end of the line", at: opening)
            default:
                if Self.isControl(byte) { throw error("control character \(Self.describe(byte)) must be escaped") }
                output.append(byte)
                index += 1
            }
        }
    }

    /// `'…'` taken verbatim; the cursor is on the opening quote.
    mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        let opening = index
        index += 1
        let contentStart = index
        while true {
            guard let byte = peek() else { throw error("unclosed literal string, expected `'`", at: opening) }
            switch byte {
            case UInt8(ascii: "'"):
                let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
                index += 1
                return text
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("unclosed literal string, expected `'` before the end of the line", at: opening)
            default:
                if Self.isControl(byte) {
                    throw error("control character \(Self.describe(byte)) is not allowed in a literal string")
                }
                index += 1
            }
        }
    }

    /// `"""…"""` or `'''…'''`; the cursor is on the first opening quote.
    mutating func parseMultilineString(literal: Bool) throws(TOMLSyntaxError) -> String {
        let opening = index
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        index += 3
        _ = try consumeNewline()
        var output: [UInt8] = []
        while true {
            guard let byte = peek() else {
                let message =
                    literal
                    ? "unclosed multi-line literal string, expected `'''`"
                    : "unclosed multi-line basic string, expected `\"\"\"`"
                throw error(message, at: opening)
            }
            switch byte {
            case quote:
                var count = 0
                while peek() == quote { count += 1; index += 1 }
                if count >= 3 {
                    guard count <= 5 else {
                        throw error("too many quotes at the end of a multi-line string", at: index - count + 5)
                    }
                    output.append(contentsOf: repeatElement(quote, count: count - 3))
                    return String(decoding: output, as: UTF8.self)
                }
                output.append(contentsOf: repeatElement(quote, count: count))
            case UInt8(ascii: "\\") where !literal:
                if try skipLineEndingBackslash() { continue }
                try parseEscape(into: &output)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                _ = try consumeNewline()
                output.append(UInt8(ascii: "\n"))
            default:
                if Self.isControl(byte) {
                    throw error("control character \(Self.describe(byte)) is not allowed in a string")
                }
                output.append(byte)
                index += 1
            }
        }
    }

    /// A backslash that ends a line trims it and all whitespace and newlines after it.
    private mutating func skipLineEndingBackslash() throws(TOMLSyntaxError) -> Bool {
        var position = index + 1
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r")
        else { return false }
        index = position
        while true {
            skipWhitespace()
            guard try consumeNewline() else { return true }
        }
    }

    /// Decodes one escape sequence; the cursor is on the backslash.
    private mutating func parseEscape(into output: inout [UInt8]) throws(TOMLSyntaxError) {
        let escapeStart = index
        index += 1
        guard let letter = peek() else { throw error("unclosed basic string, expected an escaped character") }
        index += 1
        switch letter {
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let length = letter == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<length {
                guard let digit = peek().flatMap(Self.hexValue) else {
                    throw error("a \\\(Character(Unicode.Scalar(letter))) escape needs \(length) hex digits", at: escapeStart)
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error("the escape is not a Unicode scalar value", at: escapeStart)
            }
            Unicode.UTF8.encode(scalar) { output.append($0) }
        default:
            throw error(
                "invalid escape sequence, expected `b`, `t`, `n`, `f`, `r`, `\\`, `\"`, `u`, `U`", at: escapeStart)
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
