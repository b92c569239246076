/// Turns a command's output chunks into text without splitting a UTF-8 character across two
/// deltas: an incomplete sequence at the end of a chunk waits for the next chunk of its stream.
actor OutputDeltaDecoder {
    private var pending: [OutputStreamKind: [UInt8]] = [:]

    /// The text of `bytes` plus what was held back from `stream`, minus a trailing incomplete
    /// character (kept for the next call); "" when nothing is complete yet.
    func decode(_ bytes: [UInt8], from stream: OutputStreamKind) -> String {
        let all = (pending[stream] ?? []) + bytes
        let cut = Self.completePrefixLength(all)
        pending[stream] = Array(all[cut...])
        return String(decoding: all[..<cut], as: UTF8.self)
    }

    /// Whatever is still held back (invalid or truncated sequences), decoded leniently.
    func flush() -> String {
        let rest = [OutputStreamKind.stdout, .stderr].compactMap { pending[$0] }.filter { !$0.isEmpty }
        pending = [:]
        return rest.map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    /// The length of the longest prefix that does not end inside a multi-byte character.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        var index = bytes.count - 1
        let lowest = max(bytes.count - 4, 0)
        while index >= lowest {
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 {
                index -= 1
                continue
            }
            guard byte >= 0xC0 else { return bytes.count }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            return bytes.count - index < length ? index : bytes.count
        }
        return bytes.count
    }
}
