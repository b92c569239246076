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
