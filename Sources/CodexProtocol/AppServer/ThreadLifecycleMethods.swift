// Params and results of thread/start, thread/resume and thread/fork.

extension AppServerV2 {
    /// Params of `thread/start`.
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

        public init(
            model: String? = nil, modelProvider: String? = nil, cwd: String? = nil,
            approvalPolicy: AskForApproval? = nil, approvalsReviewer: ApprovalsReviewer? = nil,
            sandbox: SandboxMode? = nil, config: JSONObject? = nil, baseInstructions: String? = nil,
            developerInstructions: String? = nil, personality: Personality? = nil, ephemeral: Bool? = nil,
            serviceName: String? = nil, serviceTier: String? = nil, threadSource: String? = nil
        ) {
            self.model = model
            self.modelProvider = modelProvider
            self.cwd = cwd
            self.approvalPolicy = approvalPolicy
            self.approvalsReviewer = approvalsReviewer
            self.sandbox = sandbox
            self.config = config
            self.baseInstructions = baseInstructions
            self.developerInstructions = developerInstructions
            self.personality = personality
            self.ephemeral = ephemeral
            self.serviceName = serviceName
            self.serviceTier = serviceTier
            self.threadSource = threadSource
        }
    }

    /// Result of `thread/start`, `thread/resume` and `thread/fork`: the same shape under three
    /// schema names (`Method` only names it).
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
        @DefaultWhenAbsent public var instructionSources: [String]

        public init(
            thread: Thread, model: String, modelProvider: String, cwd: String, approvalPolicy: AskForApproval,
            approvalsReviewer: ApprovalsReviewer, sandbox: SandboxPolicy, reasoningEffort: ReasoningEffort? = nil,
            serviceTier: String? = nil, instructionSources: [String] = []
        ) {
            self.thread = thread
            self.model = model
            self.modelProvider = modelProvider
            self.cwd = cwd
            self.approvalPolicy = approvalPolicy
            self.approvalsReviewer = approvalsReviewer
            self.sandbox = sandbox
            self.reasoningEffort = reasoningEffort
            self.serviceTier = serviceTier
            self.instructionSources = instructionSources
        }
    }

    /// Result of `thread/start`.
    public typealias ThreadStartResponse = ThreadSessionResponse<ThreadStartMethod>

    /// Params of `thread/resume`.
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

        public init(
            threadId: String, model: String? = nil, modelProvider: String? = nil, cwd: String? = nil,
            approvalPolicy: AskForApproval? = nil, approvalsReviewer: ApprovalsReviewer? = nil,
            sandbox: SandboxMode? = nil, config: JSONObject? = nil, baseInstructions: String? = nil,
            developerInstructions: String? = nil, personality: Personality? = nil, serviceTier: String? = nil,
            excludeTurns: Bool? = nil
        ) {
            self.threadId = threadId
            self.model = model
            self.modelProvider = modelProvider
            self.cwd = cwd
            self.approvalPolicy = approvalPolicy
            self.approvalsReviewer = approvalsReviewer
            self.sandbox = sandbox
            self.config = config
            self.baseInstructions = baseInstructions
            self.developerInstructions = developerInstructions
            self.personality = personality
            self.serviceTier = serviceTier
            self.excludeTurns = excludeTurns
        }
    }

    /// Result of `thread/resume`.
    public typealias ThreadResumeResponse = ThreadSessionResponse<ThreadResumeMethod>

    /// Params of `thread/fork`.
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

        public init(
            threadId: String, model: String? = nil, modelProvider: String? = nil, cwd: String? = nil,
            approvalPolicy: AskForApproval? = nil, approvalsReviewer: ApprovalsReviewer? = nil,
            sandbox: SandboxMode? = nil, config: JSONObject? = nil, baseInstructions: String? = nil,
            developerInstructions: String? = nil, ephemeral: Bool? = nil, serviceTier: String? = nil,
            lastTurnId: String? = nil, threadSource: String? = nil, excludeTurns: Bool? = nil
        ) {
            self.threadId = threadId
            self.model = model
            self.modelProvider = modelProvider
            self.cwd = cwd
            self.approvalPolicy = approvalPolicy
            self.approvalsReviewer = approvalsReviewer
            self.sandbox = sandbox
            self.config = config
            self.baseInstructions = baseInstructions
            self.developerInstructions = developerInstructions
            self.ephemeral = ephemeral
            self.serviceTier = serviceTier
            self.lastTurnId = lastTurnId
            self.threadSource = threadSource
            self.excludeTurns = excludeTurns
        }
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
