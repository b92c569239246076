/// A subsequence fuzzy scorer: every query character must appear in order in the candidate
/// (case-insensitively). Consecutive matches, matches at the start of a word or path segment, and
/// matches inside the file name score higher; long candidates score a little lower.
struct FuzzyMatcher: Sendable {
    let query: [Character]

    init(query: String) {
        self.query = Array(query.lowercased())
    }

    /// A match: its score and the matched character positions in the candidate.
    struct Match: Sendable, Equatable {
        var score: UInt32
        var indices: [UInt32]
    }

    /// Scores `candidate` (a relative path); nil when the query is not a subsequence of it.
    func match(_ candidate: String) -> Match? {
        guard !query.isEmpty else { return nil }
        let characters = Array(candidate)
        let lowered = characters.map { Character($0.lowercased()) }
        let fileNameStart = (characters.lastIndex(of: "/").map { $0 + 1 }) ?? 0
        // Greedy from the right inside the file name first: prefer matches in the name.
        guard var positions = Self.positions(of: query, in: lowered) else { return nil }
        if let tail = Self.positions(of: query, in: Array(lowered[fileNameStart...])) {
            positions = tail.map { $0 + fileNameStart }
        }
        var score = 0
        var previous = -2
        for position in positions {
            score += 16
            if position == previous + 1 { score += 24 }
            if position == 0 || "/_-. ".contains(characters[position - 1]) { score += 20 }
            if position >= fileNameStart { score += 12 }
            if characters[position] == query[0] && position == fileNameStart { score += 8 }
            previous = position
        }
        if Array(lowered[fileNameStart...]) == query { score += 100 }
        score -= min(characters.count, 200) / 4
        return Match(score: UInt32(max(score, 1)), indices: positions.map { UInt32($0) })
    }

    /// Leftmost positions of `needle` as a subsequence of `haystack`, nil when it is not one.
    private static func positions(of needle: [Character], in haystack: [Character]) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(needle.count)
        var index = 0
        for character in needle {
            while index < haystack.count, haystack[index] != character { index += 1 }
            guard index < haystack.count else { return nil }
            result.append(index)
            index += 1
        }
        return result
    }
}
