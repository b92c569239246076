extension FuzzyScorer {
    /// The best-scoring alignment of `needle` inside `start..<end` of the loaded candidate (a dynamic
    /// program over needle rows and candidate columns, two rows at a time). With `indices`, also records
    /// which way each cell was reached and walks back from the best end to find the matched positions.
    mutating func optimal(
        _ needle: [UInt32], start: Int, end: Int, indices: UnsafeMutablePointer<[UInt32]>?
    ) -> UInt16? {
        let rows = needle.count
        let width = end - start
        if rowStarts.count < rows { rowStarts = [Int](repeating: 0, count: max(rows, 16)) }
        // Traceback bits per (row, column): bit 0 "the gap score came from a match", bit 1 "the match
        // score came from a consecutive match". Only kept when the positions are wanted.
        var trace: [UInt8] = indices == nil ? [] : [UInt8](repeating: 0, count: max(rows - 1, 0) * width)
        // The table is filled through pointers: this runs for every matching candidate, and checked
        // array stores (uniqueness and bounds per cell) cost as much as the arithmetic.
        let best = haystack.withUnsafeBufferPointer { haystack in
            bonuses.withUnsafeBufferPointer { bonuses in
                needle.withUnsafeBufferPointer { needle in
                    rowStarts.withUnsafeMutableBufferPointer { rowStarts in
                        scoreRow.withUnsafeMutableBufferPointer { first in
                            nextRow.withUnsafeMutableBufferPointer { second in
                                trace.withUnsafeMutableBufferPointer { trace in
                                    Self.fillTable(
                                        Table(
                                            needle: needle, haystack: haystack, bonuses: bonuses, start: start,
                                            width: width, rowStarts: rowStarts, rows: (first, second),
                                            trace: indices == nil ? nil : trace))
                                }
                            }
                        }
                    }
                }
            }
        }
        guard let best else { return nil }
        if let indices {
            var found = [UInt32](repeating: 0, count: rows)
            found[rows - 1] = UInt32(start + best.column)
            var matched = best.matched
            var row = rows - 2
            var column = best.column - 1
            while row >= 0, column >= 0 {
                if matched { found[row] = UInt32(start + column) }
                let bits = trace[row * width + column]
                let next = matched ? bits & 2 != 0 : bits & 1 != 0
                if matched {
                    if row == 0 { break }
                    row -= 1
                }
                column -= 1
                matched = next
            }
            indices.pointee.append(contentsOf: found)
        }
        return best.score
    }

    /// What the dynamic program reads and writes.
    private struct Table {
        let needle: UnsafeBufferPointer<UInt32>
        let haystack: UnsafeBufferPointer<UInt32>
        let bonuses: UnsafeBufferPointer<UInt8>
        let start: Int
        let width: Int
        let rowStarts: UnsafeMutableBufferPointer<Int>
        /// Two rows of at least `width` cells, swapped after each needle character.
        let rows: (UnsafeMutableBufferPointer<Cell>, UnsafeMutableBufferPointer<Cell>)
        let trace: UnsafeMutableBufferPointer<UInt8>?
    }

    /// Fills the table; returns the best end (the last of equal maxima) with its score and whether it
    /// was reached by a consecutive match, nil when the needle does not fit.
    private static func fillTable(_ table: Table) -> (score: UInt16, column: Int, matched: Bool)? {
        let needle = table.needle
        let haystack = table.haystack
        let bonuses = table.bonuses
        let start = table.start
        let width = table.width
        let rows = needle.count
        // The leftmost column each needle character can take.
        var position = start
        for row in 0..<rows {
            while position < start + width, haystack[position] != needle[row] { position += 1 }
            guard position < start + width else { return nil }
            table.rowStarts[row] = position - start
            position += 1
        }
        var current = table.rows.0
        var next = table.rows.1
        // Row 0: where the first character may sit (double bonus).
        for column in 0..<width {
            let index = start + column
            if column >= table.rowStarts[0], haystack[index] == needle[0] {
                let bonus = UInt16(bonuses[index])
                current[column] = Cell(
                    score: bonus * firstCharMultiplier + scoreMatch, consecutiveBonus: UInt8(bonus), matched: false)
            } else {
                current[column] = .unmatched
            }
        }
        for row in 0..<(rows - 1) {
            let nextCharacter = needle[row + 1]
            let nextStart = table.rowStarts[row + 1]
            var previousGap: UInt16 = 0
            var previousMatch: UInt16 = 0
            next[0] = .unmatched
            for column in 0..<width {
                let (gap, gapFromMatch) = gapScore(previousGap: previousGap, previousMatch: previousMatch)
                let cell = current[column]
                if let trace = table.trace {
                    trace[row * width + column] = (gapFromMatch ? 1 : 0) | (cell.matched ? 2 : 0)
                }
                if column + 1 < width {
                    let index = start + column + 1
                    if column + 1 >= nextStart, haystack[index] == nextCharacter {
                        next[column + 1] = matchCell(gap: gap, bonus: UInt16(bonuses[index]), previous: cell)
                    } else {
                        next[column + 1] = .unmatched
                    }
                }
                previousGap = gap
                previousMatch = cell.score
            }
            swap(&current, &next)
        }
        var best: (score: UInt16, column: Int, matched: Bool)?
        for column in table.rowStarts[rows - 1]..<width where current[column] != .unmatched {
            if current[column].score >= best?.score ?? 0 {
                best = (current[column].score, column, current[column].matched)
            }
        }
        return best
    }

    /// The score with a gap at this column: from the previous column's match (opening a gap) or its
    /// gap (extending it); ties keep the gap.
    static func gapScore(previousGap: UInt16, previousMatch: UInt16) -> (UInt16, Bool) {
        let fromMatch = previousMatch >= penaltyGapStart ? previousMatch - penaltyGapStart : 0
        let fromGap = previousGap >= penaltyGapExtension ? previousGap - penaltyGapExtension : 0
        return fromMatch > fromGap ? (fromMatch, true) : (fromGap, false)
    }

    /// The cell for a needle character matched here, continuing the previous character's match
    /// (consecutive) or following a gap.
    static func matchCell(gap: UInt16, bonus: UInt16, previous: Cell) -> Cell {
        if previous == .unmatched {
            return Cell(score: gap + bonus + scoreMatch, consecutiveBonus: UInt8(bonus), matched: false)
        }
        var consecutiveBonus = max(UInt16(previous.consecutiveBonus), bonusConsecutive)
        if bonus >= bonusBoundary && bonus > consecutiveBonus { consecutiveBonus = bonus }
        let viaMatch = previous.score + max(consecutiveBonus, bonus)
        let viaGap = gap + bonus
        if viaMatch > viaGap {
            return Cell(score: viaMatch + scoreMatch, consecutiveBonus: UInt8(consecutiveBonus), matched: true)
        }
        return Cell(score: viaGap + scoreMatch, consecutiveBonus: UInt8(bonus), matched: false)
    }
}
