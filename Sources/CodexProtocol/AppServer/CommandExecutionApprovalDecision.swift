// The client's answer to a command approval request.

extension AppServerV2 {
    /// Decision for `item/commandExecution/requestApproval`: a string or a single-key amendment object.
    public enum CommandExecutionApprovalDecision: AppServerType {
        case accept
        case acceptForSession
        /// Run and persist an execpolicy prefix rule (argv prefix).
        case acceptWithExecpolicyAmendment([String])
        /// Persist a network host rule (allow runs the command, deny declines it).
        case applyNetworkPolicyAmendment(NetworkPolicyAmendment)
        case decline
        case cancel

        private enum ObjectKey: String, CodingKey { case acceptWithExecpolicyAmendment, applyNetworkPolicyAmendment }
        private enum ExecpolicyKey: String, CodingKey { case amendment = "execpolicy_amendment" }
        private enum NetworkKey: String, CodingKey { case amendment = "network_policy_amendment" }

        public init(from decoder: any Decoder) throws {
            if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
                switch text {
                case "accept": self = .accept
                case "acceptForSession": self = .acceptForSession
                case "decline": self = .decline
                case "cancel": self = .cancel
                default:
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "unknown decision `\(text)`")
                }
                return
            }
            let object = try decoder.container(keyedBy: ObjectKey.self)
            if object.contains(.acceptWithExecpolicyAmendment) {
                let inner = try object.nestedContainer(
                    keyedBy: ExecpolicyKey.self, forKey: .acceptWithExecpolicyAmendment)
                self = .acceptWithExecpolicyAmendment(try inner.decode([String].self, forKey: .amendment))
            } else {
                let inner = try object.nestedContainer(keyedBy: NetworkKey.self, forKey: .applyNetworkPolicyAmendment)
                self = .applyNetworkPolicyAmendment(try inner.decode(NetworkPolicyAmendment.self, forKey: .amendment))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .accept: try encodeString("accept", to: encoder)
            case .acceptForSession: try encodeString("acceptForSession", to: encoder)
            case .decline: try encodeString("decline", to: encoder)
            case .cancel: try encodeString("cancel", to: encoder)
            case .acceptWithExecpolicyAmendment(let prefix):
                var object = encoder.container(keyedBy: ObjectKey.self)
                var inner = object.nestedContainer(keyedBy: ExecpolicyKey.self, forKey: .acceptWithExecpolicyAmendment)
                try inner.encode(prefix, forKey: .amendment)
            case .applyNetworkPolicyAmendment(let amendment):
                var object = encoder.container(keyedBy: ObjectKey.self)
                var inner = object.nestedContainer(keyedBy: NetworkKey.self, forKey: .applyNetworkPolicyAmendment)
                try inner.encode(amendment, forKey: .amendment)
            }
        }

        private func encodeString(_ text: String, to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }

        public static var schema: SchemaNode {
            .oneOf([
                .stringEnum(["accept", "acceptForSession", "decline", "cancel"]),
                .object([
                    SchemaProperty(
                        "acceptWithExecpolicyAmendment",
                        .object([SchemaProperty("execpolicy_amendment", .array(.string), required: true)]),
                        required: true)
                ]),
                .object([
                    SchemaProperty(
                        "applyNetworkPolicyAmendment",
                        .object([
                            SchemaProperty("network_policy_amendment", .ref("NetworkPolicyAmendment"), required: true)
                        ]),
                        required: true)
                ]),
            ])
        }
    }
}
