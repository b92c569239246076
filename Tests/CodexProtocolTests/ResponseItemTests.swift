import CodexProtocol
import Testing

@Suite struct ResponseItemTests {
    @Test(arguments: [
        #"{"content":[{"text":"hi","type":"input_text"}],"role":"user","type":"message"}"#,
        #"{"arguments":"{\"cmd\":\"ls\"}","call_id":"c1","name":"exec_command","type":"function_call"}"#,
        #"{"call_id":"c1","output":"done","type":"function_call_output"}"#,
        #"{"call_id":"c2","input":"*** Begin Patch","name":"apply_patch","type":"custom_tool_call"}"#,
        #"{"call_id":"c2","output":"ok","type":"custom_tool_call_output"}"#,
        #"{"encrypted_content":"abc","summary":[{"text":"s","type":"summary_text"}],"type":"reasoning"}"#,
        #"{"action":{"query":"x"},"status":"completed","type":"web_search_call"}"#,
    ])
    func roundTrips(text: String) throws {
        let item = try JSONParser.parse(text).decode(ResponseItem.self)
        #expect(try JSONValue(encoding: item).serialized() == text)
    }

    @Test func unknownTypesArePreserved() throws {
        let item = try JSONParser.parse(#"{"type":"future_item","x":1}"#).decode(ResponseItem.self)
        #expect(item.type == "future_item")
    }
}
