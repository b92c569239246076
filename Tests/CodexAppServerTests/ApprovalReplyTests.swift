import CodexAppServer
import CodexCore
import CodexProtocol
import Foundation
import Testing

@Suite struct ApprovalReplyTests {
    @Test func decisionsMapToTheCore() {
        let cases: [(JSONValue, ReviewDecision)] = [
            (["decision": "accept"], .approved),
            (["decision": "acceptForSession"], .approvedForSession),
            (["decision": "decline"], .denied),
            (["decision": "cancel"], .abort),
            (
                ["decision": ["acceptWithExecpolicyAmendment": ["execpolicy_amendment": ["git", "status"]]]],
                .approvedExecpolicyAmendment(["git", "status"])
            ),
            // An amendment with no readable prefix runs the command once.
            (["decision": ["acceptWithExecpolicyAmendment": ["execpolicy_amendment": []]]], .approved),
            (
                ["decision": ["applyNetworkPolicyAmendment": ["network_policy_amendment": ["host": "h", "action": "allow"]]]],
                .approved
            ),
            (
                ["decision": ["applyNetworkPolicyAmendment": ["network_policy_amendment": ["host": "h", "action": "deny"]]]],
                .denied
            ),
            (["decision": "maybe"], .denied),
            ([:], .denied),
            ("accept", .denied),
        ]
        for (result, expected) in cases {
            #expect(ReviewDecision(approvalReply: .success(result)) == expected, "\(result.serialized())")
        }
    }

    @Test func errorsAndDisconnectsAreRefusals() {
        #expect(ReviewDecision(approvalReply: .failure(.internalError("closed"))) == .denied)
        #expect(ReviewDecision(approvalReply: .failure(.invalidRequest("nope"))) == .denied)
    }

    /// Wire types through the wire encoder (as the server sends them), with sorted keys for comparison.
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(try JSONValue(encoding: value)), as: UTF8.self)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONParser.parse(text).decode(type)
    }

    /// The v2 spellings (moved here from the core, which no longer has an app-server decision type):
    /// each reads back as the wire type and, as a client's reply, as the core decision.
    @Test(arguments: [
        (AppServerV2.CommandExecutionApprovalDecision.accept, #""accept""#, ReviewDecision.approved),
        (.acceptForSession, #""acceptForSession""#, .approvedForSession),
        (.acceptWithExecpolicyAmendment(["git", "status"]), #"{"acceptWithExecpolicyAmendment":{"execpolicy_amendment":["git","status"]}}"#,
            .approvedExecpolicyAmendment(["git", "status"])),
        (.decline, #""decline""#, .denied),
        (.cancel, #""cancel""#, .abort),
    ])
    func appServerSpellings(
        _ decision: AppServerV2.CommandExecutionApprovalDecision, _ text: String, _ core: ReviewDecision
    ) throws {
        #expect(try json(decision) == text)
        #expect(try decode(AppServerV2.CommandExecutionApprovalDecision.self, text) == decision)
        let reply: JSONValue = ["decision": try JSONParser.parse(text)]
        #expect(ReviewDecision(approvalReply: .success(reply)) == core)
    }

    @Test(arguments: [#""approve""#, #""Accept""#, #"{"other":{}}"#, "42"])
    func unknownSpellingsAreErrors(_ text: String) {
        #expect(throws: (any Error).self) { try decode(AppServerV2.CommandExecutionApprovalDecision.self, text) }
    }
}
