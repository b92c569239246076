// Server -> client approval requests and their results.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// The network access a prompt is about.
    public struct NetworkApprovalContext: AppServerType {
        public var host: String
        public var `protocol`: NetworkApprovalProtocol

        public init(host: String, `protocol`: NetworkApprovalProtocol) {
            self.host = host
            self.protocol = `protocol`
        }

        private enum CodingKeys: String, CodingKey {
            case host
            case `protocol`
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            host = try c.decode(String.self, forKey: .host)
            `protocol` = try c.decode(NetworkApprovalProtocol.self, forKey: .protocol)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(host, forKey: .host)
            try c.encode(`protocol`, forKey: .protocol)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("host", .string, required: true),
                SchemaProperty("protocol", .ref("NetworkApprovalProtocol"), required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case host
            case action
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            host = try c.decode(String.self, forKey: .host)
            action = try c.decode(NetworkPolicyRuleAction.self, forKey: .action)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(host, forKey: .host)
            try c.encode(action, forKey: .action)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("host", .string, required: true),
                SchemaProperty("action", .ref("NetworkPolicyRuleAction"), required: true),
            ])
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
        public var availableDecisions: [CommandExecutionApprovalDecision]?
        public var environmentId: String?
        public var kind: CommandExecutionApprovalKind

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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case itemId
            case startedAtMs
            case approvalId
            case reason
            case command
            case cwd
            case commandActions
            case networkApprovalContext
            case proposedExecpolicyAmendment
            case proposedNetworkPolicyAmendments
            case availableDecisions
            case environmentId
            case kind
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            itemId = try c.decode(String.self, forKey: .itemId)
            startedAtMs = try c.decode(Int64.self, forKey: .startedAtMs)
            approvalId = try c.decodeIfPresent(String.self, forKey: .approvalId)
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
            command = try c.decodeIfPresent(String.self, forKey: .command)
            cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
            commandActions = try c.decodeIfPresent([CommandAction].self, forKey: .commandActions)
            networkApprovalContext = try c.decodeIfPresent(NetworkApprovalContext.self, forKey: .networkApprovalContext)
            proposedExecpolicyAmendment = try c.decodeIfPresent([String].self, forKey: .proposedExecpolicyAmendment)
            proposedNetworkPolicyAmendments = try c.decodeIfPresent(
                [NetworkPolicyAmendment].self, forKey: .proposedNetworkPolicyAmendments)
            availableDecisions = try c.decodeIfPresent(
                [CommandExecutionApprovalDecision].self, forKey: .availableDecisions)
            environmentId = try c.decodeIfPresent(String.self, forKey: .environmentId)
            kind = try c.decodeIfPresent(CommandExecutionApprovalKind.self, forKey: .kind) ?? .command
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(itemId, forKey: .itemId)
            try c.encode(startedAtMs, forKey: .startedAtMs)
            try c.encode(approvalId, forKey: .approvalId)
            try c.encode(reason, forKey: .reason)
            try c.encode(command, forKey: .command)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(commandActions, forKey: .commandActions)
            try c.encode(networkApprovalContext, forKey: .networkApprovalContext)
            try c.encode(proposedExecpolicyAmendment, forKey: .proposedExecpolicyAmendment)
            try c.encode(proposedNetworkPolicyAmendments, forKey: .proposedNetworkPolicyAmendments)
            try c.encodeIfPresent(availableDecisions, forKey: .availableDecisions)
            try c.encode(environmentId, forKey: .environmentId)
            try c.encode(kind, forKey: .kind)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("itemId", .string, required: true),
                SchemaProperty("startedAtMs", .integer, required: true),
                SchemaProperty("approvalId", .nullable(.string)),
                SchemaProperty("reason", .nullable(.string)),
                SchemaProperty("command", .nullable(.string)),
                SchemaProperty("cwd", .nullable(.string)),
                SchemaProperty("commandActions", .nullable(.array(.ref("CommandAction")))),
                SchemaProperty("networkApprovalContext", .nullable(.ref("NetworkApprovalContext"))),
                SchemaProperty("proposedExecpolicyAmendment", .nullable(.array(.string))),
                SchemaProperty("proposedNetworkPolicyAmendments", .nullable(.array(.ref("NetworkPolicyAmendment")))),
                SchemaProperty("availableDecisions", .array(.ref("CommandExecutionApprovalDecision"))),
                SchemaProperty("environmentId", .nullable(.string)),
                SchemaProperty("kind", .ref("CommandExecutionApprovalKind")),
            ])
        }
    }

    /// Result of `item/commandExecution/requestApproval`.
    public struct CommandExecutionRequestApprovalResponse: AppServerType {
        public var decision: CommandExecutionApprovalDecision

        public init(decision: CommandExecutionApprovalDecision) {
            self.decision = decision
        }

        private enum CodingKeys: String, CodingKey {
            case decision
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            decision = try c.decode(CommandExecutionApprovalDecision.self, forKey: .decision)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(decision, forKey: .decision)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("decision", .ref("CommandExecutionApprovalDecision"), required: true)
            ])
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
            case itemId
            case startedAtMs
            case reason
            case grantRoot
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
            itemId = try c.decode(String.self, forKey: .itemId)
            startedAtMs = try c.decode(Int64.self, forKey: .startedAtMs)
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
            grantRoot = try c.decodeIfPresent(String.self, forKey: .grantRoot)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
            try c.encode(itemId, forKey: .itemId)
            try c.encode(startedAtMs, forKey: .startedAtMs)
            try c.encode(reason, forKey: .reason)
            try c.encode(grantRoot, forKey: .grantRoot)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
                SchemaProperty("itemId", .string, required: true),
                SchemaProperty("startedAtMs", .integer, required: true),
                SchemaProperty("reason", .nullable(.string)),
                SchemaProperty("grantRoot", .nullable(.string)),
            ])
        }
    }

    /// The client answer to a file change approval.
    public enum FileChangeApprovalDecision: String, AppServerType, CaseIterable {
        case accept
        case acceptForSession
        case decline
        case cancel

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Result of `item/fileChange/requestApproval`.
    public struct FileChangeRequestApprovalResponse: AppServerType {
        public var decision: FileChangeApprovalDecision

        public init(decision: FileChangeApprovalDecision) {
            self.decision = decision
        }

        private enum CodingKeys: String, CodingKey {
            case decision
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            decision = try c.decode(FileChangeApprovalDecision.self, forKey: .decision)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(decision, forKey: .decision)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("decision", .ref("FileChangeApprovalDecision"), required: true)
            ])
        }
    }
}
