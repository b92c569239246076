import CodexBasics
import Testing

@Suite("SSE parser")
struct SSEParserTests {
    private func parseWhole(_ text: String) -> [SSEEvent] {
        var parser = SSEParser()
        return parser.feed(Array(text.utf8))
    }

    @Test func parsesEventAndDataFields() {
        let events = parseWhole("event: response.created\ndata: {\"a\":1}\n\n")
        #expect(events == [SSEEvent(event: "response.created", data: "{\"a\":1}")])
    }

    @Test func defaultsEventNameToMessage() {
        #expect(parseWhole("data: x\n\n") == [SSEEvent(event: "message", data: "x")])
    }

    @Test func joinsMultiLineDataWithNewlines() {
        #expect(parseWhole("data: one\ndata:two\ndata:  three\n\n") == [SSEEvent(data: "one\ntwo\n three")])
    }

    @Test func ignoresCommentsAndUnknownFields() {
        let events = parseWhole(": keep-alive\nfoo: bar\ndata: x\n: another\n\n:ping\n\n")
        #expect(events == [SSEEvent(data: "x")])
    }

    @Test func handlesCRLFAndBareCR() {
        #expect(parseWhole("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r") == [
            SSEEvent(event: "a", data: "1"), SSEEvent(event: "b", data: "2"),
        ])
    }

    @Test func dropsEventsWithoutDataAndResetsEventName() {
        #expect(parseWhole("event: lonely\n\ndata: x\n\n") == [SSEEvent(data: "x")])
    }

    @Test func incompleteTrailingEventIsNotDispatched() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: done\n\ndata: partial\n".utf8)) == [SSEEvent(data: "done")])
        #expect(parser.finish().isEmpty)
    }

    @Test func keepsLastIDAndRetry() {
        var parser = SSEParser()
        let events = parser.feed(Array("id: 7\nretry: 1500\ndata: x\n\nretry: soon\ndata: y\n\n".utf8))
        #expect(events == [SSEEvent(data: "x", id: "7"), SSEEvent(data: "y", id: "7")])
        #expect(parser.reconnectionTime == 1500)
    }

    @Test func fieldWithoutColonHasEmptyValue() {
        #expect(parseWhole("data\ndata\n\n") == [SSEEvent(data: "\n")])
    }

    @Test func skipsLeadingByteOrderMark() {
        var parser = SSEParser()
        #expect(parser.feed([0xEF, 0xBB, 0xBF] + Array("data: x\n\n".utf8)) == [SSEEvent(data: "x")])
    }

    /// Every split point of a stream with CRLF, multi-line data, comments and multi-byte UTF-8 must
    /// give the same events as feeding it whole, including a CRLF split between chunks.
    @Test func chunkBoundariesAnywhereGiveTheSameEvents() {
        let text = ": hi\r\nevent: response.output_text.delta\r\ndata: {\"delta\":\"h\u{e9}llo \u{1F600}\"}\r\n\r\n"
            + "data: a\r\ndata: b\r\n\r\nevent: x\ndata: last\n\n"
        let bytes = Array(text.utf8)
        let expected = parseWhole(text)
        #expect(expected.count == 3)
        #expect(expected.first?.data == "{\"delta\":\"h\u{e9}llo \u{1F600}\"}")
        for first in 0...bytes.count {
            for second in first...bytes.count where second == first || second == bytes.count || (second - first) % 7 == 0 {
                var parser = SSEParser()
                var events = parser.feed(bytes[..<first])
                events += parser.feed(bytes[first..<second])
                events += parser.feed(bytes[second...])
                #expect(events == expected, "split at \(first), \(second)")
            }
        }
    }

    @Test func byteAtATimeFeeding() {
        let text = "event: e\r\ndata: 1\r\n\r\ndata: 2\n\n"
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in text.utf8 { events += parser.feed([byte]) }
        #expect(events == [SSEEvent(event: "e", data: "1"), SSEEvent(data: "2")])
    }
}
