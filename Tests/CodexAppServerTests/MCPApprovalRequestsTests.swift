@testable import CodexAppServer
import CodexCore
import CodexProtocol
import Testing

/// How the client's answers to MCP approvals and elicitations read (spec mcp-client §6.2–§6.4), including the
/// answers the end-to-end tests do not send.
@Suite struct MCPApprovalRequestsTests {
    static let prompt = ExternalToolApprovalPrompt(
        target: ExternalToolTarget(server: "fake", tool: "t", title: "T"), arguments: nil, offersRemembering: false)

    @Test func elicitationAnswers() {
        let read = { (reply: Result<JSONValue, JSONRPCErrorObject>) in
            MCPApprovalRequests.toolCallAnswer(elicitationReply: reply)
        }
        #expect(read(.success(["action": "accept", "content": [:]])).decision == .approved)
        #expect(read(.success(["action": "accept", "_meta": ["persist": "always"]])) == .init(decision: .approvedForSession, rememberAlways: true))
        #expect(read(.success(["action": "cancel"])).decision == .abort)
        // An error reply or an unreadable answer declines.
        #expect(read(.failure(.internalError("gone"))).decision == .denied)
        #expect(read(.success(["action": "maybe"])).decision == .denied)
    }

    @Test func userInputAnswers() {
        let read = { (reply: Result<JSONValue, JSONRPCErrorObject>) in
            MCPApprovalRequests.toolCallAnswer(userInputReply: reply, callID: "c").decision
        }
        #expect(read(.success(["answers": ["mcp_tool_call_approval_c": ["answers": ["Allow"]]]])) == .approved)
        #expect(read(.success(["answers": ["other_question": ["answers": ["Allow"]]]])) == .abort)
        #expect(read(.success(["answers": [:]])) == .abort)
        #expect(read(.failure(.internalError("gone"))) == .abort)
    }

    @Test func aPromptModeToolOffersNoRemembering() {
        let params = MCPApprovalRequests.elicitationParams(threadID: "th", turnID: "tu", prompt: Self.prompt)
        #expect(params._meta == ["codex_approval_kind": "mcp_tool_call", "tool_title": "T"])
        let question = MCPApprovalRequests.userInputParams(threadID: "th", turnID: "tu", callID: "c", prompt: Self.prompt)
        #expect(question.questions.first?.options?.map(\.label) == ["Allow", "Cancel"])
    }

    @Test func serverElicitationsForwardFormAndURLModes() {
        let url = MCPApprovalRequests.serverElicitationParams(
            threadID: "th", turnID: nil, server: "s",
            params: ["mode": "url", "message": "Sign in", "url": "https://example.test/a", "elicitationId": "e1"])
        #expect(url?.mode == .url && url?.url == "https://example.test/a" && url?.elicitationId == "e1")
        #expect(url?.requestedSchema == nil)
        #expect(MCPApprovalRequests.serverElicitationParams(threadID: "th", turnID: nil, server: "s", params: [:]) == nil)
        #expect(MCPApprovalRequests.elicitResult(.success(["action": "decline", "content": ["x": 1]])) == ["action": "decline"])
        #expect(MCPApprovalRequests.elicitResult(.failure(.internalError("gone"))) == ["action": "decline"])
    }
}
