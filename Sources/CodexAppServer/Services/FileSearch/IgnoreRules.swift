/// The patterns of one ignore file (`.gitignore`, `.ignore`, `.git/info/exclude`, the global excludes
/// file) in git's syntax: `#` comments, `!` re-includes, a leading or inner `/` anchors the pattern to
/// the file's folder, a trailing `/` matches folders only, `*` and `?` stay within one path segment,
/// `**` spans segments, `[...]` classes, `\` escapes. The last matching pattern decides.
struct IgnoreRules: Sendable {
    /// What the rules say about a path.
    enum Verdict: Sendable { case none, ignore, include }

    /// One line of the file.
    struct Rule: Sendable {
        var glob: [UInt8]
        var isNegated: Bool
        var foldersOnly: Bool
        /// Matched against the whole relative path (else against the last component only).
        var isAnchored: Bool
    }

    let rules: [Rule]

    var isEmpty: Bool { rules.isEmpty }

    init(rules: [Rule]) { self.rules = rules }

    /// Parses the text of an ignore file.
    init(parsing text: [UInt8]) {
        var rules: [Rule] = []
        var lineStart = 0
        for index in 0...text.count where index == text.count || text[index] == UInt8(ascii: "\n") {
            if let rule = Self.rule(text[lineStart..<index]) { rules.append(rule) }
            lineStart = index + 1
        }
        self.rules = rules
    }

    private static func rule(_ raw: ArraySlice<UInt8>) -> Rule? {
        var line = Array(raw)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard let first = line.first, first != UInt8(ascii: "#") else { return nil }
        // Trailing spaces are dropped unless escaped.
        while line.last == UInt8(ascii: " ") {
            if line.count >= 2 && line[line.count - 2] == UInt8(ascii: "\\") { break }
            line.removeLast()
        }
        var negated = false
        if line.first == UInt8(ascii: "!") {
            negated = true
            line.removeFirst()
        } else if line.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "!")]) || line.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "#")]) {
            line.removeFirst()
        }
        var foldersOnly = false
        if line.last == UInt8(ascii: "/") {
            foldersOnly = true
            while line.last == UInt8(ascii: "/") { line.removeLast() }
        }
        var anchored = false
        if line.first == UInt8(ascii: "/") {
            anchored = true
            line.removeFirst()
        } else if line.contains(UInt8(ascii: "/")) {
            anchored = true
        }
        guard !line.isEmpty else { return nil }
        return Rule(glob: line, isNegated: negated, foldersOnly: foldersOnly, isAnchored: anchored)
    }

    /// The verdict on `path` (relative to the rules' folder, `/`-separated).
    func verdict(path: UnsafeBufferPointer<UInt8>, nameStart: Int, isFolder: Bool) -> Verdict {
        var index = rules.count - 1
        while index >= 0 {
            let rule = rules[index]
            index -= 1
            if rule.foldersOnly && !isFolder { continue }
            let subject = rule.isAnchored ? path : UnsafeBufferPointer(rebasing: path[nameStart...])
            let matched = rule.glob.withUnsafeBufferPointer { glob in
                Self.wildmatch(glob, 0, subject, 0)
            }
            if matched { return rule.isNegated ? .include : .ignore }
        }
        return .none
    }

    /// git's wildmatch with pathname semantics (`*`, `?` and classes never match `/`).
    static func wildmatch(
        _ pattern: UnsafeBufferPointer<UInt8>, _ patternStart: Int, _ text: UnsafeBufferPointer<UInt8>, _ textStart: Int
    ) -> Bool {
        let slash = UInt8(ascii: "/")
        var p = patternStart
        var t = textStart
        while p < pattern.count {
            let character = pattern[p]
            switch character {
            case UInt8(ascii: "*"):
                var q = p
                while q < pattern.count && pattern[q] == UInt8(ascii: "*") { q += 1 }
                let isSegmentStart = p == 0 || pattern[p - 1] == slash
                if q - p >= 2 && isSegmentStart && (q == pattern.count || pattern[q] == slash) {
                    if q == pattern.count { return true }
                    // `**/`: zero or more whole folders.
                    var k = t
                    while true {
                        if wildmatch(pattern, q + 1, text, k) { return true }
                        while k < text.count && text[k] != slash { k += 1 }
                        if k == text.count { return false }
                        k += 1
                    }
                }
                if q == pattern.count {
                    while t < text.count {
                        if text[t] == slash { return false }
                        t += 1
                    }
                    return true
                }
                var k = t
                while true {
                    if wildmatch(pattern, q, text, k) { return true }
                    if k == text.count || text[k] == slash { return false }
                    k += 1
                }
            case UInt8(ascii: "?"):
                guard t < text.count, text[t] != slash else { return false }
                p += 1
                t += 1
            case UInt8(ascii: "["):
                guard t < text.count, text[t] != slash else { return false }
                guard let (matched, next) = matchClass(pattern, p, text[t]) else {
                    // An unclosed `[` is a literal.
                    guard text[t] == character else { return false }
                    p += 1
                    t += 1
                    continue
                }
                guard matched else { return false }
                p = next
                t += 1
            default:
                var literal = character
                if character == UInt8(ascii: "\\") && p + 1 < pattern.count {
                    p += 1
                    literal = pattern[p]
                }
                guard t < text.count, text[t] == literal else { return false }
                p += 1
                t += 1
            }
        }
        return t == text.count
    }

    /// Matches `byte` against the class starting at `start` (`[`); returns whether it matched and the
    /// index after the class, or nil when the class is not closed.
    private static func matchClass(_ pattern: UnsafeBufferPointer<UInt8>, _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var p = start + 1
        var negated = false
        if p < pattern.count && (pattern[p] == UInt8(ascii: "!") || pattern[p] == UInt8(ascii: "^")) {
            negated = true
            p += 1
        }
        var matched = false
        var first = true
        while p < pattern.count {
            var low = pattern[p]
            if low == UInt8(ascii: "]") && !first { return (matched != negated, p + 1) }
            first = false
            if low == UInt8(ascii: "\\") && p + 1 < pattern.count {
                p += 1
                low = pattern[p]
            }
            var high = low
            if p + 2 < pattern.count && pattern[p + 1] == UInt8(ascii: "-") && pattern[p + 2] != UInt8(ascii: "]") {
                high = pattern[p + 2]
                p += 2
                if high == UInt8(ascii: "\\") && p + 1 < pattern.count {
                    p += 1
                    high = pattern[p]
                }
            }
            if byte >= low && byte <= high { matched = true }
            p += 1
        }
        return nil
    }
}
