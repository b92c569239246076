import CodexCore
import CodexProtocol
import Testing

/// `x-codex-*` response headers read as the reference reads them.
@Suite struct RateLimitSnapshotTests {
    @Test func windowsCreditsAndNameComeFromTheCodexHeaders() {
        let snapshot = RateLimitSnapshot(headers: [
            ("X-Codex-Primary-Used-Percent", "12.5"), ("x-codex-primary-window-minutes", "300"),
            ("x-codex-primary-reset-at", "1796500000"), ("x-codex-secondary-used-percent", "40"),
            ("x-codex-credits-has-credits", "TRUE"), ("x-codex-credits-unlimited", "0"), ("x-codex-credits-balance", " 9.5 "),
            ("x-codex-limit-name", "Codex"),
        ])
        #expect(snapshot.limitID == "codex")
        #expect(snapshot.limitName == "Codex")
        #expect(snapshot.primary == RateLimitSnapshot.Window(usedPercent: 12.5, windowMinutes: 300, resetsAt: 1_796_500_000))
        #expect(snapshot.secondary == RateLimitSnapshot.Window(usedPercent: 40))
        #expect(snapshot.credits == RateLimitSnapshot.Credits(hasCredits: true, unlimited: false, balance: "9.5"))
    }

    @Test func emptyZeroAndUnparsableValuesLeaveTheLimitEmpty() {
        #expect(RateLimitSnapshot(headers: []) == RateLimitSnapshot())
        let snapshot = RateLimitSnapshot(headers: [
            ("x-codex-primary-used-percent", "0"), ("x-codex-primary-window-minutes", "0"),
            ("x-codex-secondary-used-percent", "lots"), ("x-codex-credits-has-credits", "true"),
            ("x-codex-credits-unlimited", "maybe"), ("x-codex-limit-name", "  "),
        ])
        #expect(snapshot == RateLimitSnapshot())
    }

    @Test func theRolloutRecordHasTheReferenceFields() {
        let snapshot = RateLimitSnapshot(primary: RateLimitSnapshot.Window(usedPercent: 12.5, windowMinutes: 300))
        #expect(snapshot.rolloutJSON == [
            "limit_id": "codex", "limit_name": nil,
            "primary": ["used_percent": 12.5, "window_minutes": 300, "resets_at": nil],
            "secondary": nil, "credits": nil, "individual_limit": nil, "spend_control_reached": nil, "plan_type": nil,
            "rate_limit_reached_type": nil,
        ])
    }
}
