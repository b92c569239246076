import CodexCore
import CodexExec
import CodexProtocol
import Testing

/// `web_search` items (and the silent `view_image`) in `codex exec --json` lines.
@Suite struct ExecWebSearchMappingTests {
    private func lines(_ events: [AgentEvent]) -> [String] {
        var mapper = ExecJSONLMapper()
        return events.flatMap { mapper.map($0) }.map(\.serializedLine)
    }

    @Test func webSearchRepeatsItsIdAsTheReferenceDoes() {
        let started = WebSearchItem(id: "ws_1", query: "", action: nil)
        let done = WebSearchItem(id: "ws_1", query: "swift", action: .search(query: "swift", queries: nil))
        let output = lines([
            .turnStarted(turnID: "t"),
            .itemStarted(turnID: "t", item: .webSearch(started)),
            .itemCompleted(turnID: "t", item: .webSearch(done)),
            .itemStarted(turnID: "t", item: .imageView(id: "call_1", path: "/a.png")),
            .itemCompleted(turnID: "t", item: .imageView(id: "call_1", path: "/a.png")),
            .itemCompleted(turnID: "t", item: .agentMessage(id: "m", text: "ok")),
        ])
        #expect(
            output == [
                "{\"type\":\"turn.started\"}\n",
                #"{"type":"item.started","item":{"id":"item_0","type":"web_search","id":"ws_1","query":"","action":{"type":"other"}}}"#
                    + "\n",
                #"{"type":"item.completed","item":{"id":"item_0","type":"web_search","id":"ws_1","query":"swift","action":{"type":"search","query":"swift"}}}"#
                    + "\n",
                #"{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"ok"}}"# + "\n",
            ])
    }

    @Test func otherItemLinesAreTheirJSONValue() {
        var mapper = ExecJSONLMapper()
        let events = [
            AgentEvent.turnStarted(turnID: "t"),
            .itemCompleted(turnID: "t", item: .agentMessage(id: "m", text: "a \"quoted\" ✓")),
            .warning(message: "careful"),
            .turnCompleted(turnID: "t", outcome: .completed(lastAgentMessage: nil)),
        ].flatMap { mapper.map($0) }
        #expect(events.count == 4)
        for event in events { #expect(event.serializedLine == event.jsonValue.serialized() + "\n") }
    }

    @Test func actionsReadFromTheResponseItem() {
        func item(_ raw: JSONValue, done: Bool = true) -> WebSearchItem? { WebSearchItem(responseItem: raw, done: done) }
        #expect(item(["type": "web_search_call"]) == nil)
        #expect(item(["id": "w", "status": "in_progress"], done: false) == WebSearchItem(id: "w", query: "", action: nil))
        #expect(item(["id": "w"]) == WebSearchItem(id: "w", query: "", action: .other))
        #expect(
            item(["id": "w", "action": ["type": "search", "queries": ["a", "b"]]])
                == WebSearchItem(id: "w", query: "a", action: .search(query: nil, queries: ["a", "b"])))
        #expect(
            item(["id": "w", "action": ["type": "find_in_page", "pattern": "p"]])
                == WebSearchItem(id: "w", query: "'p'", action: .findInPage(url: nil, pattern: "p")))
        #expect(item(["id": "w", "action": ["type": "new_kind"]])?.action == .other)
    }
}
