import CodexBasics
public import CodexProtocol

/// The account's usage against its limits, as the provider reports it in the `x-codex-*` response
/// headers: the reference records one with every token count (rollout `rate_limits`) and the
/// app-server announces it (`account/rateLimits/updated`). A response without those headers still
/// yields a snapshot of the `codex` limit with nothing in it, as the reference's does.
public struct RateLimitSnapshot: Sendable, Hashable {
    /// One window: the percentage used, its length and when it resets (unix seconds).
    public struct Window: Sendable, Hashable {
        public var usedPercent: Double
        public var windowMinutes: Int64?
        public var resetsAt: Int64?

        public init(usedPercent: Double, windowMinutes: Int64? = nil, resetsAt: Int64? = nil) {
            self.usedPercent = usedPercent
            self.windowMinutes = windowMinutes
            self.resetsAt = resetsAt
        }
    }

    /// The account's credits.
    public struct Credits: Sendable, Hashable {
        public var hasCredits: Bool
        public var unlimited: Bool
        public var balance: String?

        public init(hasCredits: Bool, unlimited: Bool, balance: String? = nil) {
            self.hasCredits = hasCredits
            self.unlimited = unlimited
            self.balance = balance
        }
    }

    public var limitID: String
    public var limitName: String?
    public var primary: Window?
    public var secondary: Window?
    public var credits: Credits?

    public init(
        limitID: String = "codex", limitName: String? = nil, primary: Window? = nil, secondary: Window? = nil,
        credits: Credits? = nil
    ) {
        self.limitID = limitID
        self.limitName = limitName
        self.primary = primary
        self.secondary = secondary
        self.credits = credits
    }

    /// The `codex` limit from response headers (names compared case-insensitively): windows from
    /// `x-codex-{primary,secondary}-{used-percent,window-minutes,reset-at}` (a window with nothing
    /// but a zero percentage counts as absent), credits from `x-codex-credits-*`, the display name from
    /// `x-codex-limit-name`. Values that do not parse are ignored, as the reference ignores them.
    public init(headers: [(name: String, value: String)]) {
        var values: [String: String] = [:]
        for header in headers { values[header.name.lowercased()] = header.value }
        func window(_ kind: String) -> Window? {
            guard let text = values["x-codex-\(kind)-used-percent"], let used = Double(text), used.isFinite else { return nil }
            let minutes = values["x-codex-\(kind)-window-minutes"].flatMap { Int64($0) }
            let resets = values["x-codex-\(kind)-reset-at"].flatMap { Int64($0) }
            guard used != 0 || (minutes ?? 0) != 0 || resets != nil else { return nil }
            return Window(usedPercent: used, windowMinutes: minutes, resetsAt: resets)
        }
        func flag(_ name: String) -> Bool? {
            switch values[name]?.lowercased() {
            case "true", "1": true
            case "false", "0": false
            default: nil
            }
        }
        var credits: Credits?
        if let has = flag("x-codex-credits-has-credits"), let unlimited = flag("x-codex-credits-unlimited") {
            let balance = values["x-codex-credits-balance"]?.trimmingWhitespace()
            credits = Credits(hasCredits: has, unlimited: unlimited, balance: balance?.isEmpty == false ? balance : nil)
        }
        let name = values["x-codex-limit-name"]?.trimmingWhitespace()
        self.init(
            limitName: name?.isEmpty == false ? name : nil, primary: window("primary"), secondary: window("secondary"),
            credits: credits)
    }

    /// The rollout's `rate_limits` object (the reference's field names; absent parts are null).
    public var rolloutJSON: JSONValue {
        func window(_ window: Window?) -> JSONValue {
            guard let window else { return .null }
            return [
                "used_percent": .double(window.usedPercent), "window_minutes": window.windowMinutes.map { .int($0) } ?? .null,
                "resets_at": window.resetsAt.map { .int($0) } ?? .null,
            ]
        }
        var object = JSONObject()
        object["limit_id"] = .string(limitID)
        object["limit_name"] = limitName.map { .string($0) } ?? .null
        object["primary"] = window(primary)
        object["secondary"] = window(secondary)
        if let credits {
            object["credits"] = [
                "has_credits": .bool(credits.hasCredits), "unlimited": .bool(credits.unlimited),
                "balance": credits.balance.map { .string($0) } ?? .null,
            ]
        } else {
            object["credits"] = .null
        }
        for key in ["individual_limit", "spend_control_reached", "plan_type", "rate_limit_reached_type"] { object[key] = .null }
        return .object(object)
    }
}
