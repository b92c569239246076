/// A search query as the reference's matcher reads it: words separated by unescaped whitespace, each
/// matched on its own and their scores added. A word may be `'exact substring`, `^prefix`, `suffix$`,
/// `^whole$`, or negated with a leading `!` (the candidate must not contain it); `\` escapes these
/// and a space. Matching ignores case, and a word without accented Latin letters also matches their
/// plain forms (`cafe` finds `café`; see `LatinFolding`).
struct FuzzyPattern: Sendable {
    /// How one word is matched.
    enum Kind: Sendable { case fuzzy, substring, prefix, postfix, exact }

    /// One word of the query.
    struct Atom: Sendable {
        var kind: Kind
        var isNegative: Bool
        /// The word's scalars, lowered.
        var needle: [UInt32]
        /// The needle as lowered ASCII bytes, for the byte prefilter; nil when it is not ASCII.
        var asciiNeedle: [UInt8]?
        /// The word has no letter that folds, so candidates' accented Latin letters fold to ASCII.
        var foldsLatin: Bool

        /// True when a path this word matches is also matched by `other`.
        func implies(_ other: Atom) -> Bool {
            guard isNegative == other.isNegative, foldsLatin == other.foldsLatin else { return false }
            if isNegative { return kind == other.kind && needle == other.needle }
            switch other.kind {
            case .fuzzy: return Self.isSubsequence(other.needle, of: needle)
            case .substring: return kind != .fuzzy && Self.isSubstring(other.needle, of: needle)
            case .prefix: return (kind == .prefix || kind == .exact) && needle.starts(with: other.needle)
            case .postfix:
                return (kind == .postfix || kind == .exact) && needle.reversed().starts(with: other.needle.reversed())
            case .exact: return kind == .exact && needle == other.needle
            }
        }

        private static func isSubsequence(_ short: [UInt32], of long: [UInt32]) -> Bool {
            var position = long.startIndex
            for wanted in short {
                guard let found = long[position...].firstIndex(of: wanted) else { return false }
                position = found + 1
            }
            return true
        }

        private static func isSubstring(_ short: [UInt32], of long: [UInt32]) -> Bool {
            guard short.count <= long.count else { return false }
            return (0...(long.count - short.count)).contains { long[$0..<($0 + short.count)].elementsEqual(short) }
        }
    }

    let atoms: [Atom]

    /// True when the query has no word (empty or only whitespace).
    var isEmpty: Bool { atoms.isEmpty }

    init(_ query: String) {
        atoms = Self.words(of: query).compactMap(Self.atom)
    }

    /// Splits at whitespace not preceded by a backslash.
    private static func words(of query: String) -> [Substring] {
        var words: [Substring] = []
        var start = query.startIndex
        var sawBackslash = false
        var index = query.startIndex
        while index < query.endIndex {
            let character = query[index]
            if character.isWhitespace && !sawBackslash {
                words.append(query[start..<index])
                start = query.index(after: index)
                sawBackslash = false
            } else {
                sawBackslash = character == "\\"
            }
            index = query.index(after: index)
        }
        words.append(query[start..<query.endIndex])
        return words
    }

    private static func atom(_ raw: Substring) -> Atom? {
        var word = raw
        var negative = false
        if word.hasPrefix("!") {
            word = word.dropFirst()
            negative = true
        } else if word.hasPrefix("\\!") {
            word = word.dropFirst()
        }
        var kind = Kind.fuzzy
        if word.hasPrefix("^") {
            word = word.dropFirst()
            kind = .prefix
        } else if word.hasPrefix("'") {
            word = word.dropFirst()
            kind = .substring
        } else if word.hasPrefix("\\^") || word.hasPrefix("\\'") {
            word = word.dropFirst()
        }
        var appendDollar = false
        if word.hasSuffix("\\$") {
            appendDollar = true
            word = word.dropLast(2)
        } else if word.hasSuffix("$") {
            kind = kind == .fuzzy ? .postfix : .exact
            word = word.dropLast()
        }
        if negative && kind == .fuzzy { kind = .substring }
        var scalars: [UInt32] = []
        var sawBackslash = false
        for scalar in unescapingWhitespace(word) {
            if sawBackslash {
                if scalar.properties.isWhitespace {
                    scalars.append(scalar.value)
                    sawBackslash = false
                    continue
                }
                scalars.append(UInt32(UInt8(ascii: "\\")))
            }
            sawBackslash = scalar == "\\"
            if !sawBackslash { scalars.append(scalar.value) }
        }
        if sawBackslash { scalars.append(UInt32(UInt8(ascii: "\\"))) }
        if appendDollar { scalars.append(UInt32(UInt8(ascii: "$"))) }
        let needle = scalars.map { FuzzyScorer.lowered($0, FuzzyScorer.charClass(of: $0)) }
        guard !needle.isEmpty else { return nil }
        let ascii = needle.allSatisfy { $0 < 0x80 } ? needle.map { UInt8($0) } : nil
        let folds = needle.allSatisfy { LatinFolding.fold($0) == $0 }
        return Atom(kind: kind, isNegative: negative, needle: needle, asciiNeedle: ascii, foldsLatin: folds)
    }

    /// The first scalar of each character (the reference matches one code point per grapheme).
    private static func unescapingWhitespace(_ word: Substring) -> [Unicode.Scalar] {
        word.compactMap { $0.unicodeScalars.first }
    }

    /// True when every path that matches `self` also matches `wider`, so `self` can be ranked among
    /// `wider`'s matches alone (typing on at the end of a query): `self` has at least `wider`'s words
    /// and each of those is at least as demanding as its counterpart (`sockp` after `sock`, `^src/u`
    /// after `^src`). Unsure cases answer false, which costs a full ranking, never a lost match.
    func narrows(_ wider: FuzzyPattern) -> Bool {
        guard !atoms.isEmpty, atoms.count >= wider.atoms.count else { return false }
        return zip(atoms, wider.atoms).allSatisfy { $0.implies($1) }
    }

    /// True when every ASCII atom's needle is a case-insensitive subsequence of `candidate` (a cheap
    /// necessary condition for fuzzy, substring, prefix and suffix words; negated words are skipped).
    /// A candidate with non-ASCII bytes is never rejected (its accented letters may fold to the needle's).
    func mayMatch(_ candidate: UnsafeBufferPointer<UInt8>) -> Bool {
        for atom in atoms where !atom.isNegative {
            guard let needle = atom.asciiNeedle else { continue }
            var position = 0
            let count = candidate.count
            var sawNonASCII = false
            for wanted in needle {
                let upper = wanted >= 0x61 && wanted <= 0x7A ? wanted - 32 : wanted
                while position < count, candidate[position] != wanted, candidate[position] != upper {
                    if candidate[position] >= 0x80 { sawNonASCII = true }
                    position += 1
                }
                if position == count { return sawNonASCII }
                position += 1
            }
        }
        return true
    }
}
