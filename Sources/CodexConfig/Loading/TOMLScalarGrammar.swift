/// The TOML 1.0 grammar of unquoted scalar values (numbers, booleans, dates and times).
///
/// `TOMLPreflight` checks every unquoted value against it, so the bundled toml++ parser only ever
/// sees well-formed scalars: several of its typed parsers assert on malformed ones (`1979-05-27true`).
enum TOMLScalarGrammar {
    static func isValid(_ token: String) -> Bool {
        let scalars = Array(token.unicodeScalars)
        guard !scalars.isEmpty else { return false }
        if token == "true" || token == "false" { return true }
        var body = scalars[...]
        if let sign = body.first, sign == "+" || sign == "-" { body = body.dropFirst() }
        let unsigned = String(String.UnicodeScalarView(body))
        if unsigned == "inf" || unsigned == "nan" { return true }
        if body.count == scalars.count, isPrefixedInteger(scalars) { return true }
        if isDecimalNumber(body) { return true }
        return body.count == scalars.count && isDateTime(scalars[...])
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Digits with single underscores between them; `allowed` picks the digit set.
    private static func isDigitRun(_ run: ArraySlice<Unicode.Scalar>, allowed: (Unicode.Scalar) -> Bool) -> Bool {
        guard let first = run.first, let last = run.last, allowed(first), allowed(last) else { return false }
        var previousUnderscore = false
        for scalar in run {
            if scalar == "_" {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else if allowed(scalar) {
                previousUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    private static func isPrefixedInteger(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count > 2, scalars[0] == "0" else { return false }
        let digits = scalars[2...]
        switch scalars[1] {
        case "x": return isDigitRun(digits) { isDigit($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
        case "o": return isDigitRun(digits) { ("0"..."7").contains($0) }
        case "b": return isDigitRun(digits) { $0 == "0" || $0 == "1" }
        default: return false
        }
    }

    /// Integer or float without sign: `0`, `1_000`, `3.14`, `1e-5`, `6.02E+23`.
    private static func isDecimalNumber(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        let exponentIndex = body.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = exponentIndex.map { body[..<$0] } ?? body
        let dotIndex = mantissa.firstIndex(of: ".")
        let integerPart = dotIndex.map { mantissa[..<$0] } ?? mantissa
        guard isDigitRun(integerPart, allowed: isDigit) else { return false }
        if integerPart.count > 1, integerPart.first == "0" { return false }
        if let dotIndex, !isDigitRun(mantissa[mantissa.index(after: dotIndex)...], allowed: isDigit) { return false }
        if let exponentIndex {
            var exponent = body[body.index(after: exponentIndex)...]
            if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
            return isDigitRun(exponent, allowed: isDigit)
        }
        return true
    }

    /// `YYYY-MM-DD`, `HH:MM[:SS[.frac]]`, or a date, `T`/`t`/space, a time and an optional offset.
    static func isDateTime(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        if isTime(text) { return true }
        guard text.count >= 10, isDate(text.prefix(10)) else { return false }
        var rest = text.dropFirst(10)
        if rest.isEmpty { return true }
        guard let separator = rest.first, separator == "T" || separator == "t" || separator == " " else { return false }
        rest = rest.dropFirst()
        if let last = rest.last, last == "Z" || last == "z" { return isTime(rest.dropLast()) }
        if rest.count > 6 {
            let offset = rest.suffix(6)
            if let sign = offset.first, sign == "+" || sign == "-", isFixedDigits(offset.dropFirst(), pattern: "dd:dd") {
                return isTime(rest.dropLast(6))
            }
        }
        return isTime(rest)
    }

    private static func isDate(_ text: ArraySlice<Unicode.Scalar>) -> Bool { isFixedDigits(text, pattern: "dddd-dd-dd") }

    private static func isTime(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        if text.count == 5 { return isFixedDigits(text, pattern: "dd:dd") }
        guard text.count >= 8, isFixedDigits(text.prefix(8), pattern: "dd:dd:dd") else { return false }
        let fraction = text.dropFirst(8)
        if fraction.isEmpty { return true }
        return fraction.first == "." && fraction.count > 1 && fraction.dropFirst().allSatisfy(isDigit)
    }

    /// Matches `text` against a pattern where `d` is any digit and other characters match themselves.
    private static func isFixedDigits(_ text: ArraySlice<Unicode.Scalar>, pattern: String) -> Bool {
        let expected = Array(pattern.unicodeScalars)
        guard text.count == expected.count else { return false }
        for (scalar, want) in zip(text, expected) {
            if want == "d" ? !isDigit(scalar) : scalar != want { return false }
        }
        return true
    }
}
