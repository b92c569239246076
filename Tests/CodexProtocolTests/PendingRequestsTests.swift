import CodexProtocol
import Testing

/// Requests awaiting answers: answers that come before or after the wait, withdrawal, and a closed connection.
@Suite struct PendingRequestsTests {
    @Test func idsCountFromZeroAndAnAnswerMayComeBeforeTheWait() async throws {
        let pending = PendingRequests()
        let first = try #require(pending.open())
        let second = try #require(pending.open())
        #expect((first, second) == (0, 1))
        #expect(pending.resolve(second, with: .success(["decision": "approved"])))
        #expect(await pending.wait(for: second) == .success(["decision": "approved"]))
        #expect(!pending.resolve(second, with: .success(nil)), "an answered request is gone")
        #expect(!pending.resolve(7, with: .success(nil)), "no such request")
    }

    @Test func aWaiterGetsTheAnswerOrTheWithdrawal() async throws {
        let pending = PendingRequests()
        let id = try #require(pending.open())
        async let answer = pending.wait(for: id)
        // Resolution works whether the waiter is attached yet or not.
        #expect(pending.resolve(id, with: .failure(.withdrawn)))
        #expect(await answer == .failure(.withdrawn))
    }

    @Test func closingFailsEveryRequestAndRefusesNewOnes() async throws {
        let pending = PendingRequests()
        let id = try #require(pending.open())
        pending.closeAll()
        #expect(await pending.wait(for: id) == .failure(.connectionClosed))
        #expect(pending.open() == nil)
    }
}
