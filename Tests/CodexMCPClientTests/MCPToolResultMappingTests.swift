import CodexConfig
import CodexCore
@testable import CodexMCPClient
import CodexProtocol
import Testing

/// Tool results as the model and the item see them (spec §5.2–§5.4).
@Suite struct MCPToolResultMappingTests {
    static let elapsed = Duration.milliseconds(1234)

    @Test func contentBlocksFollowTheWallTimeHeader() {
        let result: JSONValue = [
            "content": [
                ["text": "hi", "type": "text"], ["type": "audio", "data": "AA", "mimeType": "audio/wav"],
                ["type": "resource_link", "uri": "file:///x", "name": "x"],
            ],
        ]
        let outcome = MCPToolResultMapping.outcome(
            result: result, server: "s", tool: "t", elapsed: Self.elapsed, supportsImages: true)
        #expect(
            outcome.modelContentItems == [
                ["type": "input_text", "text": "Wall time: 1.2340 seconds\nOutput:"],
                ["type": "input_text", "text": "hi"],
                ["type": "input_text", "text": .string(MCPToolResultMapping.audioOmitted)],
                ["type": "input_text", "text": #"{"type":"resource_link","uri":"file:///x","name":"x"}"#],
            ])
        // The item keeps the blocks, type first, with audio replaced.
        #expect(outcome.result?["content"]?.arrayValue?.first?.serialized() == #"{"type":"text","text":"hi"}"#)
        #expect(outcome.result?["content"]?.arrayValue?[1] == ["type": "text", "text": .string(MCPToolResultMapping.audioOmitted)])
        #expect(outcome.errorMessage == nil && !outcome.isError)
    }

    @Test func imagesBecomeDataURLsOrANoticeForTextOnlyModels() {
        let result: JSONValue = ["content": [["type": "image", "data": "QUJD", "mimeType": "image/png"]]]
        let withImages = MCPToolResultMapping.outcome(
            result: result, server: "s", tool: "t", elapsed: Self.elapsed, supportsImages: true)
        #expect(
            withImages.modelContentItems?.last
                == ["type": "input_image", "image_url": "data:image/png;base64,QUJD", "detail": "high"])
        let textOnly = MCPToolResultMapping.outcome(
            result: result, server: "s", tool: "t", elapsed: Self.elapsed, supportsImages: false)
        #expect(textOnly.modelContentItems?.last == ["type": "input_text", "text": .string(MCPToolResultMapping.imageOmitted)])
    }

    @Test func structuredContentIsOneStringAndErrorsChangeOnlyTheStatus() {
        let result: JSONValue = ["content": [["type": "text", "text": "x"]], "structuredContent": ["a": 1], "isError": true]
        let outcome = MCPToolResultMapping.outcome(
            result: result, server: "s", tool: "t", elapsed: Self.elapsed, supportsImages: true)
        #expect(outcome.modelContentItems == nil)
        #expect(outcome.modelOutput == "Wall time: 1.2340 seconds\nOutput:\n{\"a\":1}")
        #expect(outcome.isError && outcome.errorMessage == nil)
    }

    @Test func aResultWithoutContentIsAProtocolError() {
        let outcome = MCPToolResultMapping.outcome(
            result: ["structuredContent": [:]], server: "s", tool: "t", elapsed: Self.elapsed, supportsImages: true)
        #expect(outcome.errorMessage == "tool call error: tool call failed for `s/t`\n\nCaused by:\n    Unexpected response type")
        #expect(outcome.result == nil)
    }

    @Test func durationsPrintAsTheReference() {
        #expect(MCPDurationText.seconds(2) == "2s")
        #expect(MCPDurationText.seconds(12.5) == "12.5s")
        #expect(MCPDurationText.fixed(0.00335, decimals: 4) == "0.0034")
        #expect(MCPDurationText.fixed(3, decimals: 4) == "3.0000")
        // Tool timeouts as 0.163.0 printed them for these `tool_timeout_sec` values (observed).
        let observed: [(Double, String)] = [
            (0.25, "250ms"), (0.5, "500ms"), (1, "1000ms"), (1.5, "1s"), (1.9, "2s"), (2, "2s"), (2.5, "2s"), (3, "3s"),
        ]
        for (seconds, text) in observed { #expect(MCPDurationText.toolTimeout(seconds) == text) }
    }
}

/// What the approval rules read about a tool (spec §6.1).
@Suite struct MCPApprovalTraitsTests {
    @Test func theModeAndTheHintsAreRead() {
        #expect(MCPConnectionManager.approvalTraits(mode: .approve, annotations: nil) == .init(mode: .approve))
        #expect(
            MCPConnectionManager.approvalTraits(mode: .prompt, annotations: ["readOnlyHint": true])
                == .init(mode: .prompt, readOnlyHint: true))
        #expect(MCPConnectionManager.approvalTraits(mode: .writes, annotations: nil) == .init(mode: .auto))
        #expect(
            MCPConnectionManager.approvalTraits(mode: .auto, annotations: ["readOnlyHint": true, "destructiveHint": true])
                == .init(mode: .auto, readOnlyHint: true, destructiveHint: true))
    }
}
