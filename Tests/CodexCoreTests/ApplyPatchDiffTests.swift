import CodexCore
import Testing

@Suite("unified diff generator")
struct ApplyPatchDiffTests {
    @Test func equalTextsGiveNoDiff() {
        #expect(UnifiedDiff.make(from: "a\nb\n", to: "a\nb\n") == "")
        #expect(UnifiedDiff.make(from: "", to: "") == "")
    }

    @Test func nearbyChangesShareAHunk() {
        let diff = UnifiedDiff.make(from: "foo\nbar\nbaz\nqux\n", to: "foo\nBAR\nbaz\nQUX\n")
        #expect(diff == "@@ -1,4 +1,4 @@\n foo\n-bar\n+BAR\n baz\n-qux\n+QUX\n")
    }

    @Test func interleavedChangesWithTwoLineGapMerge() {
        let diff = UnifiedDiff.make(from: "a\nb\nc\nd\ne\nf\n", to: "a\nB\nc\nd\nE\nf\ng\n")
        #expect(diff == "@@ -1,6 +1,7 @@\n a\n-b\n+B\n c\n d\n-e\n+E\n f\n+g\n")
    }

    @Test func distantChangesGetSeparateHunks() {
        let diff = UnifiedDiff.make(from: "1\n2\n3\n4\n5\n6\n7\n", to: "one\n2\n3\n4\n5\n6\nseven\n")
        #expect(diff == "@@ -1,2 +1,2 @@\n-1\n+one\n 2\n@@ -6,2 +6,2 @@\n 6\n-7\n+seven\n")
    }

    @Test func singleLineRangesOmitTheCount() {
        #expect(UnifiedDiff.make(from: "foo\nbar\nbaz\n", to: "foo\nbar\nbaz\nquux\n") == "@@ -3 +3,2 @@\n baz\n+quux\n")
        #expect(UnifiedDiff.make(from: "x\n", to: "y\n") == "@@ -1 +1 @@\n-x\n+y\n")
    }

    @Test func firstAndLastLineReplacement() {
        #expect(UnifiedDiff.make(from: "foo\nbar\nbaz\n", to: "FOO\nbar\nbaz\n") == "@@ -1,2 +1,2 @@\n-foo\n+FOO\n bar\n")
        #expect(UnifiedDiff.make(from: "foo\nbar\nbaz\n", to: "foo\nbar\nBAZ\n") == "@@ -2,2 +2,2 @@\n bar\n-baz\n+BAZ\n")
    }

    @Test func emptyRangesStartAtTheLineBefore() {
        #expect(UnifiedDiff.make(from: "", to: "a\nb\n") == "@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(UnifiedDiff.make(from: "a\n", to: "") == "@@ -1 +0,0 @@\n-a\n")
    }

    @Test func missingFinalNewlineIsMarked() {
        let diff = UnifiedDiff.make(from: "a\nb", to: "a\nb\n")
        #expect(diff == "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    }

    @Test func headerAndWiderContext() {
        let diff = UnifiedDiff.make(
            from: "1\n2\n3\n4\n5\n", to: "1\n2\nthree\n4\n5\n", contextLines: 3, header: (old: "a/f.txt", new: "b/f.txt"))
        #expect(diff == "--- a/f.txt\n+++ b/f.txt\n@@ -1,5 +1,5 @@\n 1\n 2\n-3\n+three\n 4\n 5\n")
    }

    @Test func removalsComeBeforeAdditions() {
        let diff = UnifiedDiff.make(from: "keep\nold1\nold2\nend\n", to: "keep\nnew1\nend\n", contextLines: 0)
        #expect(diff == "@@ -2,2 +2 @@\n-old1\n-old2\n+new1\n")
    }

    @Test func zeroContextPureInsertAndDelete() {
        #expect(UnifiedDiff.make(from: "a\nb\n", to: "a\nx\nb\n", contextLines: 0) == "@@ -1,0 +2 @@\n+x\n")
        #expect(UnifiedDiff.make(from: "a\nx\nb\n", to: "a\nb\n", contextLines: 0) == "@@ -2 +1,0 @@\n-x\n")
    }

    /// Random edits: the diff must rebuild the new text from the old and be as short as an LCS allows.
    @Test func randomEditsRoundTripMinimally() {
        var generator = SplitMix(seed: 0xC0DE)
        for _ in 0..<300 {
            let old = (0..<Int(generator.next() % 12)).map { _ in "l\(generator.next() % 4)\n" }
            var new = old
            for _ in 0..<Int(generator.next() % 5) {
                let choice = generator.next() % 3
                if choice == 0 || new.isEmpty {
                    new.insert("l\(generator.next() % 5)\n", at: Int(generator.next() % UInt64(new.count + 1)))
                } else if choice == 1 {
                    new.remove(at: Int(generator.next() % UInt64(new.count)))
                } else {
                    new[Int(generator.next() % UInt64(new.count))] = "l\(generator.next() % 5)\n"
                }
            }
            let diff = UnifiedDiff.make(from: old.joined(), to: new.joined(), contextLines: 100_000)
            let rebuilt = rebuild(diff: diff, old: old)
            #expect(rebuilt == new, "diff \(diff) of \(old) -> \(new)")
            let changedLines = diff.split(separator: "\n").filter { $0.hasPrefix("+") || $0.hasPrefix("-") }.count
            #expect(changedLines == old.count + new.count - 2 * lcsLength(old, new), "not minimal: \(diff)")
        }
    }

    /// Large, completely different texts exceed the search limit and still give a correct diff.
    @Test func largeRewriteStaysCorrect() {
        let old = (0..<6_000).map { "old \($0)\n" }
        let new = (0..<6_000).map { $0 % 1_000 == 0 ? "old \($0)\n" : "new \($0)\n" }
        let diff = UnifiedDiff.make(from: old.joined(), to: new.joined(), contextLines: 100_000)
        #expect(rebuild(diff: diff, old: old) == new)
        #expect(diff.hasPrefix("@@ -1,6000 +1,6000 @@\n"))
    }

    /// Applies a full-context diff (one hunk covering everything) to `old`.
    private func rebuild(diff: String, old: [String]) -> [String] {
        if diff.isEmpty { return old }
        var result: [String] = []
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() where !line.isEmpty {
            if line.hasPrefix(" ") || line.hasPrefix("+") { result.append(String(line.dropFirst()) + "\n") }
        }
        return result
    }

    private func lcsLength(_ a: [String], _ b: [String]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}

/// A tiny deterministic generator so the random test is reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
