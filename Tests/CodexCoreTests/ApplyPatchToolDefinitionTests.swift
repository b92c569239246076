import CodexCore
import CodexProtocol
import Testing

@Suite("apply_patch tool definitions")
struct ApplyPatchToolDefinitionTests {
    @Test func freeformToolCarriesTheLarkGrammar() {
        let tool = ApplyPatchToolDefinition.freeformTool
        #expect(tool["type"] == "custom")
        #expect(tool["name"] == "apply_patch")
        #expect(tool["format"]?["syntax"] == "lark")
        #expect(tool["format"]?["type"] == "grammar")
        let grammar = tool["format"]?["definition"]?.stringValue ?? ""
        #expect(grammar.hasPrefix("start: begin_patch hunk+ end_patch\n"))
        #expect(grammar.hasSuffix("%import common.LF\n"))
    }

    @Test func functionToolRequiresInput() {
        let tool = ApplyPatchToolDefinition.functionTool
        #expect(tool["type"] == "function")
        #expect(tool["parameters"]?["required"] == ["input"])
        #expect(tool["parameters"]?["properties"]?["input"]?["type"] == "string")
    }
}
