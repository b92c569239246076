/// A line-based unified diff (Myers' algorithm, linear space), formatted like the reference's
/// `similar` output: `@@ -a,b +c,d @@` headers (a count of 1 is omitted, an empty range starts at
/// the line before), removals before additions inside a change, and
/// `\ No newline at end of file` after a last line that lacks one.
public enum UnifiedDiff {
    /// The diff from `old` to `new`, or "" when they are equal.
    ///
    /// - Parameters:
    ///   - contextLines: unchanged lines shown around each change; hunks closer than twice this merge.
    ///   - header: `(old, new)` labels for `--- old` / `+++ new` lines (omitted when nil).
    public static func make(
        from old: String, to new: String, contextLines: Int = 1, header: (old: String, new: String)? = nil
    ) -> String {
        let oldLines = splitKeepingTerminators(old)
        let newLines = splitKeepingTerminators(new)
        let entries = LineDiff.entries(old: oldLines, new: newLines)
        let hunks = group(entries, context: max(contextLines, 0))
        guard !hunks.isEmpty else { return "" }

        var out = ""
        if let header {
            out += "--- \(header.old)\n+++ \(header.new)\n"
        }
        for hunk in hunks {
            let slice = entries[hunk]
            let oldCount = slice.filter { $0.kind != .insert }.count
            let newCount = slice.filter { $0.kind != .delete }.count
            guard let first = slice.first else { continue }
            out += "@@ -\(range(start: first.oldPosition, count: oldCount)) "
                + "+\(range(start: first.newPosition, count: newCount)) @@\n"
            for entry in slice {
                let text: String
                let sign: String
                switch entry.kind {
                case .equal: sign = " "; text = oldLines[entry.oldPosition]
                case .delete: sign = "-"; text = oldLines[entry.oldPosition]
                case .insert: sign = "+"; text = newLines[entry.newPosition]
                }
                out += sign + text
                if !text.hasSuffix("\n") { out += "\n\\ No newline at end of file\n" }
            }
        }
        return out
    }

    /// `start+1,count`, `start+1` for one line, `start,0` for an empty range.
    static func range(start: Int, count: Int) -> String {
        if count == 1 { return "\(start + 1)" }
        return count == 0 ? "\(start),0" : "\(start + 1),\(count)"
    }

    /// Lines with their `\n` kept, so a last line without one differs from the same text with one.
    static func splitKeepingTerminators(_ text: String) -> [String] {
        var lines: [String] = []
        var start = text.utf8.startIndex
        var index = start
        while index != text.utf8.endIndex {
            let next = text.utf8.index(after: index)
            if text.utf8[index] == UInt8(ascii: "\n") {
                lines.append(String(decoding: text.utf8[start..<next], as: UTF8.self))
                start = next
            }
            index = next
        }
        if start != text.utf8.endIndex {
            lines.append(String(decoding: text.utf8[start...], as: UTF8.self))
        }
        return lines
    }

    /// Entry index ranges of the hunks: each change with `context` entries around it, merging
    /// changes separated by at most `2 * context` unchanged lines.
    static func group(_ entries: [LineDiff.Entry], context: Int) -> [ClosedRange<Int>] {
        let changed = entries.indices.filter { entries[$0].kind != .equal }
        guard let firstChange = changed.first, let lastIndex = entries.indices.last else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var hunkStart = firstChange
        var hunkEnd = firstChange
        for index in changed.dropFirst() {
            if index - hunkEnd - 1 > 2 * context {
                ranges.append(max(0, hunkStart - context)...min(lastIndex, hunkEnd + context))
                hunkStart = index
            }
            hunkEnd = index
        }
        ranges.append(max(0, hunkStart - context)...min(lastIndex, hunkEnd + context))
        return ranges
    }
}

/// The edit script between two line arrays.
enum LineDiff {
    enum Kind: Equatable { case equal, delete, insert }

    /// One line of the script; an insert's `oldPosition` is where it goes in the old text, and a
    /// delete's `newPosition` likewise.
    struct Entry: Equatable {
        var kind: Kind
        var oldPosition: Int
        var newPosition: Int
    }

    /// Searches longer than this many edit steps give up and report delete-all + insert-all for
    /// the remaining region (keeps pathological inputs fast; the diff stays correct, just coarser).
    static let maximumEditDistance = 2_048

    /// The script, with removals before additions inside every run of changes.
    static func entries(old: [String], new: [String]) -> [Entry] {
        var ids: [String: Int] = [:]
        func id(_ line: String) -> Int {
            if let existing = ids[line] { return existing }
            let fresh = ids.count
            ids[line] = fresh
            return fresh
        }
        var search = MyersSearch(old: old.map(id), new: new.map(id))
        search.diff(oldRange: 0..<old.count, newRange: 0..<new.count)

        var entries: [Entry] = []
        var pendingDeletes: [Entry] = []
        var pendingInserts: [Entry] = []
        func flush() {
            entries += pendingDeletes
            entries += pendingInserts
            pendingDeletes.removeAll()
            pendingInserts.removeAll()
        }
        var oldIndex = 0
        var newIndex = 0
        for operation in search.operations {
            switch operation {
            case .equal(let count):
                flush()
                for _ in 0..<count {
                    entries.append(Entry(kind: .equal, oldPosition: oldIndex, newPosition: newIndex))
                    oldIndex += 1
                    newIndex += 1
                }
            case .delete(let count):
                for _ in 0..<count {
                    pendingDeletes.append(Entry(kind: .delete, oldPosition: oldIndex, newPosition: newIndex))
                    oldIndex += 1
                }
            case .insert(let count):
                for _ in 0..<count {
                    pendingInserts.append(Entry(kind: .insert, oldPosition: oldIndex, newPosition: newIndex))
                    newIndex += 1
                }
            }
        }
        flush()
        return reanchored(entries)
    }

    /// After moving removals first, an insert's old position is where the run's removals end and
    /// a delete's new position is where the run's additions start.
    private static func reanchored(_ entries: [Entry]) -> [Entry] {
        var result = entries
        var index = 0
        while index < result.count {
            guard result[index].kind != .equal else { index += 1; continue }
            var end = index
            while end < result.count, result[end].kind != .equal { end += 1 }
            let run = result[index..<end]
            let runOldStart = run.compactMap { $0.kind == .delete ? $0.oldPosition : nil }.min()
                ?? run.first?.oldPosition ?? 0
            let runNewStart = run.compactMap { $0.kind == .insert ? $0.newPosition : nil }.min()
                ?? run.first?.newPosition ?? 0
            let deletes = run.filter { $0.kind == .delete }.count
            for position in index..<end {
                if result[position].kind == .insert {
                    result[position].oldPosition = runOldStart + deletes
                } else {
                    result[position].newPosition = runNewStart
                }
            }
            index = end
        }
        return result
    }
}

/// Linear-space Myers: split at a middle snake and recurse, trimming common ends first.
private struct MyersSearch {
    enum Operation { case equal(Int), delete(Int), insert(Int) }

    let old: [Int]
    let new: [Int]
    var operations: [Operation] = []
    private var forward: [Int] = []
    private var backward: [Int] = []

    init(old: [Int], new: [Int]) {
        self.old = old
        self.new = new
        let size = 2 * (old.count + new.count) + 4
        forward = Array(repeating: 0, count: size)
        backward = Array(repeating: 0, count: size)
    }

    mutating func diff(oldRange: Range<Int>, newRange: Range<Int>) {
        var oldStart = oldRange.lowerBound, oldEnd = oldRange.upperBound
        var newStart = newRange.lowerBound, newEnd = newRange.upperBound
        var prefix = 0
        while oldStart < oldEnd, newStart < newEnd, old[oldStart] == new[newStart] {
            oldStart += 1; newStart += 1; prefix += 1
        }
        var suffix = 0
        while oldStart < oldEnd, newStart < newEnd, old[oldEnd - 1] == new[newEnd - 1] {
            oldEnd -= 1; newEnd -= 1; suffix += 1
        }
        if prefix > 0 { emit(.equal(prefix)) }
        if oldStart == oldEnd {
            if newStart < newEnd { emit(.insert(newEnd - newStart)) }
        } else if newStart == newEnd {
            emit(.delete(oldEnd - oldStart))
        } else if let (x, y) = middleSnake(oldStart..<oldEnd, newStart..<newEnd),
                  (x, y) != (oldStart, newStart), (x, y) != (oldEnd, newEnd) {
            diff(oldRange: oldStart..<x, newRange: newStart..<y)
            diff(oldRange: x..<oldEnd, newRange: y..<newEnd)
        } else {
            emit(.delete(oldEnd - oldStart))
            emit(.insert(newEnd - newStart))
        }
        if suffix > 0 { emit(.equal(suffix)) }
    }

    private mutating func emit(_ operation: Operation) {
        switch (operations.last, operation) {
        case (.equal(let a)?, .equal(let b)): operations[operations.count - 1] = .equal(a + b)
        case (.delete(let a)?, .delete(let b)): operations[operations.count - 1] = .delete(a + b)
        case (.insert(let a)?, .insert(let b)): operations[operations.count - 1] = .insert(a + b)
        default: operations.append(operation)
        }
    }

    /// A split point (in absolute indices) on an optimal path through the region; nil if the
    /// search exceeds `LineDiff.maximumEditDistance`. Both ends of the region differ.
    private mutating func middleSnake(_ oldRange: Range<Int>, _ newRange: Range<Int>) -> (Int, Int)? {
        let n = oldRange.count, m = newRange.count
        let delta = n - m
        let odd = delta & 1 != 0
        let offset = n + m + 1
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        let maxD = min((n + m + 1) / 2 + 1, LineDiff.maximumEditDistance)
        for d in 0..<maxD {
            for k in stride(from: d, through: -d, by: -2) {
                var x = (k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1]))
                    ? forward[offset + k + 1] : forward[offset + k - 1] + 1
                var y = x - k
                let (x0, y0) = (x, y)
                while x < n, y < m, old[oldRange.lowerBound + x] == new[newRange.lowerBound + y] {
                    x += 1; y += 1
                }
                forward[offset + k] = x
                if odd, abs(k - delta) <= d - 1, forward[offset + k] + backward[offset - (k - delta)] >= n {
                    return (oldRange.lowerBound + x0, newRange.lowerBound + y0)
                }
            }
            for k in stride(from: d, through: -d, by: -2) {
                var x = (k == -d || (k != d && backward[offset + k - 1] < backward[offset + k + 1]))
                    ? backward[offset + k + 1] : backward[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, old[oldRange.upperBound - x - 1] == new[newRange.upperBound - y - 1] {
                    x += 1; y += 1
                }
                backward[offset + k] = x
                if !odd, abs(k - delta) <= d, backward[offset + k] + forward[offset - (k - delta)] >= n {
                    return (oldRange.lowerBound + n - x, newRange.lowerBound + m - y)
                }
            }
        }
        return nil
    }
}
