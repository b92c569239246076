extension FuzzyScorer {
    /// The best-scoring alignment of `needle` inside `start..<end` of the loaded candidate (a dynamic
    /// program over needle rows and candidate columns, two rows at a time). With `indices`, also records
    /// which way each cell was reached and walks back from the best end to find the matched positions.
    mutating func optimal(
        _ needle: [UInt32], start: Int, end: Int, indices: UnsafeMutablePointer<[UInt32]>?
    ) -> UInt16? {
        let rows = needle.count
        let width = end - start
        // The leftmost column each needle character can take.
        if rowStarts.count < rows { rowStarts = [Int](repeating: 0, count: max(rows, 16)) }
        var position = start
        for row in 0..<rows {
            while position < end, haystack[position] != needle[row] { position += 1 }
            guard position < end else { return nil }
            rowStarts[row] = position - start
            position += 1
        }
        // Row 0: where the first character may sit (double bonus).
        for column in 0..<width {
            let index = start + column
            if column >= rowStarts[0], haystack[index] == needle[0] {
                let bonus = UInt16(bonuses[index])
                scoreRow[column] = Cell(
                    score: bonus * Self.firstCharMultiplier + Self.scoreMatch, consecutiveBonus: UInt8(bonus),
                    matched: false)
            } else {
                scoreRow[column] = .unmatched
            }
        }
        // Traceback bits per (row, column): bit 0 "the gap score came from a match", bit 1 "the match
        // score came from a consecutive match".
        var trace: [UInt8] = indices == nil ? [] : [UInt8](repeating: 0, count: max(rows - 1, 0) * width)
        for row in 0..<(rows - 1) {
            let nextCharacter = needle[row + 1]
            let nextStart = rowStarts[row + 1]
            var previousGap: UInt16 = 0
            var previousMatch: UInt16 = 0
            nextRow[0] = .unmatched
            for column in 0..<width {
                let (gap, gapFromMatch) = Self.gapScore(previousGap: previousGap, previousMatch: previousMatch)
                let cell = scoreRow[column]
                if indices != nil {
                    trace[row * width + column] = (gapFromMatch ? 1 : 0) | (cell.matched ? 2 : 0)
                }
                if column + 1 < width {
                    let index = start + column + 1
                    if column + 1 >= nextStart, haystack[index] == nextCharacter {
                        nextRow[column + 1] = Self.matchCell(gap: gap, bonus: UInt16(bonuses[index]), previous: cell)
                    } else {
                        nextRow[column + 1] = .unmatched
                    }
                }
                previousGap = gap
                previousMatch = cell.score
            }
            swap(&scoreRow, &nextRow)
        }
        // The best end (the last of equal maxima).
        var bestScore: UInt16 = 0
        var bestColumn = -1
        for column in rowStarts[rows - 1]..<width where scoreRow[column] != .unmatched {
            if scoreRow[column].score >= bestScore {
                bestScore = scoreRow[column].score
                bestColumn = column
            }
        }
        guard bestColumn >= 0 else { return nil }
        if let indices {
            var found = [UInt32](repeating: 0, count: rows)
            found[rows - 1] = UInt32(start + bestColumn)
            var matched = scoreRow[bestColumn].matched
            var row = rows - 2
            var column = bestColumn - 1
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
        return bestScore
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
