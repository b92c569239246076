import CodexProtocol

// A string- and comment-aware scanner that splits TOML text into logical lines and records where
// every key and value sits. It is not a validating parser: it follows the structure the editor
// needs (headers, keys, value extents, inline-table entries) and reports what it cannot follow
// (unterminated strings, arrays or inline tables, a missing `=`) with the line number.

/// Splits TOML bytes into logical lines with the positions of headers, keys and values.
struct TOMLScanner {
    let bytes: [UInt8]
    var position = 0
    /// The offset each physical line starts at, for line numbers in errors.
    private let lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == .lineFeed {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// Scans the whole text.
    static func scan(_ bytes: [UInt8]) throws(TOMLEditError) -> [TOMLLogicalLine] {
        var scanner = TOMLScanner(bytes: bytes)
        return try scanner.scanLines()
    }

    /// The 1-based physical line an offset is on.
    func lineNumber(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle }
        }
        return low + 1
    }

    func malformed(_ message: String, at offset: Int) -> TOMLEditError {
        .malformed(line: lineNumber(at: offset), message: message)
    }

    // MARK: - Lines

    private mutating func scanLines() throws(TOMLEditError) -> [TOMLLogicalLine] {
        var lines: [TOMLLogicalLine] = []
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // a UTF-8 byte order mark
        while position < bytes.count {
            let start = lines.isEmpty ? 0 : position
            skipBlanks()
            let kind: TOMLLogicalLine.Kind
            if atLineEnd || byte == .hash {
                kind = .trivia
            } else if byte == .openBracket {
                kind = try scanHeader()
            } else {
                let key = try scanKey()
                skipBlanks()
                guard byte == .equals else {
                    throw malformed("expected '=' after the key \(TOMLValueWriter.dottedKey(key))", at: position)
                }
                position += 1
                skipBlanks()
                kind = .keyValue(key: key, value: try scanValue())
            }
            try finishLine()
            lines.append(TOMLLogicalLine(range: start..<position, lineNumber: lineNumber(at: start), kind: kind))
        }
        return lines
    }

    /// Skips blanks and a trailing comment, then the line terminator; anything else is an error.
    private mutating func finishLine() throws(TOMLEditError) {
        skipBlanks()
        if byte == .hash { skipComment() }
        if position >= bytes.count { return }
        if byte == .lineFeed {
            position += 1
        } else if byte == .carriageReturn, peek(1) == .lineFeed {
            position += 2
        } else {
            throw malformed("unexpected text \(describeHere()) where the line should end", at: position)
        }
    }

    private mutating func scanHeader() throws(TOMLEditError) -> TOMLLogicalLine.Kind {
        let start = position
        let isArray = peek(1) == .openBracket
        position += isArray ? 2 : 1
        skipBlanks()
        let path = try scanKey()
        skipBlanks()
        guard byte == .closeBracket, !isArray || peek(1) == .closeBracket else {
            throw malformed("table header is not closed with '\(isArray ? "]]" : "]")'", at: start)
        }
        position += isArray ? 2 : 1
        return .header(path: path, isArray: isArray)
    }

    // MARK: - Keys

    /// A dotted key (`a."b c".d`), blanks allowed around the dots.
    mutating func scanKey() throws(TOMLEditError) -> [String] {
        var segments: [String] = []
        while true {
            skipBlanks()
            segments.append(try scanKeySegment())
            skipBlanks()
            guard byte == .dot else { return segments }
            position += 1
        }
    }

    private mutating func scanKeySegment() throws(TOMLEditError) -> String {
        let start = position
        switch byte {
        case .doubleQuote:
            if peek(1) == .doubleQuote, peek(2) == .doubleQuote {
                throw malformed("a key cannot be a multi-line string", at: start)
            }
            return try scanBasicString()
        case .singleQuote:
            if peek(1) == .singleQuote, peek(2) == .singleQuote {
                throw malformed("a key cannot be a multi-line string", at: start)
            }
            return try scanLiteralString()
        default:
            while position < bytes.count, TOMLValueWriter.isBareKeyByte(bytes[position]) { position += 1 }
            guard position > start else {
                throw malformed("expected a key, found \(describeHere())", at: start)
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }

    // MARK: - Values

    /// One value: string, number, boolean, date, array or inline table.
    mutating func scanValue() throws(TOMLEditError) -> TOMLValueNode {
        let start = position
        guard position < bytes.count, !atLineEnd, byte != .hash else {
            throw malformed("missing value after '='", at: start)
        }
        switch byte {
        case .doubleQuote:
            let text: String
            if peek(1) == .doubleQuote, peek(2) == .doubleQuote {
                text = try scanMultilineString(quote: .doubleQuote)
            } else {
                text = try scanBasicString()
            }
            return TOMLValueNode(range: start..<position, shape: .scalar(.string(text)))
        case .singleQuote:
            let text: String
            if peek(1) == .singleQuote, peek(2) == .singleQuote {
                text = try scanMultilineString(quote: .singleQuote)
            } else {
                text = try scanLiteralString()
            }
            return TOMLValueNode(range: start..<position, shape: .scalar(.string(text)))
        case .openBracket:
            return try scanArray()
        case .openBrace:
            return try scanInlineTable()
        default:
            return try scanBareScalar()
        }
    }

    private mutating func scanArray() throws(TOMLEditError) -> TOMLValueNode {
        let start = position
        position += 1
        var elements: [TOMLValueNode] = []
        while true {
            try skipTrivia(closing: "array", openedAt: start)
            if byte == .closeBracket { break }
            elements.append(try scanValue())
            try skipTrivia(closing: "array", openedAt: start)
            if byte == .comma {
                position += 1
            } else if byte != .closeBracket {
                throw malformed("expected ',' or ']' in the array, found \(describeHere())", at: position)
            }
        }
        position += 1
        return TOMLValueNode(range: start..<position, shape: .array(elements))
    }

    private mutating func scanInlineTable() throws(TOMLEditError) -> TOMLValueNode {
        let start = position
        position += 1
        var entries: [TOMLInlineEntry] = []
        while true {
            try skipTrivia(closing: "inline table", openedAt: start)
            if byte == .closeBrace { break }
            let keyStart = position
            let key = try scanKey()
            var keyEnd = position
            while keyEnd > keyStart, bytes[keyEnd - 1] == .space || bytes[keyEnd - 1] == .tab { keyEnd -= 1 }
            skipBlanks()
            guard byte == .equals else {
                throw malformed("expected '=' after the key \(TOMLValueWriter.dottedKey(key))", at: position)
            }
            position += 1
            skipBlanks()
            entries.append(TOMLInlineEntry(key: key, keyRange: keyStart..<keyEnd, value: try scanValue()))
            try skipTrivia(closing: "inline table", openedAt: start)
            if byte == .comma {
                position += 1
            } else if byte != .closeBrace {
                throw malformed("expected ',' or '}' in the inline table, found \(describeHere())", at: position)
            }
        }
        position += 1
        return TOMLValueNode(range: start..<position, shape: .inlineTable(entries))
    }

    /// Skips blanks, newlines and comments inside an array or inline table; the end of the text is an error.
    private mutating func skipTrivia(closing container: String, openedAt start: Int) throws(TOMLEditError) {
        while position < bytes.count {
            switch bytes[position] {
            case .space, .tab, .lineFeed: position += 1
            case .carriageReturn where peek(1) == .lineFeed: position += 2
            case .hash: skipComment()
            default: return
            }
        }
        let closer = container == "array" ? "]" : "}"
        throw malformed("unterminated \(container) (missing '\(closer)')", at: start)
    }

    // MARK: - Bytes

    var byte: UInt8 { position < bytes.count ? bytes[position] : 0 }

    func peek(_ distance: Int) -> UInt8 {
        position + distance < bytes.count ? bytes[position + distance] : 0
    }

    /// True at the end of the text or at `\n` / `\r\n`.
    var atLineEnd: Bool {
        position >= bytes.count || byte == .lineFeed || (byte == .carriageReturn && peek(1) == .lineFeed)
    }

    mutating func skipBlanks() {
        while position < bytes.count, bytes[position] == .space || bytes[position] == .tab { position += 1 }
    }

    /// Skips from `#` up to (not over) the line terminator.
    mutating func skipComment() {
        while !atLineEnd { position += 1 }
    }

    /// The character at the current position, quoted, for error messages.
    func describeHere() -> String {
        guard position < bytes.count else { return "end of file" }
        if atLineEnd { return "end of line" }
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: bytes[position..<end], as: UTF8.self))'"
    }
}

extension UInt8 {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let hash = UInt8(ascii: "#")
    static let equals = UInt8(ascii: "=")
    static let dot = UInt8(ascii: ".")
    static let comma = UInt8(ascii: ",")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
}
