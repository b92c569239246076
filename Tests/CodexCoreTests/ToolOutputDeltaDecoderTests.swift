import Testing

@testable import CodexCore

/// Output deltas never split a UTF-8 character.
struct ToolOutputDeltaDecoderTests {
    @Test func holdsBackAnIncompleteCharacterUntilTheNextChunk() async {
        let decoder = OutputDeltaDecoder()
        let bytes = Array("a€b".utf8)  // "€" is E2 82 AC
        #expect(await decoder.decode(Array(bytes[0..<2]), from: .stdout) == "a")
        #expect(await decoder.decode(Array(bytes[2..<3]), from: .stdout) == "")
        #expect(await decoder.decode(Array(bytes[3...]), from: .stdout) == "€b")
        #expect(await decoder.flush() == "")
    }

    @Test func streamsAreKeptApart() async {
        let decoder = OutputDeltaDecoder()
        let emoji = Array("😀".utf8)
        #expect(await decoder.decode(Array(emoji[0..<3]), from: .stdout) == "")
        #expect(await decoder.decode(Array("err".utf8), from: .stderr) == "err")
        #expect(await decoder.decode(Array(emoji[3...]), from: .stdout) == "😀")
    }

    @Test func flushReturnsLeftoversLeniently() async {
        let decoder = OutputDeltaDecoder()
        #expect(await decoder.decode([0x41, 0xE2, 0x82], from: .stdout) == "A")
        #expect(await decoder.flush() == "\u{FFFD}")
        #expect(await decoder.flush() == "")
    }

    @Test func completePrefixLengthCases() {
        #expect(OutputDeltaDecoder.completePrefixLength([]) == 0)
        #expect(OutputDeltaDecoder.completePrefixLength(Array("abc".utf8)) == 3)
        #expect(OutputDeltaDecoder.completePrefixLength(Array("é".utf8)) == 2)
        #expect(OutputDeltaDecoder.completePrefixLength([0x61, 0xC3]) == 1)
        #expect(OutputDeltaDecoder.completePrefixLength([0x80, 0x80, 0x80, 0x80, 0x80]) == 5)
    }
}
