@testable import CodexMCPServer
import CodexConfig
import CodexCore
import CodexProtocol
import Testing

/// The two tools' schemas, pinned: a change to what `tools/list` offers must change this test too.
@Suite struct CodexToolSchemaTests {
    private static let outputSchema = """
        {"type":"object","properties":{"threadId":{"type":"string"},"content":{"type":"string"}},"required":["threadId","content"]}
        """

    @Test func theOutputSchemaIsThreadIdAndContent() throws {
        #expect(CodexToolDefinitions.outputSchema == (try JSONParser.parse(Self.outputSchema)))
    }

    @Test func codexTakesAPromptAndTheConfigurationOverrides() throws {
        let schema = CodexToolDefinitions.codexInputSchema
        #expect(schema["type"] == "object")
        #expect(schema["required"] == ["prompt"])
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(
            properties.keys == [
                "prompt", "model", "profile", "cwd", "approval-policy", "sandbox", "config", "base-instructions",
                "developer-instructions", "compact-prompt",
            ])
        for key in properties.keys where key != "config" {
            #expect(properties[key]?["type"] == "string", "\(key)")
            #expect(properties[key]?["description"]?.stringValue?.isEmpty == false, "\(key)")
        }
        #expect(properties["approval-policy"]?["enum"] == ["untrusted", "on-failure", "on-request", "never"])
        #expect(properties["sandbox"]?["enum"] == ["read-only", "workspace-write", "danger-full-access"])
        #expect(properties["config"]?["type"] == "object")
        #expect(properties["config"]?["additionalProperties"] == true)
    }

    @Test func codexReplyTakesAPromptAndAThread() throws {
        let schema = CodexToolDefinitions.replyInputSchema
        #expect(schema["type"] == "object")
        #expect(schema["required"] == ["prompt"])
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(properties.keys == ["threadId", "conversationId", "prompt"])
        for key in properties.keys { #expect(properties[key]?["type"] == "string", "\(key)") }
    }

    @Test func theToolListNamesTitlesAndDescribesBoth() {
        let tools = CodexToolDefinitions.all
        #expect(tools.map { $0["name"] } == ["codex", "codex-reply"])
        #expect(tools.map { $0["title"] } == ["Codex", "Codex Reply"])
        #expect(tools[0]["description"] == "Run a Codex session. Accepts configuration parameters matching the Codex Config struct.")
        #expect(tools[1]["description"] == "Continue a Codex conversation by providing the thread id and prompt.")
        #expect(tools.allSatisfy { $0["outputSchema"] == CodexToolDefinitions.outputSchema })
        #expect(tools[0]["inputSchema"] == CodexToolDefinitions.codexInputSchema)
        #expect(tools[1]["inputSchema"] == CodexToolDefinitions.replyInputSchema)
    }
}

/// Tool arguments and the approval answers, read as upstream does.
@Suite struct ToolArgumentAndDecisionTests {
    @Test func codexArgumentsAreReadWithTheirTypes() throws {
        let arguments = try CodexToolArguments([
            "prompt": "p", "model": "m", "approval-policy": "on-request", "sandbox": "read-only", "config": ["a.b": 1],
            "include-plan-tool": true, "compact-prompt": "c",
        ])
        #expect(arguments.prompt == "p")
        #expect(arguments.model == "m")
        #expect(arguments.approvalPolicy == .onRequest)
        #expect(arguments.sandbox == .readOnly)
        #expect(arguments.config == ["a.b": 1])
        #expect(arguments.compactPrompt == "c")
        #expect(throws: ToolCallError(message: "Failed to parse configuration for Codex tool: missing field `prompt`")) {
            try CodexToolArguments(["model": "m"])
        }
        #expect(throws: ToolCallError(message: "Failed to parse configuration for Codex tool: config: invalid type: sequence, expected a map")) {
            try CodexToolArguments(["prompt": "p", "config": [1]])
        }
    }

    @Test func replyTakesThreadIdThenConversationIdThenSessionId() throws {
        #expect(try ReplyToolArguments(["prompt": "p", "threadId": "t", "conversationId": "c"]).threadID == "t")
        #expect(try ReplyToolArguments(["prompt": "p", "conversationId": "c", "sessionId": "s"]).threadID == "c")
        #expect(try ReplyToolArguments(["prompt": "p", "sessionId": "s"]).threadID == "s")
    }

    private static let answers: [(JSONValue, ReviewDecision)] = [
        (["decision": "approved"], .approved), (["decision": "approved_for_session"], .approvedForSession),
        (["decision": "denied"], .denied), (["decision": "abort"], .abort), (["decision": "sure"], .denied),
        (["action": "accept"], .approved), (["action": "accept", "content": [:]], .approved),
        (["action": "accept", "content": ["decision": "approved_for_session"]], .approvedForSession),
        (["action": "accept", "content": ["decision": "whatever"]], .denied), (["action": "decline"], .denied),
        (["action": "cancel"], .abort), ([:], .denied), ("approved", .denied),
    ]

    @Test func answersMapToDecisions() {
        for (answer, expected) in Self.answers {
            #expect(ApprovalElicitation.decision(from: .success(answer)) == expected, "\(answer.serialized())")
        }
    }

    @Test func failedOrWithdrawnQuestionsAreDenials() {
        #expect(ApprovalElicitation.decision(from: .failure(.connectionClosed)) == .denied)
        #expect(ApprovalElicitation.decision(from: .failure(.answeredWithError(code: -1, message: "no"))) == .denied)
    }
}
