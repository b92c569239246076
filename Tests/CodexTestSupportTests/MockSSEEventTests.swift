import CodexBasics
import CodexProtocol
import CodexTestSupport
import Testing

@Suite struct MockSSEEventTests {
    @Test func wireTextOfNamedAndDataOnlyEvents() {
        #expect(
            SSE.responseCreated(id: "r").wireText.hasPrefix(
                "event: response.created\ndata: {\"type\":\"response.created\""))
        #expect(SSE.responseCreated(id: "r").wireText.hasSuffix("}\n\n"))
        #expect(ChatSSE.done.wireText == "data: [DONE]\n\n")
        #expect(MockSSEEvent(name: nil, data: "a\nb").wireText == "data: a\ndata: b\n\n")
    }

    @Test func parserReassemblesEventsSplitAnywhere() {
        let events = [SSE.textDelta("x"), ChatSSE.done, MockSSEEvent(name: "multi", data: "l1\nl2")]
        let wire = Array(events.map(\.wireText).joined().utf8)
        var parser = SSEParser()
        var parsed: [MockSSEEvent] = []
        for byte in wire { parsed += MockSSEEvent.parse([byte], with: &parser) }
        #expect(parsed == events)
    }

    @Test func parserIgnoresCommentsAndUnknownFields() {
        var parser = SSEParser()
        let parsed = MockSSEEvent.parse(Array(": keep-alive\nid: 3\nevent: e\r\ndata:no-space\n\n".utf8), with: &parser)
        #expect(parsed == [MockSSEEvent(name: "e", data: "no-space")])
    }
}
