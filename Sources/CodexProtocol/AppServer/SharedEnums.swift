// Small string enums shared by many app-server messages.

extension AppServerV2 {
    /// Thread-level sandbox shorthand (`sandbox` in thread/start).
    public enum SandboxMode: String, AppServerType, WireStringEnum {
        case readOnly = "read-only"
        case workspaceWrite = "workspace-write"
        case dangerFullAccess = "danger-full-access"
    }

    /// Network setting of an external sandbox.
    public enum NetworkAccess: String, AppServerType, WireStringEnum {
        case restricted
        case enabled
    }

    /// How hard the model reasons; an open set of strings on the wire.
    @PublicMemberwiseInit
    public struct ReasoningEffort: AppServerType, OpenStringEnum {
        public var rawValue: String
        public static let none = Self(rawValue: "none")
        public static let minimal = Self(rawValue: "minimal")
        public static let low = Self(rawValue: "low")
        public static let medium = Self(rawValue: "medium")
        public static let high = Self(rawValue: "high")
        public static let xhigh = Self(rawValue: "xhigh")
    }

    /// How reasoning summaries are produced.
    public enum ReasoningSummary: String, AppServerType, WireStringEnum {
        case auto
        case concise
        case detailed
        case none
    }

    /// Tone preset for the agent.
    public enum Personality: String, AppServerType, WireStringEnum {
        case none
        case friendly
        case pragmatic
    }

    /// Who reviews approval requests.
    public enum ApprovalsReviewer: String, AppServerType, WireStringEnum {
        case user
        case autoReview = "auto_review"
        case guardianSubagent = "guardian_subagent"
    }

    /// Why an active thread is waiting.
    public enum ThreadActiveFlag: String, AppServerType, WireStringEnum {
        case waitingOnApproval
        case waitingOnUserInput
    }

    /// Lifecycle state of a turn.
    public enum TurnStatus: String, AppServerType, WireStringEnum {
        case completed
        case interrupted
        case failed
        case inProgress
    }

    /// How complete `Turn.items` is.
    public enum TurnItemsView: String, AppServerType, WireStringEnum {
        case notLoaded
        case summary
        case full
    }

    /// How a thread stores its history.
    public enum ThreadHistoryMode: String, AppServerType, WireStringEnum {
        case legacy
        case paginated
    }

    /// State of one plan step.
    public enum TurnPlanStepStatus: String, AppServerType, WireStringEnum {
        case pending
        case inProgress
        case completed
    }

    /// How config/value/write merges a value.
    public enum MergeStrategy: String, AppServerType, WireStringEnum {
        case replace
        case upsert
    }

    /// Outcome of a config write.
    public enum WriteStatus: String, AppServerType, WireStringEnum {
        case ok
        case okOverridden
    }

    /// Sort key of thread/list.
    public enum ThreadSortKey: String, AppServerType, WireStringEnum {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case recencyAt = "recency_at"
        case sectionPosition = "section_position"
    }

    /// Sort direction of thread/list.
    public enum SortDirection: String, AppServerType, WireStringEnum {
        case asc
        case desc
    }

    /// Source filter values of thread/list.
    public enum ThreadSourceKind: String, AppServerType, WireStringEnum {
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
    }

    /// Outcome of thread/unsubscribe.
    public enum ThreadUnsubscribeStatus: String, AppServerType, WireStringEnum {
        case notLoaded
        case notSubscribed
        case unsubscribed
    }

    /// Input kinds a model accepts.
    public enum InputModality: String, AppServerType, WireStringEnum {
        case text
        case image
        case audio
    }

    /// ChatGPT plan of the signed-in account; an open set on the wire.
    @PublicMemberwiseInit
    public struct PlanType: AppServerType, OpenStringEnum {
        public var rawValue: String
        public static let free = Self(rawValue: "free")
        public static let go = Self(rawValue: "go")
        public static let plus = Self(rawValue: "plus")
        public static let pro = Self(rawValue: "pro")
        public static let team = Self(rawValue: "team")
        public static let business = Self(rawValue: "business")
        public static let enterprise = Self(rawValue: "enterprise")
        public static let edu = Self(rawValue: "edu")
        public static let unknown = Self(rawValue: "unknown")
    }

    /// Whether a fuzzy match is a file or a directory.
    public enum FuzzyFileSearchMatchType: String, AppServerType, WireStringEnum {
        case file
        case directory
    }

    /// Protocol of a network access prompt.
    public enum NetworkApprovalProtocol: String, AppServerType, WireStringEnum {
        case http
        case https
        case socks5Tcp
        case socks5Udp
    }

    /// Allow or deny a host.
    public enum NetworkPolicyRuleAction: String, AppServerType, WireStringEnum {
        case allow
        case deny
    }

    /// What a command approval is about.
    public enum CommandExecutionApprovalKind: String, AppServerType, WireStringEnum, WireDefaultValue {
        case command
        case writeStdin

        public static var wireDefault: Self { .command }
    }

    /// Image detail level.
    public enum ImageDetail: String, AppServerType, WireStringEnum {
        case auto
        case low
        case high
        case original
    }
}
