// Server -> client approval requests and their results.

extension AppServerV2 {
    /// The network access a prompt is about.
    @PublicMemberwiseInit
    public struct NetworkApprovalContext: AppServerType {
        public var host: String
        public var `protocol`: NetworkApprovalProtocol
    }

    /// A host rule the user may persist.
    @PublicMemberwiseInit
    public struct NetworkPolicyAmendment: AppServerType {
        public var host: String
        public var action: NetworkPolicyRuleAction
    }

    /// Params of `item/commandExecution/requestApproval`.
    @PublicMemberwiseInit
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
        @DefaultWhenAbsent public var kind: CommandExecutionApprovalKind = .command
    }

    /// Result of `item/commandExecution/requestApproval`.
    @PublicMemberwiseInit
    public struct CommandExecutionRequestApprovalResponse: AppServerType {
        public var decision: CommandExecutionApprovalDecision
    }

    /// Params of `item/fileChange/requestApproval`.
    @PublicMemberwiseInit
    public struct FileChangeRequestApprovalParams: AppServerType {
        public var threadId: String
        public var turnId: String
        public var itemId: String
        public var startedAtMs: Int64
        public var reason: String?
        public var grantRoot: String?
    }

    /// The client answer to a file change approval.
    public enum FileChangeApprovalDecision: String, AppServerType, WireStringEnum {
        case accept
        case acceptForSession
        case decline
        case cancel
    }

    /// Result of `item/fileChange/requestApproval`.
    @PublicMemberwiseInit
    public struct FileChangeRequestApprovalResponse: AppServerType {
        public var decision: FileChangeApprovalDecision
    }
}
