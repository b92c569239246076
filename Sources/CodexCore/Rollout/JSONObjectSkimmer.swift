import CodexProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds members of a JSON object by byte range without building the values nobody asked for.
///
/// Listing reads only a few fields from the head of each rollout; the reference's `session_meta`
/// line carries ~20 KB of base instructions, which this skips with a byte scan instead of a parse.
/// Malformed input yields nil; the caller then treats the line as unreadable.
struct JSONObjectSkimmer {
    /// The text being skimmed; only valid inside the `withUnsafeBufferPointer` call that made it.
    let bytes: UnsafeBufferPointer<UInt8>

    /// The byte ranges of the wanted top-level members of the object spanning `range`.
    func members(in range: Range<Int>, wanted: Set<String>) -> [String: Range<Int>]? {
        var index = skipWhitespace(range.lowerBound, limit: range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var found: [String: Range<Int>] = [:]
        while true {
            index = skipWhitespace(index, limit: range.upperBound)
            guard index < range.upperBound else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return found }
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(index, limit: range.upperBound) else {
                return nil
            }
            let key = decodeKey(index..<keyEnd)
            index = skipWhitespace(keyEnd, limit: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ":") else { return nil }
            let valueStart = skipWhitespace(index + 1, limit: range.upperBound)
            guard let valueEnd = valueEnd(valueStart, limit: range.upperBound) else { return nil }
            if let key, wanted.contains(key) { found[key] = valueStart..<valueEnd }
            index = skipWhitespace(valueEnd, limit: range.upperBound)
            guard index < range.upperBound else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] != UInt8(ascii: "}") {
                return nil
            }
        }
    }

    /// The string in `range` (a JSON string without escapes is read directly), nil for anything else.
    func string(in range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"")
        else { return nil }
        let inner = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return value(in: range)?.stringValue
    }

    /// The value range of member `key` of the object spanning `range`, found without looking at the
    /// members after it; with `wholeValue` false only its start is found (the range is empty), so a large
    /// value is not walked. nil when the key is absent or the text is malformed before it.
    func member(_ key: String, in range: Range<Int>, wholeValue: Bool = true) -> Range<Int>? {
        var index = skipWhitespace(range.lowerBound, limit: range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        while true {
            index = skipWhitespace(index, limit: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: "\""),
                let keyEnd = stringEnd(index, limit: range.upperBound)
            else { return nil }
            let matches = decodeKey(index..<keyEnd) == key
            index = skipWhitespace(keyEnd, limit: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ":") else { return nil }
            let valueStart = skipWhitespace(index + 1, limit: range.upperBound)
            if matches && !wholeValue { return valueStart..<valueStart }
            guard let valueEnd = valueEnd(valueStart, limit: range.upperBound) else { return nil }
            if matches { return valueStart..<valueEnd }
            index = skipWhitespace(valueEnd, limit: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    /// Parses the value in `range` fully.
    func value(in range: Range<Int>) -> JSONValue? {
        try? JSONParser.parse(bytes: Array(bytes[range]))
    }

    private func skipWhitespace(_ start: Int, limit: Int) -> Int {
        var index = start
        while index < limit {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    /// The index just past the closing quote of the string opening at `start` (memchr for speed:
    /// base instructions are tens of kilobytes of string).
    private func stringEnd(_ start: Int, limit: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start + 1
        while index < limit {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), limit - index) else { return nil }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quote - backslashes - 1 > start && bytes[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        return nil
    }

    /// The index of the next newline at or after `start`, nil when there is none before `limit`.
    func newline(from start: Int, limit: Int) -> Int? {
        guard let base = bytes.baseAddress, start < limit,
            let found = memchr(base + start, 0x0A, limit - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The index just past the value starting at `start`.
    private func valueEnd(_ start: Int, limit: Int) -> Int? {
        guard start < limit else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return stringEnd(start, limit: limit)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < limit {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(index, limit: limit) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < limit {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                    return index > start ? index : nil
                default:
                    index += 1
                }
            }
            return index > start ? index : nil
        }
    }

    private func decodeKey(_ range: Range<Int>) -> String? {
        let inner = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return value(in: range)?.stringValue
    }
}
