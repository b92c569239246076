// Small string enums shared by many app-server messages.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Thread-level sandbox shorthand (`sandbox` in thread/start).
    public enum SandboxMode: String, AppServerType, CaseIterable {
        case readOnly = "read-only"
        case workspaceWrite = "workspace-write"
        case dangerFullAccess = "danger-full-access"

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Network setting of an external sandbox.
    public enum NetworkAccess: String, AppServerType, CaseIterable {
        case restricted
        case enabled

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// How hard the model reasons; an open set of strings on the wire.
    public struct ReasoningEffort: AppServerType, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let none = Self(rawValue: "none")
        public static let minimal = Self(rawValue: "minimal")
        public static let low = Self(rawValue: "low")
        public static let medium = Self(rawValue: "medium")
        public static let high = Self(rawValue: "high")
        public static let xhigh = Self(rawValue: "xhigh")

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        /// Open set: any string is accepted; known values are `none`, `minimal`, `low`, `medium`, `high`, `xhigh`.
        public static var schema: SchemaNode { .string }
    }

    /// How reasoning summaries are produced.
    public enum ReasoningSummary: String, AppServerType, CaseIterable {
        case auto
        case concise
        case detailed
        case none

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Tone preset for the agent.
    public enum Personality: String, AppServerType, CaseIterable {
        case none
        case friendly
        case pragmatic

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Who reviews approval requests.
    public enum ApprovalsReviewer: String, AppServerType, CaseIterable {
        case user
        case autoReview = "auto_review"
        case guardianSubagent = "guardian_subagent"

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Why an active thread is waiting.
    public enum ThreadActiveFlag: String, AppServerType, CaseIterable {
        case waitingOnApproval
        case waitingOnUserInput

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Lifecycle state of a turn.
    public enum TurnStatus: String, AppServerType, CaseIterable {
        case completed
        case interrupted
        case failed
        case inProgress

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// How complete `Turn.items` is.
    public enum TurnItemsView: String, AppServerType, CaseIterable {
        case notLoaded
        case summary
        case full

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// How a thread stores its history.
    public enum ThreadHistoryMode: String, AppServerType, CaseIterable {
        case legacy
        case paginated

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Lifecycle state of a command execution item.
    public enum CommandExecutionStatus: String, AppServerType, CaseIterable {
        case inProgress
        case completed
        case failed
        case declined

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// What started a command execution.
    public enum CommandExecutionSource: String, AppServerType, CaseIterable {
        case agent
        case userShell
        case unifiedExecStartup
        case unifiedExecInteraction

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Lifecycle state of a file change item.
    public enum PatchApplyStatus: String, AppServerType, CaseIterable {
        case inProgress
        case completed
        case failed
        case declined

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// State of one plan step.
    public enum TurnPlanStepStatus: String, AppServerType, CaseIterable {
        case pending
        case inProgress
        case completed

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// How config/value/write merges a value.
    public enum MergeStrategy: String, AppServerType, CaseIterable {
        case replace
        case upsert

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Outcome of a config write.
    public enum WriteStatus: String, AppServerType, CaseIterable {
        case ok
        case okOverridden

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Sort key of thread/list.
    public enum ThreadSortKey: String, AppServerType, CaseIterable {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case recencyAt = "recency_at"
        case sectionPosition = "section_position"

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Sort direction of thread/list.
    public enum SortDirection: String, AppServerType, CaseIterable {
        case asc
        case desc

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Source filter values of thread/list.
    public enum ThreadSourceKind: String, AppServerType, CaseIterable {
        case cli
        case vscode
        case exec
        case appServer
        case subAgent
        case subAgentReview
        case subAgentCompact
        case subAgentThreadSpawn
        case subAgentOther
        case unknown

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Outcome of thread/unsubscribe.
    public enum ThreadUnsubscribeStatus: String, AppServerType, CaseIterable {
        case notLoaded
        case notSubscribed
        case unsubscribed

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Input kinds a model accepts.
    public enum InputModality: String, AppServerType, CaseIterable {
        case text
        case image
        case audio

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// ChatGPT plan of the signed-in account; an open set on the wire.
    public struct PlanType: AppServerType, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let free = Self(rawValue: "free")
        public static let go = Self(rawValue: "go")
        public static let plus = Self(rawValue: "plus")
        public static let pro = Self(rawValue: "pro")
        public static let team = Self(rawValue: "team")
        public static let business = Self(rawValue: "business")
        public static let enterprise = Self(rawValue: "enterprise")
        public static let edu = Self(rawValue: "edu")
        public static let unknown = Self(rawValue: "unknown")

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        /// Open set: any string is accepted; known values are `free`, `go`, `plus`, `pro`, `team`, `business`, `enterprise`, `edu`, `unknown`.
        public static var schema: SchemaNode { .string }
    }

    /// Whether a fuzzy match is a file or a directory.
    public enum FuzzyFileSearchMatchType: String, AppServerType, CaseIterable {
        case file
        case directory

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Protocol of a network access prompt.
    public enum NetworkApprovalProtocol: String, AppServerType, CaseIterable {
        case http
        case https
        case socks5Tcp
        case socks5Udp

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Allow or deny a host.
    public enum NetworkPolicyRuleAction: String, AppServerType, CaseIterable {
        case allow
        case deny

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// What a command approval is about.
    public enum CommandExecutionApprovalKind: String, AppServerType, CaseIterable {
        case command
        case writeStdin

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }

    /// Image detail level.
    public enum ImageDetail: String, AppServerType, CaseIterable {
        case auto
        case low
        case high
        case original

        public static var schema: SchemaNode { .stringEnum(allCases.map(\.rawValue)) }
    }
}
