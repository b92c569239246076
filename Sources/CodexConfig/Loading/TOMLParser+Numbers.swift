import CodexProtocol

/// TOML integers (decimal, hex, octal, binary) and floats (fraction, exponent, inf, nan).
extension TOMLParser {
    /// Converts a scanned token to `.int` or `.double`.
    static func number(_ token: ArraySlice<UInt8>) throws(TOMLUnplacedError) -> JSONValue {
        var body = token
        var negative = false
        let hasSign = body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-")
        if hasSign {
            negative = body.first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        if body.elementsEqual("inf".utf8) { return .double(negative ? -.infinity : .infinity) }
        if body.elementsEqual("nan".utf8) { return .double(.nan) }

        if body.count >= 2, body.first == UInt8(ascii: "0"), let prefix = body.dropFirst().first,
            let radix = radix(of: prefix)
        {
            guard !hasSign else { throw TOMLUnplacedError(message: "a hex, octal or binary integer cannot have a sign") }
            return .int(try integer(body.dropFirst(2), radix: radix, negative: false))
        }

        guard let integerEnd = digitRun(body, from: body.startIndex) else { throw invalidNumber }
        if integerEnd - body.startIndex > 1, body.first == UInt8(ascii: "0") {
            throw TOMLUnplacedError(message: "leading zeros are not allowed")
        }
        var position = integerEnd
        var isFloat = false
        if position < body.endIndex, body[position] == UInt8(ascii: ".") {
            guard let fractionEnd = digitRun(body, from: position + 1) else { throw invalidNumber }
            position = fractionEnd
            isFloat = true
        }
        if position < body.endIndex, body[position] == UInt8(ascii: "e") || body[position] == UInt8(ascii: "E") {
            position += 1
            if position < body.endIndex, body[position] == UInt8(ascii: "+") || body[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard let exponentEnd = digitRun(body, from: position) else { throw invalidNumber }
            position = exponentEnd
            isFloat = true
        }
        guard position == body.endIndex else { throw invalidNumber }
        if !isFloat { return .int(try integer(body, radix: 10, negative: negative)) }
        let text = String(decoding: token.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(text) else { throw invalidNumber }
        return .double(value)
    }

    private static var invalidNumber: TOMLUnplacedError { TOMLUnplacedError(message: "invalid value") }

    private static func radix(of byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// Digits with single underscores between them, starting at `from`; returns the end index.
    private static func digitRun(_ token: ArraySlice<UInt8>, from: Int, radix: UInt64 = 10) -> Int? {
        var position = from
        guard position < token.endIndex, digitValue(token[position], radix: radix) != nil else { return nil }
        position += 1
        while position < token.endIndex {
            if digitValue(token[position], radix: radix) != nil {
                position += 1
            } else if token[position] == UInt8(ascii: "_"), position + 1 < token.endIndex,
                digitValue(token[position + 1], radix: radix) != nil
            {
                position += 2
            } else {
                break
            }
        }
        return position
    }

    private static func digitValue(_ byte: UInt8, radix: UInt64) -> UInt64? {
        guard let value = hexValue(byte).map(UInt64.init), value < radix else { return nil }
        return value
    }

    /// The value of an underscore-separated digit run that must fill `digits`; overflow is an error.
    private static func integer(_ digits: ArraySlice<UInt8>, radix: UInt64, negative: Bool) throws(TOMLUnplacedError)
        -> Int64
    {
        guard digitRun(digits, from: digits.startIndex, radix: radix) == digits.endIndex else { throw invalidNumber }
        var magnitude: UInt64 = 0
        for byte in digits where byte != UInt8(ascii: "_") {
            guard let digit = digitValue(byte, radix: radix) else { throw invalidNumber }
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { throw TOMLUnplacedError(message: "the integer does not fit in 64 bits") }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else {
                throw TOMLUnplacedError(message: "the integer does not fit in 64 bits")
            }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else {
            throw TOMLUnplacedError(message: "the integer does not fit in 64 bits")
        }
        return Int64(magnitude)
    }
}
