import CodexCore
import Testing

@Suite("apply_patch line matching tiers")
struct ApplyPatchMatcherTests {
    @Test func exactMatchWins() {
        let found = LineSequenceMatcher.findWithTier(["bar", "baz"], in: ["foo", "bar", "baz"], from: 0, endOfFile: false)
        #expect(found?.index == 1)
        #expect(found?.tier == .exact)
    }

    @Test func exactIsPreferredOverAnEarlierFuzzyMatch() {
        let lines = ["foo  ", "foo"]
        let found = LineSequenceMatcher.findWithTier(["foo"], in: lines, from: 0, endOfFile: false)
        #expect(found?.index == 1)
        #expect(found?.tier == .exact)
    }

    @Test func trailingWhitespaceIsIgnoredSecond() {
        let found = LineSequenceMatcher.findWithTier(["foo", "bar"], in: ["foo   ", "bar\t\t"], from: 0, endOfFile: false)
        #expect(found?.index == 0)
        #expect(found?.tier == .trailingWhitespaceIgnored)
    }

    @Test func surroundingWhitespaceIsIgnoredThird() {
        let found = LineSequenceMatcher.findWithTier(["foo", "bar"], in: ["    foo   ", "   bar\t"], from: 0, endOfFile: false)
        #expect(found?.index == 0)
        #expect(found?.tier == .surroundingWhitespaceIgnored)
    }

    @Test func punctuationIsNormalizedLast() {
        let lines = ["x", "import asyncio  # local import \u{2013} avoids top\u{2011}level dep", "say \u{201C}hi\u{201D} it\u{2019}s\u{00A0}ok"]
        let pattern = ["import asyncio  # local import - avoids top-level dep", "say \"hi\" it's ok"]
        let found = LineSequenceMatcher.findWithTier(pattern, in: lines, from: 0, endOfFile: false)
        #expect(found?.index == 1)
        #expect(found?.tier == .punctuationNormalized)
    }

    @Test func otherUnicodeDoesNotMatch() {
        #expect(LineSequenceMatcher.find(["a-b"], in: ["a\u{2192}b"], from: 0, endOfFile: false) == nil)
    }

    @Test func searchStartsAtTheCursor() {
        let lines = ["a", "b", "a", "b"]
        #expect(LineSequenceMatcher.find(["a"], in: lines, from: 1, endOfFile: false) == 2)
        #expect(LineSequenceMatcher.find(["a"], in: lines, from: 3, endOfFile: false) == nil)
    }

    @Test func endOfFileOnlyTriesTheTail() {
        let lines = ["x", "y", "x"]
        #expect(LineSequenceMatcher.find(["x"], in: lines, from: 0, endOfFile: true) == 2)
        #expect(LineSequenceMatcher.find(["x", "y"], in: lines, from: 0, endOfFile: true) == nil)
    }

    @Test func emptyPatternMatchesAtStart() {
        #expect(LineSequenceMatcher.find([], in: ["a"], from: 1, endOfFile: false) == 1)
    }

    @Test func patternLongerThanFileNeverMatches() {
        #expect(LineSequenceMatcher.find(["too", "many", "lines"], in: ["just one line"], from: 0, endOfFile: false) == nil)
    }
}
