// Server -> client approval requests and their results.

extension AppServerV2 {
    /// The network access a prompt is about.
    public struct NetworkApprovalContext: AppServerType {
        public var host: String
        public var `protocol`: NetworkApprovalProtocol

        public init(host: String, `protocol`: NetworkApprovalProtocol) {
            self.host = host
            self.protocol = `protocol`
        }
    }

    /// A host rule the user may persist.
    public struct NetworkPolicyAmendment: AppServerType {
        public var host: String
        public var action: NetworkPolicyRuleAction

        public init(host: String, action: NetworkPolicyRuleAction) {
            self.host = host
            self.action = action
        }
    }

    /// Params of `item/commandExecution/requestApproval`.
    public struct CommandExecutionRequestApprovalParams: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var startedAtMs: Int64
        public var approvalId: String?
        public var reason: String?
        public var command: String?
        public var cwd: String?
        public var commandActions: [CommandAction]?
        public var networkApprovalContext: NetworkApprovalContext?
        public var proposedExecpolicyAmendment: [String]?
        public var proposedNetworkPolicyAmendments: [NetworkPolicyAmendment]?
        @OmitWhenNil public var availableDecisions: [CommandExecutionApprovalDecision]?
        public var environmentId: String?
        @DefaultWhenAbsent public var kind: CommandExecutionApprovalKind

        public init(
            threadId: String, turnId: String, itemId: String, startedAtMs: Int64, approvalId: String? = nil,
            reason: String? = nil, command: String? = nil, cwd: String? = nil, commandActions: [CommandAction]? = nil,
            networkApprovalContext: NetworkApprovalContext? = nil, proposedExecpolicyAmendment: [String]? = nil,
            proposedNetworkPolicyAmendments: [NetworkPolicyAmendment]? = nil,
            availableDecisions: [CommandExecutionApprovalDecision]? = nil, environmentId: String? = nil,
            kind: CommandExecutionApprovalKind = .command
        ) {
            self.threadId = threadId
            self.turnId = turnId
            self.itemId = itemId
            self.startedAtMs = startedAtMs
            self.approvalId = approvalId
            self.reason = reason
            self.command = command
            self.cwd = cwd
            self.commandActions = commandActions
            self.networkApprovalContext = networkApprovalContext
            self.proposedExecpolicyAmendment = proposedExecpolicyAmendment
            self.proposedNetworkPolicyAmendments = proposedNetworkPolicyAmendments
            self.availableDecisions = availableDecisions
            self.environmentId = environmentId
            self.kind = kind
        }
    }

    /// Result of `item/commandExecution/requestApproval`.
    public struct CommandExecutionRequestApprovalResponse: AppServerType {
        public var decision: CommandExecutionApprovalDecision

        public init(decision: CommandExecutionApprovalDecision) {
            self.decision = decision
        }
    }

    /// Params of `item/fileChange/requestApproval`.
    public struct FileChangeRequestApprovalParams: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var startedAtMs: Int64
        public var reason: String?
        public var grantRoot: String?

        public init(
            threadId: String, turnId: String, itemId: String, startedAtMs: Int64, reason: String? = nil,
            grantRoot: String? = nil
        ) {
            self.threadId = threadId
            self.turnId = turnId
            self.itemId = itemId
            self.startedAtMs = startedAtMs
            self.reason = reason
            self.grantRoot = grantRoot
        }
    }

    /// The client answer to a file change approval.
    public enum FileChangeApprovalDecision: String, AppServerType, WireStringEnum {
        case accept
        case acceptForSession
        case decline
        case cancel
    }

    /// Result of `item/fileChange/requestApproval`.
    public struct FileChangeRequestApprovalResponse: AppServerType {
        public var decision: FileChangeApprovalDecision

        public init(decision: FileChangeApprovalDecision) {
            self.decision = decision
        }
    }
}
