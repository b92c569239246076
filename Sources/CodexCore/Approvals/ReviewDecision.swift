/// The user's answer to an exec or patch approval request, in core terms (front ends map their
/// own spellings onto it).
///
/// Core JSON: `"approved"`, `"approved_for_session"`,
/// `{"approved_execpolicy_amendment":{"proposed_execpolicy_amendment":[...]}}`, `"denied"`
/// (0.163.0 also sends `{"denied":{"rejection":"..."}}`, accepted when decoding), `"abort"`, `"timed_out"`.
public enum ReviewDecision: Sendable, Hashable {
    /// Run once.
    case approved
    /// Run, and do not ask again for the same command (or files) in this thread.
    case approvedForSession
    /// Approved, and the argv prefix should be persisted as an allow rule.
    case approvedExecpolicyAmendment([String])
    /// Do not run; the model is told and the turn goes on.
    case denied
    /// Do not run, and end the turn as interrupted.
    case abort
    /// An automatic reviewer did not decide in time; treated like `denied`.
    case timedOut

    /// Whether the command or patch may go ahead.
    public var isApproval: Bool {
        switch self {
        case .approved, .approvedForSession, .approvedExecpolicyAmendment: true
        case .denied, .abort, .timedOut: false
        }
    }
}

/// A decode failure naming the unexpected decision spelling.
public struct UnknownApprovalDecision: Error, Sendable, Hashable, CustomStringConvertible {
    public let value: String
    public var description: String { "unknown approval decision `\(value)`" }
}

/// A coding key spelled at run time, for single-key tagged objects.
struct DecisionKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension ReviewDecision: Codable {
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            switch text {
            case "approved": self = .approved
            case "approved_for_session": self = .approvedForSession
            case "denied": self = .denied
            case "abort": self = .abort
            case "timed_out": self = .timedOut
            default: throw UnknownApprovalDecision(value: text)
            }
            return
        }
        let container = try decoder.container(keyedBy: DecisionKey.self)
        let amendmentKey = DecisionKey("approved_execpolicy_amendment")
        if container.contains(amendmentKey) {
            let inner = try container.nestedContainer(keyedBy: DecisionKey.self, forKey: amendmentKey)
            self = .approvedExecpolicyAmendment(
                try inner.decode([String].self, forKey: DecisionKey("proposed_execpolicy_amendment"))
            )
        } else if container.contains(DecisionKey("denied")) {
            self = .denied
        } else {
            throw UnknownApprovalDecision(value: container.allKeys.map(\.stringValue).joined(separator: ","))
        }
    }

    /// The plain-string spelling; nil for the object-shaped amendment decision.
    private var coreSpelling: String? {
        switch self {
        case .approved: "approved"
        case .approvedForSession: "approved_for_session"
        case .approvedExecpolicyAmendment: nil
        case .denied: "denied"
        case .abort: "abort"
        case .timedOut: "timed_out"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .approvedExecpolicyAmendment(let prefix) = self {
            var container = encoder.container(keyedBy: DecisionKey.self)
            var inner = container.nestedContainer(keyedBy: DecisionKey.self, forKey: DecisionKey("approved_execpolicy_amendment"))
            try inner.encode(prefix, forKey: DecisionKey("proposed_execpolicy_amendment"))
        } else if let spelling = coreSpelling {
            var container = encoder.singleValueContainer()
            try container.encode(spelling)
        }
    }
}
