import CodexProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileIndex {
    /// The reference's result cap.
    static let resultLimit = 50

    /// A scored entry.
    struct Ranked: Sendable {
        var score: UInt32
        var length: UInt32
        var index: Int
    }

    /// The best `limit` entries for `pattern`, with match positions, ordered by score (high first) then
    /// path; nil when `isCancelled` turned true. Ties at the cut go to shorter paths, then to the
    /// smaller path (the reference keeps the one its walk found first, which varies run to run).
    func rank(
        _ pattern: FuzzyPattern, limit: Int = FileIndex.resultLimit, workers: Int = FileTreeWalker.defaultWorkers,
        isCancelled: @escaping @Sendable () -> Bool
    ) async -> [AppServerV2.FuzzyFileSearchResult]? {
        await rank(pattern, limit: limit, workers: workers, among: nil, isCancelled: isCancelled)?.results
    }

    /// What one ranking found: the best entries and every entry that matched (in index order).
    struct Ranking: Sendable {
        var results: [AppServerV2.FuzzyFileSearchResult]
        var matches: [UInt32]
    }

    /// Ranks `pattern` against the entries listed in `candidates` (all entries when nil), and keeps
    /// every match, so that a narrower query can be ranked against those alone.
    func rank(
        _ pattern: FuzzyPattern, limit: Int = FileIndex.resultLimit, workers: Int = FileTreeWalker.defaultWorkers,
        among candidates: [UInt32]?, isCancelled: @escaping @Sendable () -> Bool
    ) async -> Ranking? {
        let total = candidates?.count ?? entries.count
        let slices = max(1, min(workers, total / 4096 + 1))
        let parts = await withTaskGroup(of: (Int, Slice)?.self) { group in
            for slice in 0..<slices {
                let range = (total * slice / slices)..<(total * (slice + 1) / slices)
                group.addTask {
                    self.rankSlice(range, among: candidates, pattern, limit: limit, isCancelled: isCancelled)
                        .map { (slice, $0) }
                }
            }
            var parts: [Slice?] = Array(repeating: nil, count: slices)
            var cancelled = false
            for await part in group {
                guard let (slice, found) = part else {
                    cancelled = true
                    continue
                }
                parts[slice] = found
            }
            return cancelled ? nil : parts.compactMap { $0 }
        }
        guard let parts, !isCancelled() else { return nil }
        var best: [Ranked] = []
        var matches: [UInt32] = []
        matches.reserveCapacity(parts.reduce(0) { $0 + $1.matches.count })
        for part in parts {
            for candidate in part.best { insert(candidate, into: &best, limit: limit) }
            matches.append(contentsOf: part.matches)
        }
        var scorer = FuzzyScorer()
        var results = best.map { ranked -> AppServerV2.FuzzyFileSearchResult in
            let entry = entries[ranked.index]
            let indices = withPath(ranked.index) { scorer.indices(pattern, $0) }
            return AppServerV2.FuzzyFileSearchResult(
                root: roots[Int(entry.root)], path: path(ranked.index), matchType: entry.isFolder ? .directory : .file,
                fileName: fileName(ranked.index), score: ranked.score, indices: indices)
        }
        results.sort { left, right in
            left.score != right.score ? left.score > right.score : left.path.utf8.lexicographicallyPrecedes(right.path.utf8)
        }
        return Ranking(results: results, matches: matches)
    }

    /// What one worker found in its share.
    private struct Slice: Sendable {
        var best: [Ranked] = []
        var matches: [UInt32] = []
    }

    /// Scores the entries at positions `range` of `candidates` (of all entries when nil).
    private func rankSlice(
        _ range: Range<Int>, among candidates: [UInt32]?, _ pattern: FuzzyPattern, limit: Int,
        isCancelled: @Sendable () -> Bool
    ) -> Slice? {
        var scorer = FuzzyScorer()
        var slice = Slice()
        slice.best.reserveCapacity(limit + 1)
        let needles = ByteMask(needlesOf: pattern) ?? ByteMask(bits: 0)
        let finished = bytes.withUnsafeBufferPointer { all -> Bool in
            entries.withUnsafeBufferPointer { entries -> Bool in
                masks.withUnsafeBufferPointer { masks -> Bool in
                    (candidates ?? []).withUnsafeBufferPointer { listed -> Bool in
                        var position = range.lowerBound
                        while position < range.upperBound {
                            if position & 4095 == 0, isCancelled() { return false }
                            let index = candidates == nil ? position : Int(listed[position])
                            position += 1
                            // Most entries stop here: one AND against the needles' bytes.
                            guard masks[index].mayContain(needles) else { continue }
                            let entry = entries[index]
                            let candidate = UnsafeBufferPointer(
                                rebasing: all[Int(entry.start)..<Int(entry.start + entry.length)])
                            guard let score = scorer.score(pattern, candidate) else { continue }
                            slice.matches.append(UInt32(truncatingIfNeeded: index))
                            insert(
                                Ranked(score: score, length: entry.length, index: index), into: &slice.best,
                                limit: limit)
                        }
                        return true
                    }
                }
            }
        }
        return finished ? slice : nil
    }

    /// Keeps `list` sorted best first and at most `limit` long.
    private func insert(_ candidate: Ranked, into list: inout [Ranked], limit: Int) {
        if list.count == limit, let worst = list.last, !isBetter(candidate, than: worst) { return }
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if isBetter(list[middle], than: candidate) { low = middle + 1 } else { high = middle }
        }
        list.insert(candidate, at: low)
        if list.count > limit { list.removeLast() }
    }

    private func isBetter(_ left: Ranked, than right: Ranked) -> Bool {
        if left.score != right.score { return left.score > right.score }
        if left.length != right.length { return left.length < right.length }
        return withPath(left.index) { leftPath in
            withPath(right.index) { rightPath in leftPath.lexicographicallyPrecedes(rightPath) }
        }
    }
}

extension FuzzyScorer {
    /// The summed score of every word of `pattern` against `candidate`, nil when a word does not match.
    /// A pattern without words matches everything with score 0.
    mutating func score(_ pattern: FuzzyPattern, _ candidate: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard pattern.mayMatch(candidate) else { return nil }
        load(candidate)
        var total: UInt32 = 0
        for atom in pattern.atoms {
            guard let score = score(atom, indices: nil) else { return nil }
            total += UInt32(score)
        }
        return total
    }

    /// The matched positions (in scalars, sorted, without repeats) of `pattern` in `candidate`.
    mutating func indices(_ pattern: FuzzyPattern, _ candidate: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        load(candidate)
        var found: [UInt32] = []
        for atom in pattern.atoms where !atom.isNegative {
            _ = withUnsafeMutablePointer(to: &found) { score(atom, indices: $0) }
        }
        found.sort()
        var unique: [UInt32] = []
        unique.reserveCapacity(found.count)
        for index in found where unique.last != index { unique.append(index) }
        return unique
    }
}
