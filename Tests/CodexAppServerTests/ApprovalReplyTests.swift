import CodexAppServer
import CodexCore
import CodexProtocol
import Testing

@Suite struct ApprovalReplyTests {
    @Test func decisionsMapToTheCore() {
        let cases: [(JSONValue, ApprovalDecision)] = [
            (["decision": "accept"], .approved),
            (["decision": "acceptForSession"], .approvedForSession),
            (["decision": "decline"], .denied),
            (["decision": "cancel"], .abort),
            (["decision": ["acceptWithExecpolicyAmendment": ["execpolicy_amendment": ["git", "status"]]]], .approved),
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
            #expect(ApprovalDecision(approvalReply: .success(result)) == expected, "\(result.serialized())")
        }
    }

    @Test func errorsAndDisconnectsAreRefusals() {
        #expect(ApprovalDecision(approvalReply: .failure(.internalError("closed"))) == .denied)
        #expect(ApprovalDecision(approvalReply: .failure(.invalidRequest("nope"))) == .denied)
    }
}
