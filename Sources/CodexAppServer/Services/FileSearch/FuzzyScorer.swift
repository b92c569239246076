/// The path scorer of the reference's file search (nucleo's matcher configured for paths), rewritten:
/// a match scores 16 a character plus bonuses for word starts (after `/` 9, after other punctuation or
/// space 8, camelCase and digit runs 5), doubled for the first character, consecutive runs keep their
/// start's bonus (at least 4), and gaps cost 3 to open and 1 to extend. Among all ways to match, the
/// best-scoring one is taken (a dynamic program; greedy for very long candidates).
///
/// A scorer owns scratch buffers sized on first use and reused for every candidate, so scoring does not
/// allocate; use one per worker.
struct FuzzyScorer {
    static let scoreMatch: UInt16 = 16
    static let penaltyGapStart: UInt16 = 3
    static let penaltyGapExtension: UInt16 = 1
    static let bonusBoundary: UInt16 = 8
    static let bonusBoundaryWhite: UInt16 = 8  // paths: no extra for whitespace
    static let bonusBoundaryDelimiter: UInt16 = 9
    static let bonusCamel123: UInt16 = 5
    static let bonusNonWord: UInt16 = 8
    static let bonusConsecutive: UInt16 = 4
    static let firstCharMultiplier: UInt16 = 2
    /// Past this many matrix cells the match is greedy (nucleo's 100 KiB matrix).
    static let maximumMatrixCells = 100 * 1024

    /// Character classes, ordered as nucleo's (word classes sort after the delimiter).
    enum CharClass: UInt8, Comparable {
        case whitespace, nonWord, delimiter, lower, upper, letter, number
        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The candidate, lowered, as scalars (Latin letters folded to ASCII while `isFolded`).
    var haystack: [UInt32] = []
    /// The candidate, lowered, never folded.
    var unfolded: [UInt32] = []
    var hasNonASCII = false
    var isFolded = false
    /// Bonus of each position (from its class and the previous one).
    var bonuses: [UInt8] = []
    var rowStarts: [Int] = []
    var scoreRow: [Cell] = []
    var nextRow: [Cell] = []
    var count = 0

    /// One dynamic-program cell: the best score with the needle character matched here.
    struct Cell: Equatable {
        var score: UInt16
        var consecutiveBonus: UInt8
        var matched: Bool
        static let unmatched = Cell(score: 0, consecutiveBonus: 0, matched: true)
    }

    init() {}

    // MARK: - Loading a candidate

    /// Loads `candidate` (UTF-8) into the scratch buffers.
    mutating func load(_ candidate: UnsafeBufferPointer<UInt8>) {
        isFolded = false
        ensureCapacity(candidate.count)
        // The scratch buffers are written through pointers: this runs for every candidate that passes
        // the prefilter, and checked array stores (uniqueness and bounds per byte) cost more than
        // the rest of the load.
        var sawNonASCII = false
        count = haystack.withUnsafeMutableBufferPointer { haystack in
            bonuses.withUnsafeMutableBufferPointer { bonuses in
                Self.bonusTable.withUnsafeBufferPointer { table in
                    Self.load(
                        candidate, haystack: haystack, bonuses: bonuses, bonusTable: table, hasNonASCII: &sawNonASCII)
                }
            }
        }
        hasNonASCII = sawNonASCII
        // Only a candidate with accented letters can need its unfolded form back (see `fold`).
        if sawNonASCII {
            for index in 0..<count { unfolded[index] = haystack[index] }
        }
    }

    /// Fills `haystack` and `bonuses` (each at least `candidate.count` long); returns the scalar count.
    private static func load(
        _ candidate: UnsafeBufferPointer<UInt8>, haystack: UnsafeMutableBufferPointer<UInt32>,
        bonuses: UnsafeMutableBufferPointer<UInt8>, bonusTable: UnsafeBufferPointer<UInt8>, hasNonASCII: inout Bool
    ) -> Int {
        var count = 0
        var index = 0
        let length = candidate.count
        var previous = CharClass.delimiter  // a path starts after a virtual `/`
        while index < length {
            var scalar = UInt32(candidate[index])
            let charClass: CharClass
            if scalar < 0x80 {
                index += 1
                charClass = asciiClass(UInt8(truncatingIfNeeded: scalar))
            } else {
                (scalar, index) = decode(candidate, at: index)
                hasNonASCII = true
                charClass = Self.charClass(of: scalar)
            }
            haystack[count] = lowered(scalar, charClass)
            bonuses[count] = bonusTable[Int(previous.rawValue) &* classCount &+ Int(charClass.rawValue)]
            previous = charClass
            count += 1
        }
        return count
    }

    private static let classCount = 7

    /// `bonus(previous:current:)` for every pair of classes, indexed `previous * 7 + current`.
    private static let bonusTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: classCount * classCount)
        for previous in 0..<classCount {
            for current in 0..<classCount {
                guard let before = CharClass(rawValue: UInt8(previous)), let now = CharClass(rawValue: UInt8(current))
                else { continue }
                table[previous * classCount + current] = UInt8(bonus(previous: before, current: now))
            }
        }
        return table
    }()

    private mutating func ensureCapacity(_ length: Int) {
        guard haystack.count < length else { return }
        let size = max(length, 256)
        haystack = [UInt32](repeating: 0, count: size)
        unfolded = [UInt32](repeating: 0, count: size)
        bonuses = [UInt8](repeating: 0, count: size)
        scoreRow = [Cell](repeating: .unmatched, count: size + 1)
        nextRow = [Cell](repeating: .unmatched, count: size + 1)
    }

    /// Decodes one UTF-8 scalar at `index` (invalid bytes read as U+FFFD); returns it and the next index.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC0...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF7: (length, value) = (4, UInt32(lead & 0x07))
        default: return (0xFFFD, index + 1)
        }
        guard index + length <= bytes.count else { return (0xFFFD, index + 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, index + 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (value, index + length)
    }

    /// The class of an ASCII byte (what `charClass(of:)` answers, without its range matching).
    @inline(__always)
    static func asciiClass(_ byte: UInt8) -> CharClass {
        if byte &- 0x61 < 26 { return .lower }
        if byte &- 0x41 < 26 { return .upper }
        if byte &- 0x30 < 10 { return .number }
        if byte == 0x2F { return .delimiter }
        if byte == 0x20 || byte &- 0x09 < 5 { return .whitespace }
        return .nonWord
    }

    static func charClass(of scalar: UInt32) -> CharClass {
        if scalar < 0x80 { return asciiClass(UInt8(truncatingIfNeeded: scalar)) }
        switch scalar {
        case 0x61...0x7A: return .lower
        case 0x41...0x5A: return .upper
        case 0x30...0x39: return .number
        case 0x09...0x0D, 0x20: return .whitespace
        case 0x2F: return .delimiter
        case 0..<0x80: return .nonWord
        default:
            guard let unicode = Unicode.Scalar(scalar) else { return .nonWord }
            let properties = unicode.properties
            if properties.isLowercase { return .lower }
            if properties.isUppercase { return .upper }
            if properties.numericType != nil { return .number }
            if properties.isAlphabetic { return .letter }
            if properties.isWhitespace { return .whitespace }
            return .nonWord
        }
    }

    /// The scalar compared case-insensitively (the reference ignores case).
    static func lowered(_ scalar: UInt32, _ charClass: CharClass) -> UInt32 {
        guard charClass == .upper else { return scalar }
        if scalar < 0x80 { return scalar + 32 }
        guard let unicode = Unicode.Scalar(scalar) else { return scalar }
        let mapping = unicode.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first.map { $0.value } ?? scalar : scalar
    }

    static func bonus(previous: CharClass, current: CharClass) -> UInt16 {
        if current > .delimiter {
            switch previous {
            case .whitespace: return bonusBoundaryWhite
            case .delimiter: return bonusBoundaryDelimiter
            case .nonWord: return bonusBoundary
            default: break
            }
        }
        if (previous == .lower && current == .upper) || (previous != .number && current == .number) {
            return bonusCamel123
        }
        if current == .whitespace { return bonusBoundaryWhite }
        if current == .nonWord { return bonusNonWord }
        return 0
    }

    // MARK: - Scoring the loaded candidate

    /// The score of `atom` against the loaded candidate, nil when it does not match. Appends the matched
    /// positions to `indices` when given.
    mutating func score(_ atom: FuzzyPattern.Atom, indices: UnsafeMutablePointer<[UInt32]>?) -> UInt16? {
        if hasNonASCII && isFolded != atom.foldsLatin { fold(atom.foldsLatin) }
        let needle = atom.needle
        guard !needle.isEmpty, needle.count <= count else {
            return atom.isNegative ? 0 : nil
        }
        let result: UInt16?
        switch atom.kind {
        case .fuzzy: result = fuzzy(needle, indices: atom.isNegative ? nil : indices)
        case .substring: result = substring(needle, indices: atom.isNegative ? nil : indices)
        case .prefix: result = exact(needle, start: 0, indices: atom.isNegative ? nil : indices)
        case .postfix: result = exact(needle, start: count - needle.count, indices: atom.isNegative ? nil : indices)
        case .exact:
            result = needle.count == count ? exact(needle, start: 0, indices: atom.isNegative ? nil : indices) : nil
        }
        if atom.isNegative { return result == nil ? 0 : nil }
        return result
    }

    /// Switches the loaded candidate between folded and unfolded Latin letters.
    private mutating func fold(_ folded: Bool) {
        for index in 0..<count {
            let scalar = unfolded[index]
            guard folded, scalar >= 0x80 else {
                haystack[index] = scalar
                continue
            }
            let ascii = LatinFolding.fold(scalar)
            haystack[index] = ascii >= 0x41 && ascii <= 0x5A ? ascii + 32 : ascii
        }
        isFolded = folded
    }

    private func exact(_ needle: [UInt32], start: Int, indices: UnsafeMutablePointer<[UInt32]>?) -> UInt16? {
        for offset in 0..<needle.count where haystack[start + offset] != needle[offset] { return nil }
        return calculateScore(needle, start: start, end: start + needle.count, indices: indices)
    }

    private mutating func fuzzy(_ needle: [UInt32], indices: UnsafeMutablePointer<[UInt32]>?) -> UInt16? {
        if needle.count == count { return exact(needle, start: 0, indices: indices) }
        if needle.count == 1 { return substringOfOne(needle[0], indices: indices) }
        // The leftmost (greedy) match, and the last place the last needle character occurs after it.
        guard let first = firstIndex(of: needle[0], from: 0, before: count - needle.count + 1) else { return nil }
        var greedyEnd = first + 1
        for character in needle.dropFirst() {
            guard let found = firstIndex(of: character, from: greedyEnd, before: count) else { return nil }
            greedyEnd = found + 1
        }
        var end = greedyEnd
        if let last = needle.last {
            var index = count - 1
            while index >= greedyEnd {
                if haystack[index] == last {
                    end = index + 1
                    break
                }
                index -= 1
            }
        }
        if needle.count == end - first {
            return calculateScore(needle, start: first, end: greedyEnd, indices: indices)
        }
        if (end - first) * needle.count > Self.maximumMatrixCells || end - first > Int(UInt16.max) {
            return greedy(needle, start: first, end: greedyEnd, indices: indices)
        }
        return optimal(needle, start: first, end: end, indices: indices)
    }

    private func firstIndex(of character: UInt32, from start: Int, before end: Int) -> Int? {
        var index = start
        while index < end {
            if haystack[index] == character { return index }
            index += 1
        }
        return nil
    }

    /// One character: its best-placed occurrence (the first with the highest bonus).
    private func substringOfOne(_ character: UInt32, indices: UnsafeMutablePointer<[UInt32]>?) -> UInt16? {
        var best: UInt16 = 0
        var bestPosition = 0
        for index in 0..<count where haystack[index] == character {
            let bonus = UInt16(bonuses[index])
            let score = bonus * Self.firstCharMultiplier + Self.scoreMatch
            if score > best {
                best = score
                bestPosition = index
                if bonus >= Self.bonusBoundaryWhite { break }
            }
        }
        guard best > 0 else { return nil }
        indices?.pointee.append(UInt32(bestPosition))
        return best
    }

    /// `'needle`: the best-placed contiguous occurrence.
    private func substring(_ needle: [UInt32], indices: UnsafeMutablePointer<[UInt32]>?) -> UInt16? {
        if needle.count == 1 { return substringOfOne(needle[0], indices: indices) }
        var best: UInt16 = 0
        var bestPosition = 0
        var start = 0
        while start + needle.count <= count {
            defer { start += 1 }
            guard haystack[start] == needle[0] else { continue }
            let bonus = UInt16(bonuses[start])
            let score = bonus * Self.firstCharMultiplier + Self.scoreMatch
            guard score > best else { continue }
            var same = true
            for offset in 1..<needle.count where haystack[start + offset] != needle[offset] {
                same = false
                break
            }
            guard same else { continue }
            best = score
            bestPosition = start
            if bonus >= Self.bonusBoundaryWhite { break }
        }
        guard best > 0 else { return nil }
        return calculateScore(needle, start: bestPosition, end: bestPosition + needle.count, indices: indices)
    }

    /// Scores the greedy alignment of `needle` inside `start..<end` (each character at its next occurrence).
    private func calculateScore(
        _ needle: [UInt32], start: Int, end: Int, indices: UnsafeMutablePointer<[UInt32]>?
    ) -> UInt16 {
        var needleIndex = 0
        indices?.pointee.append(UInt32(start))
        var firstBonus = UInt16(bonuses[start])
        var score = Self.scoreMatch + firstBonus * Self.firstCharMultiplier
        var inGap = false
        var consecutive = 1
        needleIndex = min(1, needle.count - 1)
        var index = start + 1
        while index < end {
            if haystack[index] == needle[needleIndex] {
                indices?.pointee.append(UInt32(index))
                var bonus = UInt16(bonuses[index])
                if consecutive != 0 {
                    if bonus >= Self.bonusBoundary && bonus > firstBonus { firstBonus = bonus }
                    bonus = max(max(bonus, firstBonus), Self.bonusConsecutive)
                } else {
                    firstBonus = bonus
                }
                score += Self.scoreMatch + bonus
                inGap = false
                consecutive += 1
                if needleIndex + 1 < needle.count { needleIndex += 1 }
            } else {
                let penalty = inGap ? Self.penaltyGapExtension : Self.penaltyGapStart
                score = score >= penalty ? score - penalty : 0
                inGap = true
                consecutive = 0
            }
            index += 1
        }
        return score
    }

    /// Very long candidates: the leftmost match, tightened by matching backwards from its end.
    private func greedy(_ needle: [UInt32], start: Int, end: Int, indices: UnsafeMutablePointer<[UInt32]>?) -> UInt16 {
        var tightStart = start
        var needleIndex = needle.count - 1
        var index = end - 1
        while index >= start {
            if haystack[index] == needle[needleIndex] {
                if needleIndex == 0 {
                    tightStart = index
                    break
                }
                needleIndex -= 1
            }
            index -= 1
        }
        return calculateScore(needle, start: tightStart, end: end, indices: indices)
    }
}
