import CodexProtocol

/// Values: strings, booleans, arrays, inline tables, numbers, dates and times.
extension TOMLParser {
    mutating func parseValue() throws(TOMLSyntaxError) -> TOMLNode {
        switch peek() {
        case UInt8(ascii: "\"")?:
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                return .value(.string(try parseMultilineString(literal: false)))
            }
            return .value(.string(try parseBasicString()))
        case UInt8(ascii: "'")?:
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                return .value(.string(try parseMultilineString(literal: true)))
            }
            return .value(.string(try parseLiteralString()))
        case UInt8(ascii: "[")?:
            return .value(try parseArray())
        case UInt8(ascii: "{")?:
            return .table(try parseInlineTable())
        case UInt8(ascii: "t")?:
            try expectWord("true")
            return .value(.bool(true))
        case UInt8(ascii: "f")?:
            try expectWord("false")
            return .value(.bool(false))
        default:
            return .value(try parseNumberOrDate())
        }
    }

    private mutating func expectWord(_ word: String) throws(TOMLSyntaxError) {
        let expected = word.utf8
        guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected)
        else { throw error(Self.unquotedStringMessage) }
        index += expected.count
    }

    private mutating func enterNesting() throws(TOMLSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("the document nests too deeply") }
    }

    /// `[v, v, …]` across lines, with comments and an optional trailing comma.
    mutating func parseArray() throws(TOMLSyntaxError) -> JSONValue {
        try enterNesting()
        index += 1
        var items: [JSONValue] = []
        // Where the last bracket, value or comma ends: an array left open is reported there, as the reference
        // does, not at the end of the file after the whitespace, comments and lines that follow.
        var contentEnd = index
        while true {
            try skipWhitespaceCommentsAndNewlines()
            if peek() == UInt8(ascii: "]") { break }
            guard peek() != nil else { throw error("unclosed array, expected `]`", at: contentEnd) }
            if peek() == UInt8(ascii: ",") { throw error("extra comma in array, expected a value or `]`") }
            items.append(try parseValue().json)
            contentEnd = index
            try skipWhitespaceCommentsAndNewlines()
            if peek() == UInt8(ascii: ",") {
                index += 1
                contentEnd = index
            } else if peek() == UInt8(ascii: "]") {
                break
            } else if peek() == nil {
                throw error("unclosed array, expected `]`", at: contentEnd)
            } else {
                throw error("missing comma between array elements, expected `,` or `]`, found \(describeCurrent())")
            }
        }
        index += 1
        depth -= 1
        return .array(items)
    }

    /// `{ k = v, … }` on one line, without a trailing comma; closed once read.
    mutating func parseInlineTable() throws(TOMLSyntaxError) -> TOMLTableNode {
        try enterNesting()
        index += 1
        let table = TOMLTableNode(origin: .inline)
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return table
        }
        while true {
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: "}")?: throw error("a trailing comma is not allowed in an inline table")
            case UInt8(ascii: "\n")?, UInt8(ascii: "\r")?: throw error("newlines are not allowed in an inline table")
            case nil: throw error("unclosed inline table, expected `}`")
            default: break
            }
            let savedDepth = depth
            try parseKeyValue(into: table)
            depth = savedDepth
            let valueEnd = index
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ",")?:
                index += 1
            case UInt8(ascii: "}")?:
                index += 1
                depth -= 1
                table.close()
                return table
            case UInt8(ascii: "\n")?, UInt8(ascii: "\r")?, nil:
                throw error("unclosed inline table, expected `}`", at: valueEnd)
            default:
                throw error("missing comma between key-value pairs, expected `,` or `}`, found \(describeCurrent())")
            }
        }
    }

    // MARK: Numbers, dates and times

    /// Integers, floats, inf/nan, and the four date/time forms (kept as the text written).
    mutating func parseNumberOrDate() throws(TOMLSyntaxError) -> JSONValue {
        let tokenStart = index
        scanToken()
        // A local or offset date-time may separate date and time with a space.
        if index - tokenStart == 10, Self.isDate(bytes[tokenStart..<index]), peek() == UInt8(ascii: " "),
            let hour = peek(1), Self.isDigit(hour), let hour2 = peek(2), Self.isDigit(hour2),
            peek(3) == UInt8(ascii: ":")
        {
            index += 1
            scanToken()
        }
        let token = bytes[tokenStart..<index]
        guard !token.isEmpty else { throw error("expected a value, found \(describeCurrent())") }
        if token.contains(UInt8(ascii: ":")) || (token.count >= 5 && Self.isDate(token.prefix(10))) {
            guard Self.isDateTime(token) else { throw error("invalid date or time", at: tokenStart) }
            return .string(String(decoding: token, as: UTF8.self))
        }
        do {
            return try Self.number(token)
        } catch {
            let bareWord = token.first.map(Self.isLetter) ?? false
            throw self.error(bareWord ? Self.unquotedStringMessage : error.message, at: tokenStart)
        }
    }

    /// A bare word where a value belongs: the reference's wording.
    static let unquotedStringMessage = "string values must be quoted"

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private mutating func scanToken() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "."), UInt8(ascii: ":"):
                index += 1
            default:
                return
            }
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Reads `count` digits at `offset` of `token` as a number.
    private static func digits(_ token: ArraySlice<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        let from = token.startIndex + offset
        guard from >= token.startIndex, from + count <= token.endIndex else { return nil }
        var value = 0
        for byte in token[from..<from + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func byte(_ token: ArraySlice<UInt8>, _ offset: Int) -> UInt8? {
        let position = token.startIndex + offset
        return position < token.endIndex ? token[position] : nil
    }

    /// `YYYY-MM-DD` exactly, with a real day of the month.
    static func isDate(_ token: ArraySlice<UInt8>) -> Bool {
        guard token.count == 10, byte(token, 4) == UInt8(ascii: "-"), byte(token, 7) == UInt8(ascii: "-"),
            let year = digits(token, 0, 4), let month = digits(token, 5, 2), let day = digits(token, 8, 2),
            (1...12).contains(month), day >= 1
        else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// `HH:MM:SS(.fraction)?` at the start of `token`; returns how many bytes it spans.
    private static func timeLength(_ token: ArraySlice<UInt8>) -> Int? {
        guard byte(token, 2) == UInt8(ascii: ":"), byte(token, 5) == UInt8(ascii: ":"),
            let hour = digits(token, 0, 2), let minute = digits(token, 3, 2), let second = digits(token, 6, 2),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        guard byte(token, 8) == UInt8(ascii: ".") else { return 8 }
        var length = 9
        while let next = byte(token, length), isDigit(next) { length += 1 }
        return length > 9 ? length : nil
    }

    /// Offset date-time, local date-time, local date or local time.
    static func isDateTime(_ token: ArraySlice<UInt8>) -> Bool {
        if byte(token, 2) == UInt8(ascii: ":") { return timeLength(token) == token.count }
        guard token.count >= 10, isDate(token.prefix(10)) else { return false }
        if token.count == 10 { return true }
        guard let separator = byte(token, 10),
            separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
            let time = timeLength(token.dropFirst(11))
        else { return false }
        let offset = token.dropFirst(11 + time)
        switch offset.first {
        case nil: return true
        case UInt8(ascii: "Z")?, UInt8(ascii: "z")?: return offset.count == 1
        case UInt8(ascii: "+")?, UInt8(ascii: "-")?:
            guard offset.count == 6, byte(offset, 3) == UInt8(ascii: ":"), let hours = digits(offset, 1, 2),
                let minutes = digits(offset, 4, 2)
            else { return false }
            return hours <= 23 && minutes <= 59
        default: return false
        }
    }
}
