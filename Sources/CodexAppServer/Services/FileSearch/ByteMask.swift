/// Which ASCII bytes (case folded) occur in a path, one bit per letter, digit or class of other
/// bytes, plus one bit for "has a non-ASCII byte". A query word can match a path only if every byte
/// of its needle has its bit in the path's mask, so one AND rejects most paths before the scorer
/// reads them. Paths with non-ASCII bytes are never rejected: accented letters fold to ASCII ones.
struct ByteMask: Sendable, Equatable {
    let bits: UInt64

    private static let nonASCII: UInt64 = 1 << 63

    init(bits: UInt64) { self.bits = bits }

    /// The mask of every byte of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var bits: UInt64 = 0
        for byte in bytes { bits |= Self.bit(byte) }
        self.bits = bits
    }

    /// The mask of the ASCII needles of `pattern`'s positive words; nil when no word can be checked
    /// this way (every path then passes).
    init?(needlesOf pattern: FuzzyPattern) {
        var bits: UInt64 = 0
        for atom in pattern.atoms where !atom.isNegative {
            guard let needle = atom.asciiNeedle else { continue }
            for byte in needle { bits |= Self.bit(byte) }
        }
        guard bits != 0 else { return nil }
        self.bits = bits
    }

    /// True when a path with mask `self` may contain every byte of `needles`.
    @inline(__always)
    func mayContain(_ needles: ByteMask) -> Bool {
        bits & Self.nonASCII != 0 || needles.bits & ~bits == 0
    }

    /// Letters (either case) take bits 0–25, digits 26–35; other ASCII bytes share bits 36–62 by
    /// value (a shared bit only lets more paths through); non-ASCII bytes set bit 63.
    @inline(__always)
    private static func bit(_ byte: UInt8) -> UInt64 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 1 << UInt64(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 1 << UInt64(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 1 << UInt64(26 + byte - UInt8(ascii: "0"))
        case 0x80...: nonASCII
        default: 1 << UInt64(36 + byte % 27)
        }
    }
}
