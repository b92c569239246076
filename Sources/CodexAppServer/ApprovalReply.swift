public import CodexCore
public import CodexProtocol

extension ReviewDecision {
    /// Reads the client's answer to an approval request (`{"decision": ...}`, spec §9) as the core's
    /// decision. A client error, a closed connection, or an answer that cannot be read is a refusal.
    public init(approvalReply reply: Result<JSONValue, JSONRPCErrorObject>) {
        guard case .success(let result) = reply, let decision = result["decision"] else {
            self = .denied
            return
        }
        switch decision {
        case .string("accept"): self = .approved
        case .string("acceptForSession"): self = .approvedForSession
        case .string("cancel"): self = .abort
        case .object(let object) where object["acceptWithExecpolicyAmendment"] != nil:
            // Run, and remember the prefix as an exec-policy allow rule; an unreadable prefix runs once.
            let prefix = object["acceptWithExecpolicyAmendment"]?["execpolicy_amendment"]?.arrayValue?.compactMap(\.stringValue)
            if let prefix, !prefix.isEmpty { self = .approvedExecpolicyAmendment(prefix) } else { self = .approved }
        case .object(let object):
            // `applyNetworkPolicyAmendment`: "allow" runs the command, "deny" refuses it.
            let action = object["applyNetworkPolicyAmendment"]?["network_policy_amendment"]?["action"]?.stringValue
            self = action == "allow" ? .approved : .denied
        default: self = .denied
        }
    }
}
