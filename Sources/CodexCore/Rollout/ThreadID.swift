import CodexBasics
public import FoundationEssentials

/// A thread (session) id: a UUID written lowercase and hyphenated; new ids are UUID version 7.
///
/// Version 7 puts the creation time (Unix milliseconds) in the first 48 bits, so ids sort by
/// creation time and the rollout for an id can be looked for in the folder of that day first.
public struct ThreadID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The canonical text, e.g. `01a200f3-38a2-79a2-a630-694d7ee6f581`.
    public let rawValue: String

    /// Accepts any UUID in the 8-4-4-4-12 hex form (either case); nil for anything else.
    public init?(_ text: String) {
        var text = text
        var valid = true
        var hasUppercase = false
        let count = text.withUTF8 { bytes -> Int in
            guard bytes.count == 36 else { return bytes.count }
            for index in 0..<36 {
                let byte = bytes[index]
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    if byte != 0x2D { valid = false }
                } else if byte >= 0x41 && byte <= 0x46 {
                    hasUppercase = true
                } else if !((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)) {
                    valid = false
                }
            }
            return 36
        }
        guard count == 36, valid else { return nil }
        rawValue = hasUppercase ? text.lowercased() : text
    }

    /// Makes a new version 7 id for the given instant.
    public static func generate(at date: Date = Date()) -> ThreadID {
        var generator = SystemRandomNumberGenerator()
        return generate(at: date, using: &generator)
    }

    /// Makes a version 7 id from a time and a random source (tests pass a seeded generator).
    public static func generate(at date: Date, using generator: inout some RandomNumberGenerator) -> ThreadID {
        let seconds = max(0, date.timeIntervalSince1970)
        let milliseconds = UInt64(min((seconds * 1000).rounded(), Double(UInt64(1) << 48 - 1)))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        for index in 0..<8 {
            if index >= 2 { bytes[4 + index] = UInt8(truncatingIfNeeded: high >> (8 * index)) }
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * index))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // RFC 4122 variant
        return ThreadID(bytes: bytes)
    }

    private init(bytes: [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        rawValue = String(decoding: text, as: UTF8.self)
    }

    /// The UUID version digit (7 for ids made here, 4 for older random ids).
    public var version: Int {
        let utf8 = Array(rawValue.utf8)
        return Int(hexDigitValue(utf8[14]) ?? 0)
    }

    /// For a version 7 id, the creation time it carries; nil for other versions.
    public var creationDate: Date? {
        guard version == 7 else { return nil }
        var milliseconds: UInt64 = 0
        for byte in rawValue.utf8.prefix(13) where byte != UInt8(ascii: "-") {
            milliseconds = milliseconds << 4 | UInt64(hexDigitValue(byte) ?? 0)
        }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    public var description: String { rawValue }

    public static func < (lhs: ThreadID, rhs: ThreadID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ThreadID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid thread id \"\(text)\"")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
