import CodexConfig
import CodexCore
import Foundation
import Testing

@Suite("Review decisions: core spellings")
struct ApprovalReviewDecisionTests {
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test(arguments: [
        (ReviewDecision.approved, #""approved""#),
        (.approvedForSession, #""approved_for_session""#),
        (.approvedExecpolicyAmendment(["git", "status"]), #"{"approved_execpolicy_amendment":{"proposed_execpolicy_amendment":["git","status"]}}"#),
        (.denied, #""denied""#),
        (.abort, #""abort""#),
        (.timedOut, #""timed_out""#),
    ])
    func coreSpellings(_ decision: ReviewDecision, _ text: String) throws {
        #expect(try json(decision) == text)
        #expect(try decode(ReviewDecision.self, text) == decision)
    }

    @Test func coreAcceptsTheObjectFormOfDenied() throws {
        #expect(try decode(ReviewDecision.self, #"{"denied":{"rejection":"no"}}"#) == .denied)
    }

    @Test(arguments: [#""approve""#, #""Accept""#, #"{"other":{}}"#, "42"])
    func unknownSpellingsAreErrors(_ text: String) {
        #expect(throws: (any Error).self) { try decode(ReviewDecision.self, text) }
    }

    @Test func approvalsAndRefusals() {
        #expect(ReviewDecision.approved.isApproval)
        #expect(ReviewDecision.approvedForSession.isApproval)
        #expect(ReviewDecision.approvedExecpolicyAmendment(["x"]).isApproval)
        #expect(!ReviewDecision.denied.isApproval)
        #expect(!ReviewDecision.abort.isApproval)
        #expect(!ReviewDecision.timedOut.isApproval)
    }

    @Test(arguments: [
        (AskForApproval.untrusted, #""untrusted""#, "UnlessTrusted"),
        (.onFailure, #""on-failure""#, "OnFailure"),
        (.onRequest, #""on-request""#, "OnRequest"),
        (.never, #""never""#, "Never"),
    ])
    func policySpellings(_ policy: AskForApproval, _ text: String, _ debugName: String) throws {
        #expect(try json(policy) == text)
        #expect(policy.referenceDebugName == debugName)
    }
}
