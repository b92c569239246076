/// Finds a run of pattern lines in a file's lines with the reference's tiered fuzziness
/// (`seek_sequence`): exact, then ignoring trailing white space, then ignoring white space at both
/// ends, then also folding typographic punctuation and odd spaces to ASCII.
public enum LineSequenceMatcher {
    /// How strict the comparison that found a match was.
    public enum Tier: Int, Sendable, CaseIterable, Comparable {
        case exact
        case trailingWhitespaceIgnored
        case surroundingWhitespaceIgnored
        case punctuationNormalized

        public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The index of the first match at or after `start`, or nil.
    ///
    /// An empty pattern matches at `start`. With `endOfFile` only the position that puts the
    /// pattern at the very end is tried (as the reference does, with no fallback).
    public static func find(_ pattern: [String], in lines: [String], from start: Int, endOfFile: Bool) -> Int? {
        findWithTier(pattern, in: lines, from: start, endOfFile: endOfFile)?.index
    }

    /// Like `find`, also telling which tier matched.
    public static func findWithTier(
        _ pattern: [String], in lines: [String], from start: Int, endOfFile: Bool
    ) -> (index: Int, tier: Tier)? {
        if pattern.isEmpty { return (start, .exact) }
        guard pattern.count <= lines.count else { return nil }
        let lastCandidate = lines.count - pattern.count
        let firstCandidate = endOfFile ? lastCandidate : max(start, 0)
        guard firstCandidate <= lastCandidate else { return nil }

        for tier in Tier.allCases {
            let key = comparisonKey(for: tier)
            let patternKeys = pattern.map(key)
            // Keys for the lines any candidate can touch, computed once per tier.
            let lineKeys = lines[firstCandidate...].map(key)
            for candidate in 0...(lastCandidate - firstCandidate) {
                var matched = true
                for (offset, expected) in patternKeys.enumerated()
                where !PatchText.same(lineKeys[candidate + offset], expected) {
                    matched = false
                    break
                }
                if matched { return (firstCandidate + candidate, tier) }
            }
        }
        return nil
    }

    private static func comparisonKey(for tier: Tier) -> (String) -> String {
        switch tier {
        case .exact: { $0 }
        case .trailingWhitespaceIgnored: { PatchText.trimmedEnd($0) }
        case .surroundingWhitespaceIgnored: { PatchText.trimmed($0) }
        case .punctuationNormalized: { normalizedPunctuation(PatchText.trimmed($0)) }
        }
    }

    /// Maps typographic dashes, quotes and spaces to their ASCII look-alikes.
    static func normalizedPunctuation(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2010...0x2015, 0x2212:
                result.append("-")
            case 0x2018...0x201B:
                result.append("'")
            case 0x201C...0x201F:
                result.append("\"")
            case 0x00A0, 0x2002...0x200A, 0x202F, 0x205F, 0x3000:
                result.append(" ")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
