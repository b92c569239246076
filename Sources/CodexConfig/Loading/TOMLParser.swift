// TOML is parsed by hand here instead of through TOMLKit for two reasons: TOMLKit wraps the C++ toml++, whose
// <iostream> static initialiser alone costs about 1 MB of resident memory in every process start, and toml++
// aborts the process on some malformed input. This parser reports every problem as a `TOMLSyntaxError` with a
// 1-based line and column and never traps, whatever the input.

import CodexProtocol

/// A recursive-descent TOML 1.0 parser over UTF-8 bytes; dates and times come out as strings as written.
struct TOMLParser {
    /// How deep tables, arrays and dotted keys may nest, so hostile input cannot exhaust the stack.
    static let maximumDepth = 256

    let bytes: [UInt8]
    /// Where the text starts (after a byte-order mark).
    let start: Int
    var index: Int
    /// The nesting depth of the value being parsed.
    var depth = 0
    let root = TOMLTableNode(origin: .header)

    init(_ text: String) {
        bytes = Array(text.utf8)
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        index = start
    }

    /// Parses a whole document into a JSON object.
    static func parse(_ text: String) throws(TOMLSyntaxError) -> JSONObject {
        var parser = TOMLParser(text)
        try parser.parseDocument()
        return parser.root.jsonObject()
    }

    mutating func parseDocument() throws(TOMLSyntaxError) {
        var current = root
        var sectionDepth = 0
        while true {
            skipWhitespace()
            guard let byte = peek() else { return }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            case UInt8(ascii: "["):
                (current, sectionDepth) = try parseHeader()
            default:
                depth = sectionDepth
                try parseKeyValue(into: current)
            }
            try finishLine()
        }
    }

    /// Parses `[a.b]` or `[[a.b]]` and returns the table that following key/value pairs go into.
    mutating func parseHeader() throws(TOMLSyntaxError) -> (TOMLTableNode, Int) {
        index += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { index += 1 }
        skipWhitespace()
        let keyStart = index
        let key = try parseKey()
        guard peek() == UInt8(ascii: "]") else {
            throw error("unclosed table, expected `]`")
        }
        index += 1
        if isArray {
            guard peek() == UInt8(ascii: "]") else {
                throw error("unclosed array of tables, expected `]]`")
            }
            index += 1
        }
        do {
            let table = try isArray ? root.appendTableArray(at: key) : root.defineTable(at: key)
            return (table, key.count)
        } catch {
            throw self.error(error.message, at: keyStart)
        }
    }

    /// Parses `key = value` and stores it in `table`.
    mutating func parseKeyValue(into table: TOMLTableNode) throws(TOMLSyntaxError) {
        let keyStart = index
        let key = try parseKey()
        guard peek() == UInt8(ascii: "=") else { throw error("key with no value, expected `=`") }
        index += 1
        skipWhitespace()
        let savedDepth = depth
        depth += key.count
        guard depth <= Self.maximumDepth else { throw error("the document nests too deeply", at: keyStart) }
        let value = try parseValue()
        depth = savedDepth
        do {
            try table.insert(value, at: key)
        } catch {
            throw self.error(error.message, at: keyStart)
        }
    }

    /// Parses a (possibly dotted) key and the whitespace after it.
    mutating func parseKey() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            parts.append(try parseSimpleKey())
            guard parts.count <= Self.maximumDepth else { throw error("the key has too many parts") }
            skipWhitespace()
            guard peek() == UInt8(ascii: ".") else { return parts }
            index += 1
            skipWhitespace()
        }
    }

    mutating func parseSimpleKey() throws(TOMLSyntaxError) -> String {
        switch peek() {
        case UInt8(ascii: "\"")?:
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                throw error("a key cannot be a multi-line string")
            }
            return try parseBasicString()
        case UInt8(ascii: "'")?:
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                throw error("a key cannot be a multi-line string")
            }
            return try parseLiteralString()
        case let byte? where Self.isBareKeyByte(byte):
            let keyStart = index
            while let next = peek(), Self.isBareKeyByte(next) { index += 1 }
            return String(decoding: bytes[keyStart..<index], as: UTF8.self)
        default:
            throw error("expected a key, found \(describeCurrent())")
        }
    }

    // MARK: Lines, whitespace, comments

    /// After a header or key/value pair: optional whitespace and comment, then a newline or the end.
    mutating func finishLine() throws(TOMLSyntaxError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "#") { try skipComment() }
        guard peek() != nil else { return }
        guard try consumeNewline() else {
            throw error("unexpected \(describeCurrent()) after the value, expected a newline or `#`")
        }
    }

    /// Consumes `\n` or `\r\n`; a lone carriage return is an error.
    mutating func consumeNewline() throws(TOMLSyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: "\n")?:
            index += 1
            return true
        case UInt8(ascii: "\r")?:
            guard peek(1) == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a newline") }
            index += 2
            return true
        default:
            return false
        }
    }

    mutating func skipComment() throws(TOMLSyntaxError) {
        index += 1
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { return }
            if Self.isControl(byte) { throw error("control character \(Self.describe(byte)) in a comment") }
            index += 1
        }
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// Inside arrays: whitespace, newlines and comments.
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLSyntaxError) {
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "#") { try skipComment() }
            guard try consumeNewline() else { return }
        }
    }

    // MARK: Bytes

    func peek(_ offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position < bytes.count ? bytes[position] : nil
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    /// Control characters other than tab, which TOML forbids outside escapes.
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte >= 0x80 { return "a non-ASCII character" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    func describeCurrent() -> String {
        switch peek() {
        case nil: "the end of the input"
        case UInt8(ascii: "\n")?, UInt8(ascii: "\r")?: "a newline"
        case let byte?: Self.describe(byte)
        }
    }

    /// An error at `position` (the current index when nil), with its 1-based line and column.
    func error(_ message: String, at position: Int? = nil) -> TOMLSyntaxError {
        let end = min(max(position ?? index, start), bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[start..<end] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return TOMLSyntaxError(line: line, column: column, message: message)
    }
}
