// The client's answer to a command approval request.

extension AppServerV2 {
    /// Decision for `item/commandExecution/requestApproval`: a string or a single-key amendment object.
    public enum CommandExecutionApprovalDecision: AppServerType, ExternallyTaggedWireUnion {
        case accept
        case acceptForSession
        /// Run and persist an execpolicy prefix rule (argv prefix).
        case acceptWithExecpolicyAmendment([String])
        /// Persist a network host rule (allow runs the command, deny declines it).
        case applyNetworkPolicyAmendment(NetworkPolicyAmendment)
        case decline
        case cancel

        public enum CodingKeys: CodingKey, CaseIterable {
            case accept, acceptForSession, acceptWithExecpolicyAmendment, applyNetworkPolicyAmendment, decline, cancel
        }
        enum AcceptWithExecpolicyAmendmentCodingKeys: String, CodingKey { case _0 = "execpolicy_amendment" }
        enum ApplyNetworkPolicyAmendmentCodingKeys: String, CodingKey { case _0 = "network_policy_amendment" }
    }
}
