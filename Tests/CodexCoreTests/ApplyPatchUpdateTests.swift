import CodexCore
import Testing

@Suite("apply_patch update computation")
struct ApplyPatchUpdateTests {
    private func chunks(_ body: String) throws -> [PatchUpdateChunk] {
        let hunks = try PatchParser.parse("*** Begin Patch\n*** Update File: f\n\(body)\n*** End Patch").hunks
        guard case .update(_, _, let chunks)? = hunks.first else { return [] }
        return chunks
    }

    private func apply(_ original: String, _ body: String) throws -> String {
        try UpdateChunkApplier.newContents(of: original, applying: chunks(body), path: "/w/f")
    }

    @Test func multipleChunks() throws {
        #expect(try apply("foo\nbar\nbaz\nqux\n", "@@\n foo\n-bar\n+BAR\n@@\n baz\n-qux\n+QUX") == "foo\nBAR\nbaz\nQUX\n")
    }

    @Test func interleavedChunksWithEndOfFileAppend() throws {
        let new = try apply("a\nb\nc\nd\ne\nf\n", "@@\n a\n-b\n+B\n@@\n c\n d\n-e\n+E\n@@\n f\n+g\n*** End of File")
        #expect(new == "a\nB\nc\nd\nE\nf\ng\n")
    }

    @Test func contextLineAnchorsTheChunk() throws {
        let original = "def a():\n    return 1\ndef b():\n    return 1\n"
        let new = try apply(original, "@@ def b():\n-    return 1\n+    return 2")
        #expect(new == "def a():\n    return 1\ndef b():\n    return 2\n")
    }

    @Test func chunksMustComeInFileOrder() {
        #expect(throws: ApplyPatchError.expectedLinesNotFound(path: "/w/f", expectedLines: ["a"])) {
            try apply("a\nb\n", "@@\n-b\n+B\n@@\n-a\n+A")
        }
    }

    @Test func missingContextIsReported() {
        let error = ApplyPatchError.contextNotFound(context: "def nope():", path: "/w/f")
        #expect(throws: error) { try apply("x\n", "@@ def nope():\n-x\n+y") }
        #expect(error.description == "Failed to find context 'def nope():' in /w/f")
    }

    @Test func missingLinesAreReportedWithTheExpectedText() {
        let error = ApplyPatchError.expectedLinesNotFound(path: "/w/f", expectedLines: ["keep", "gone"])
        #expect(throws: error) { try apply("keep\nother\n", "@@\n keep\n-gone\n+new") }
        #expect(error.description == "Failed to find expected lines in /w/f:\nkeep\ngone")
    }

    @Test func endOfFileAnchorsToTheTail() throws {
        #expect(try apply("x\ny\nx\n", "@@\n-x\n+z\n*** End of File") == "x\ny\nz\n")
        #expect(throws: ApplyPatchError.self) { try apply("x\ny\nz\n", "@@\n-x\n+w\n*** End of File") }
    }

    @Test func pureInsertionGoesToTheEnd() throws {
        #expect(try apply("line1\nline2\n", "@@\n+after") == "line1\nline2\nafter\n")
        let mixed = try apply("line1\nline2\nline3\n", "@@\n+after-context\n+second-line\n@@\n line1\n-line2\n-line3\n+line2-replacement")
        #expect(mixed == "line1\nline2-replacement\nafter-context\nsecond-line\n")
    }

    @Test func trailingEmptyPatternLineStandsForTheFinalNewline() throws {
        #expect(try apply("foo\nbar\n", "@@\n foo\n-bar\n+BAR\n") == "foo\nBAR\n")
        // An explicit empty context line at the end of a chunk still matches the file end.
        #expect(try apply("foo\nbar\n", "@@\n-bar\n+baz\n ") == "foo\nbaz\n")
    }

    @Test func missingFinalNewlineIsAdded() throws {
        #expect(try apply("a\nb", "@@\n-b\n+c") == "a\nc\n")
        #expect(try apply("", "@@\n+first") == "first\n")
    }

    @Test func fuzzyMatchReplacesTheFileLine() throws {
        #expect(try apply("  value = 1  \n", "@@\n-value = 1\n+value = 2") == "value = 2\n")
    }

    @Test func crlfIsPreservedOnlyWhenAskedAndConsistent() throws {
        let body = try chunks("@@\n a\n-b\n+B\n@@\n c\n+d\n*** End of File")
        let preserved = try UpdateChunkApplier.newContents(of: "a\r\nb\r\nc\r\n", applying: body, path: "f", preserveCRLF: true)
        #expect(preserved == "a\r\nB\r\nc\r\nd\r\n")
        let plain = try UpdateChunkApplier.newContents(of: "a\r\nb\r\nc\r\n", applying: body, path: "f")
        // Without the option, matched lines take the patch's spelling (no "\r"), as in the reference.
        #expect(plain == "a\nB\nc\nd\n")
        let mixed = try UpdateChunkApplier.newContents(of: "a\r\nb\nc\r\n", applying: body, path: "f", preserveCRLF: true)
        #expect(mixed == "a\nB\nc\nd\n")
    }
}
