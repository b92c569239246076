// Params and results of thread/start, thread/resume and thread/fork.

extension AppServerV2 {
    /// Params of `thread/start`.
    @PublicMemberwiseInit
    public struct ThreadStartParams: AppServerType {
        public var model: String?
        public var modelProvider: String?
        public var cwd: String?
        public var approvalPolicy: AskForApproval?
        public var approvalsReviewer: ApprovalsReviewer?
        public var sandbox: SandboxMode?
        public var config: JSONObject?
        public var baseInstructions: String?
        public var developerInstructions: String?
        public var personality: Personality?
        public var ephemeral: Bool?
        public var serviceName: String?
        public var serviceTier: String?
        public var threadSource: String?
    }

    /// Result of `thread/start`, `thread/resume` and `thread/fork`: the same shape under three
    /// schema names (`Method` only names it).
    @PublicMemberwiseInit
    public struct ThreadSessionResponse<Method: ThreadSessionMethod>: AppServerType {
        public static var schemaName: String { Method.responseName }

        public var thread: Thread
        public var model: String
        public var modelProvider: String
        public var cwd: String
        public var approvalPolicy: AskForApproval
        public var approvalsReviewer: ApprovalsReviewer
        public var sandbox: SandboxPolicy
        public var reasoningEffort: ReasoningEffort?
        public var serviceTier: String?
        @DefaultWhenAbsent public var instructionSources: [String] = []
    }

    /// Result of `thread/start`.
    public typealias ThreadStartResponse = ThreadSessionResponse<ThreadStartMethod>

    /// Params of `thread/resume`.
    @PublicMemberwiseInit
    public struct ThreadResumeParams: AppServerType {
        public var threadId: String
        public var model: String?
        public var modelProvider: String?
        public var cwd: String?
        public var approvalPolicy: AskForApproval?
        public var approvalsReviewer: ApprovalsReviewer?
        public var sandbox: SandboxMode?
        public var config: JSONObject?
        public var baseInstructions: String?
        public var developerInstructions: String?
        public var personality: Personality?
        public var serviceTier: String?
        @OmitWhenNil public var excludeTurns: Bool?
    }

    /// Result of `thread/resume`.
    public typealias ThreadResumeResponse = ThreadSessionResponse<ThreadResumeMethod>

    /// Params of `thread/fork`.
    @PublicMemberwiseInit
    public struct ThreadForkParams: AppServerType {
        public var threadId: String
        public var model: String?
        public var modelProvider: String?
        public var cwd: String?
        public var approvalPolicy: AskForApproval?
        public var approvalsReviewer: ApprovalsReviewer?
        public var sandbox: SandboxMode?
        public var config: JSONObject?
        public var baseInstructions: String?
        public var developerInstructions: String?
        @OmitWhenNil public var ephemeral: Bool?
        public var serviceTier: String?
        public var lastTurnId: String?
        public var threadSource: String?
        @OmitWhenNil public var excludeTurns: Bool?
    }

    /// Result of `thread/fork`.
    public typealias ThreadForkResponse = ThreadSessionResponse<ThreadForkMethod>
}

/// Which thread method a `ThreadSessionResponse` answers; only its schema name differs.
public protocol ThreadSessionMethod: Sendable {
    static var responseName: String { get }
}

/// `thread/start`.
public enum ThreadStartMethod: ThreadSessionMethod {
    public static let responseName = "ThreadStartResponse"
}

/// `thread/resume`.
public enum ThreadResumeMethod: ThreadSessionMethod {
    public static let responseName = "ThreadResumeResponse"
}

/// `thread/fork`.
public enum ThreadForkMethod: ThreadSessionMethod {
    public static let responseName = "ThreadForkResponse"
}
