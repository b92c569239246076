import CodexCore
import Testing

@Suite("apply_patch parser")
struct ApplyPatchParserTests {
    private func parse(_ text: String) throws -> [PatchHunk] {
        try PatchParser.parse(text).hunks
    }

    private func parseError(_ text: String) -> PatchParseError? {
        do {
            _ = try PatchParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func everySectionKind() throws {
        let hunks = try parse("""
            *** Begin Patch
            *** Add File: path/add.py
            +abc
            +
            +def
            *** Delete File: path/delete.py
            *** Update File: path/update.py
            *** Move to: path/update2.py
            @@ def f():
            -    pass
            +    return 123
            @@
             keep
            -old
            +new
            *** End of File
            *** End Patch
            """)
        #expect(hunks == [
            .add(path: "path/add.py", contents: "abc\n\ndef\n"),
            .delete(path: "path/delete.py"),
            .update(path: "path/update.py", movePath: "path/update2.py", chunks: [
                PatchUpdateChunk(changeContext: "def f():", oldLines: ["    pass"], newLines: ["    return 123"]),
                PatchUpdateChunk(oldLines: ["keep", "old"], newLines: ["keep", "new"], isEndOfFile: true),
            ]),
        ])
    }

    @Test func patchTextExcludesWrapperAndKeepsMarkers() throws {
        let parsed = try PatchParser.parse("<<'EOF'\n*** Begin Patch\n*** Delete File: a\n*** End Patch\nEOF\n")
        #expect(parsed.text == "*** Begin Patch\n*** Delete File: a\n*** End Patch")
        #expect(parsed.hunks == [.delete(path: "a")])
    }

    @Test(arguments: ["<<EOF", "<<'EOF'", "<<\"EOF\""])
    func heredocWrappersAreStripped(opener: String) throws {
        let hunks = try parse("\(opener)\n*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch\nEOF")
        #expect(hunks == [.add(path: "foo", contents: "hi\n")])
    }

    @Test func heredocNeedsAnEOFLastLine() {
        #expect(parseError("<<'EOF'\n*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch\nEND")
            == .invalidPatch("The first line of the patch must be '*** Begin Patch'"))
    }

    @Test func heredocWithBadInnerPatchReportsTheInnerError() {
        #expect(parseError("<<EOF\n*** Begin Patch\n*** Add File: foo\n+hi\nEOF")
            == .invalidPatch("The last line of the patch must be '*** End Patch'"))
    }

    @Test func surroundingWhitespaceAndCRLFAreTolerated() throws {
        let hunks = try parse("\n\n  *** Begin Patch  \r\n  *** Add File: foo  \r\n+hi\r\n *** End Patch\t\n\n")
        #expect(hunks == [.add(path: "foo", contents: "hi\n")])
    }

    @Test func firstChunkMayOmitTheAtAtMarker() throws {
        let hunks = try parse("*** Begin Patch\n*** Update File: file2.py\n import foo\n+bar\n*** End Patch")
        #expect(hunks == [.update(path: "file2.py", movePath: nil, chunks: [
            PatchUpdateChunk(oldLines: ["import foo"], newLines: ["import foo", "bar"]),
        ])])
    }

    @Test func blankLinesBetweenChunksAreSkippedAndEmptyLinesInsideAreContext() throws {
        let hunks = try parse("*** Begin Patch\n*** Update File: f\n@@\n a\n\n-b\n+B\n\n\n@@ ctx\n+c\n*** End Patch")
        #expect(hunks == [.update(path: "f", movePath: nil, chunks: [
            PatchUpdateChunk(oldLines: ["a", "", "b", "", ""], newLines: ["a", "", "B", "", ""]),
            PatchUpdateChunk(changeContext: "ctx", oldLines: [], newLines: ["c"]),
        ])])
    }

    @Test func updateFollowedByAnotherHunk() throws {
        let hunks = try parse(
            "*** Begin Patch\n*** Update File: file.py\n@@\n+line\n*** Add File: other.py\n+content\n*** End Patch")
        #expect(hunks == [
            .update(path: "file.py", movePath: nil, chunks: [PatchUpdateChunk(oldLines: [], newLines: ["line"])]),
            .add(path: "other.py", contents: "content\n"),
        ])
    }

    @Test func addFileStopsAtFirstNonPlusLineAndMayBeEmpty() throws {
        let hunks = try parse("*** Begin Patch\n*** Add File: empty.txt\n*** Add File: b\n+x\n*** End Patch")
        #expect(hunks == [.add(path: "empty.txt", contents: ""), .add(path: "b", contents: "x\n")])
    }

    @Test func absolutePathsAreKeptAsWritten() throws {
        let hunks = try parse("*** Begin Patch\n*** Delete File: /tmp/x y.txt\n*** End Patch")
        #expect(hunks == [.delete(path: "/tmp/x y.txt")])
    }

    @Test func linesAreComparedByteForByte() throws {
        // A decomposed "é" must stay decomposed, and a combining mark after "-" keeps the line a removal.
        let hunks = try parse("*** Begin Patch\n*** Update File: f\n@@\n-e\u{301}\n+\u{301}x\n*** End Patch")
        guard case .update(_, _, let chunks) = hunks.first else {
            Issue.record("expected an update, got \(hunks)")
            return
        }
        #expect(chunks.first?.oldLines.first?.unicodeScalars.count == 2)
        #expect(chunks.first?.newLines.first?.unicodeScalars.map(\.value) == [0x301, 0x78])
    }

    @Test func zeroHunksParse() throws {
        #expect(try parse("*** Begin Patch\n*** End Patch").isEmpty)
    }

    @Test func missingBeginMarker() {
        #expect(parseError("bad") == .invalidPatch("The first line of the patch must be '*** Begin Patch'"))
        #expect(parseError("bad")?.description
            == "Invalid patch: The first line of the patch must be '*** Begin Patch'")
    }

    @Test func missingEndMarker() {
        let expected = PatchParseError.invalidPatch("The last line of the patch must be '*** End Patch'")
        #expect(parseError("*** Begin Patch\nbad") == expected)
        #expect(parseError("") == expected)
        #expect(parseError("*** Begin Patch") == expected)
    }

    @Test func invalidHunkHeaderNamesLineAndValidHeaders() {
        let error = parseError("*** Begin Patch\n*** Add File: a\n+x\n*** Frobnicate File: foo\n*** End Patch")
        #expect(error == .invalidHunk(
            message: "'*** Frobnicate File: foo' is not a valid hunk header. Valid hunk headers: "
                + "'*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
            lineNumber: 4))
        #expect(error?.description.hasPrefix("Invalid patch hunk on line 4: '*** Frobnicate File: foo' is not") == true)
        #expect(error?.verificationText.hasPrefix("invalid hunk at line 4, '*** Frobnicate File: foo'") == true)
    }

    @Test func headerWithEmptyPathIsNotAHeader() {
        guard case .invalidHunk(let message, 2) = parseError("*** Begin Patch\n*** Add File: \n*** End Patch") else {
            Issue.record("expected an invalid hunk on line 2")
            return
        }
        #expect(message.hasPrefix("'*** Add File:' is not a valid hunk header."))
    }

    @Test func emptyUpdateHunk() {
        #expect(parseError("*** Begin Patch\n*** Update File: test.py\n*** End Patch")
            == .invalidHunk(message: "Update file hunk for path 'test.py' is empty", lineNumber: 2))
    }

    @Test func chunkHeaderWithoutLines() {
        #expect(parseError("*** Begin Patch\n*** Update File: f\n@@\n*** End Patch")
            == .invalidHunk(message: "Update hunk does not contain any lines", lineNumber: 4))
        #expect(parseError("*** Begin Patch\n*** Update File: f\n@@ ctx\n*** End of File\n*** End Patch")
            == .invalidHunk(message: "Update hunk does not contain any lines", lineNumber: 4))
    }

    @Test func unexpectedFirstLineOfChunk() {
        #expect(parseError("*** Begin Patch\n*** Update File: f\n@@\nbad line\n*** End Patch")
            == .invalidHunk(
                message: "Unexpected line found in update hunk: 'bad line'. Every line should start with "
                    + "' ' (context line), '+' (added line), or '-' (removed line)",
                lineNumber: 4))
    }

    @Test func laterChunkMustStartWithAtAt() {
        #expect(parseError("*** Begin Patch\n*** Update File: f\n@@\n+a\nbad\n*** End Patch")
            == .invalidHunk(
                message: "Expected update hunk to start with a @@ context marker, got: 'bad'", lineNumber: 5))
    }

    @Test func lineNumbersCountFromBeginMarker() {
        let error = parseError("*** Begin Patch\n*** Add File: a\n+1\n+2\n*** Delete File: b\nnonsense\n*** End Patch")
        #expect(error == .invalidHunk(
            message: "'nonsense' is not a valid hunk header. Valid hunk headers: "
                + "'*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
            lineNumber: 6))
    }
}
