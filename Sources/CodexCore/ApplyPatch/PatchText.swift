/// Byte-exact string helpers for the patch code.
///
/// Swift's `String` compares and splits by grapheme cluster (so `"\r\n"` is one character and
/// `"e\u{301}" == "é"`); the reference works on bytes and Unicode scalars. These helpers keep the
/// parser and the matcher faithful to that.
enum PatchText {
    /// Splits like Rust's `str::lines`: on `\n`, dropping one `\r` before it, with no empty last
    /// line for a trailing `\n`.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var pendingText = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if current.last == "\r" { current.removeLast() }
                result.append(String(current))
                current = String.UnicodeScalarView()
                pendingText = false
            } else {
                current.append(scalar)
                pendingText = true
            }
        }
        if pendingText { result.append(String(current)) }
        return result
    }

    /// Removes Unicode white space (the `White_Space` property) from both ends.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Removes Unicode white space from the end only.
    static func trimmedEnd(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[...last])
    }

    /// Whether every byte is the same (no Unicode canonical equivalence).
    static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// The rest of `text` after an ASCII `prefix`, compared byte for byte; nil when it does not start so.
    static func removingPrefix(_ prefix: String, from text: String) -> String? {
        guard text.utf8.starts(with: prefix.utf8) else { return nil }
        return String(decoding: text.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    /// The first byte of a line, if any (patch line markers are all ASCII).
    static func firstByte(_ text: String) -> UInt8? {
        text.utf8.first
    }

    /// Whether the text ends with an ASCII suffix, byte for byte.
    static func hasSuffix(_ suffix: String, _ text: String) -> Bool {
        text.utf8.count >= suffix.utf8.count && text.utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }
}
