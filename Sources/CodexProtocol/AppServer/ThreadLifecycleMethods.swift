// Params and results of thread/start, thread/resume and thread/fork.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Params of `thread/start`.
    public struct ThreadStartParams: AppServerType {
        public var model: String?
        public var modelProvider: String?
        public var cwd: String?
        public var approvalPolicy: AskForApproval?
        public var approvalsReviewer: ApprovalsReviewer?
        public var sandbox: SandboxMode?
        public var config: JSONValue?
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
            sandbox: SandboxMode? = nil, config: JSONValue? = nil, baseInstructions: String? = nil,
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

        private enum CodingKeys: String, CodingKey {
            case model
            case modelProvider
            case cwd
            case approvalPolicy
            case approvalsReviewer
            case sandbox
            case config
            case baseInstructions
            case developerInstructions
            case personality
            case ephemeral
            case serviceName
            case serviceTier
            case threadSource
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            modelProvider = try c.decodeIfPresent(String.self, forKey: .modelProvider)
            cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
            approvalPolicy = try c.decodeIfPresent(AskForApproval.self, forKey: .approvalPolicy)
            approvalsReviewer = try c.decodeIfPresent(ApprovalsReviewer.self, forKey: .approvalsReviewer)
            sandbox = try c.decodeIfPresent(SandboxMode.self, forKey: .sandbox)
            config = try c.decodeIfPresent(JSONValue.self, forKey: .config)
            baseInstructions = try c.decodeIfPresent(String.self, forKey: .baseInstructions)
            developerInstructions = try c.decodeIfPresent(String.self, forKey: .developerInstructions)
            personality = try c.decodeIfPresent(Personality.self, forKey: .personality)
            ephemeral = try c.decodeIfPresent(Bool.self, forKey: .ephemeral)
            serviceName = try c.decodeIfPresent(String.self, forKey: .serviceName)
            serviceTier = try c.decodeIfPresent(String.self, forKey: .serviceTier)
            threadSource = try c.decodeIfPresent(String.self, forKey: .threadSource)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(model, forKey: .model)
            try c.encode(modelProvider, forKey: .modelProvider)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(approvalPolicy, forKey: .approvalPolicy)
            try c.encode(approvalsReviewer, forKey: .approvalsReviewer)
            try c.encode(sandbox, forKey: .sandbox)
            try c.encode(config, forKey: .config)
            try c.encode(baseInstructions, forKey: .baseInstructions)
            try c.encode(developerInstructions, forKey: .developerInstructions)
            try c.encode(personality, forKey: .personality)
            try c.encode(ephemeral, forKey: .ephemeral)
            try c.encode(serviceName, forKey: .serviceName)
            try c.encode(serviceTier, forKey: .serviceTier)
            try c.encode(threadSource, forKey: .threadSource)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("model", .nullable(.string)),
                SchemaProperty("modelProvider", .nullable(.string)),
                SchemaProperty("cwd", .nullable(.string)),
                SchemaProperty("approvalPolicy", .nullable(.ref("AskForApproval"))),
                SchemaProperty("approvalsReviewer", .nullable(.ref("ApprovalsReviewer"))),
                SchemaProperty("sandbox", .nullable(.ref("SandboxMode"))),
                SchemaProperty("config", .nullable(.map(.any))),
                SchemaProperty("baseInstructions", .nullable(.string)),
                SchemaProperty("developerInstructions", .nullable(.string)),
                SchemaProperty("personality", .nullable(.ref("Personality"))),
                SchemaProperty("ephemeral", .nullable(.boolean)),
                SchemaProperty("serviceName", .nullable(.string)),
                SchemaProperty("serviceTier", .nullable(.string)),
                SchemaProperty("threadSource", .nullable(.string)),
            ])
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
        public var instructionSources: [String]

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

        private enum CodingKeys: String, CodingKey {
            case thread
            case model
            case modelProvider
            case cwd
            case approvalPolicy
            case approvalsReviewer
            case sandbox
            case reasoningEffort
            case serviceTier
            case instructionSources
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            thread = try c.decode(Thread.self, forKey: .thread)
            model = try c.decode(String.self, forKey: .model)
            modelProvider = try c.decode(String.self, forKey: .modelProvider)
            cwd = try c.decode(String.self, forKey: .cwd)
            approvalPolicy = try c.decode(AskForApproval.self, forKey: .approvalPolicy)
            approvalsReviewer = try c.decode(ApprovalsReviewer.self, forKey: .approvalsReviewer)
            sandbox = try c.decode(SandboxPolicy.self, forKey: .sandbox)
            reasoningEffort = try c.decodeIfPresent(ReasoningEffort.self, forKey: .reasoningEffort)
            serviceTier = try c.decodeIfPresent(String.self, forKey: .serviceTier)
            instructionSources = try c.decodeIfPresent([String].self, forKey: .instructionSources) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(thread, forKey: .thread)
            try c.encode(model, forKey: .model)
            try c.encode(modelProvider, forKey: .modelProvider)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(approvalPolicy, forKey: .approvalPolicy)
            try c.encode(approvalsReviewer, forKey: .approvalsReviewer)
            try c.encode(sandbox, forKey: .sandbox)
            try c.encode(reasoningEffort, forKey: .reasoningEffort)
            try c.encode(serviceTier, forKey: .serviceTier)
            try c.encode(instructionSources, forKey: .instructionSources)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("thread", .ref("Thread"), required: true),
                SchemaProperty("model", .string, required: true),
                SchemaProperty("modelProvider", .string, required: true),
                SchemaProperty("cwd", .string, required: true),
                SchemaProperty("approvalPolicy", .ref("AskForApproval"), required: true),
                SchemaProperty("approvalsReviewer", .ref("ApprovalsReviewer"), required: true),
                SchemaProperty("sandbox", .ref("SandboxPolicy"), required: true),
                SchemaProperty("reasoningEffort", .nullable(.ref("ReasoningEffort"))),
                SchemaProperty("serviceTier", .nullable(.string)),
                SchemaProperty("instructionSources", .array(.string)),
            ])
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
        public var config: JSONValue?
        public var baseInstructions: String?
        public var developerInstructions: String?
        public var personality: Personality?
        public var serviceTier: String?
        public var excludeTurns: Bool?

        public init(
            threadId: String, model: String? = nil, modelProvider: String? = nil, cwd: String? = nil,
            approvalPolicy: AskForApproval? = nil, approvalsReviewer: ApprovalsReviewer? = nil,
            sandbox: SandboxMode? = nil, config: JSONValue? = nil, baseInstructions: String? = nil,
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case model
            case modelProvider
            case cwd
            case approvalPolicy
            case approvalsReviewer
            case sandbox
            case config
            case baseInstructions
            case developerInstructions
            case personality
            case serviceTier
            case excludeTurns
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            modelProvider = try c.decodeIfPresent(String.self, forKey: .modelProvider)
            cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
            approvalPolicy = try c.decodeIfPresent(AskForApproval.self, forKey: .approvalPolicy)
            approvalsReviewer = try c.decodeIfPresent(ApprovalsReviewer.self, forKey: .approvalsReviewer)
            sandbox = try c.decodeIfPresent(SandboxMode.self, forKey: .sandbox)
            config = try c.decodeIfPresent(JSONValue.self, forKey: .config)
            baseInstructions = try c.decodeIfPresent(String.self, forKey: .baseInstructions)
            developerInstructions = try c.decodeIfPresent(String.self, forKey: .developerInstructions)
            personality = try c.decodeIfPresent(Personality.self, forKey: .personality)
            serviceTier = try c.decodeIfPresent(String.self, forKey: .serviceTier)
            excludeTurns = try c.decodeIfPresent(Bool.self, forKey: .excludeTurns)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(model, forKey: .model)
            try c.encode(modelProvider, forKey: .modelProvider)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(approvalPolicy, forKey: .approvalPolicy)
            try c.encode(approvalsReviewer, forKey: .approvalsReviewer)
            try c.encode(sandbox, forKey: .sandbox)
            try c.encode(config, forKey: .config)
            try c.encode(baseInstructions, forKey: .baseInstructions)
            try c.encode(developerInstructions, forKey: .developerInstructions)
            try c.encode(personality, forKey: .personality)
            try c.encode(serviceTier, forKey: .serviceTier)
            try c.encodeIfPresent(excludeTurns, forKey: .excludeTurns)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("model", .nullable(.string)),
                SchemaProperty("modelProvider", .nullable(.string)),
                SchemaProperty("cwd", .nullable(.string)),
                SchemaProperty("approvalPolicy", .nullable(.ref("AskForApproval"))),
                SchemaProperty("approvalsReviewer", .nullable(.ref("ApprovalsReviewer"))),
                SchemaProperty("sandbox", .nullable(.ref("SandboxMode"))),
                SchemaProperty("config", .nullable(.map(.any))),
                SchemaProperty("baseInstructions", .nullable(.string)),
                SchemaProperty("developerInstructions", .nullable(.string)),
                SchemaProperty("personality", .nullable(.ref("Personality"))),
                SchemaProperty("serviceTier", .nullable(.string)),
                SchemaProperty("excludeTurns", .boolean),
            ])
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
        public var config: JSONValue?
        public var baseInstructions: String?
        public var developerInstructions: String?
        public var ephemeral: Bool?
        public var serviceTier: String?
        public var lastTurnId: String?
        public var threadSource: String?
        public var excludeTurns: Bool?

        public init(
            threadId: String, model: String? = nil, modelProvider: String? = nil, cwd: String? = nil,
            approvalPolicy: AskForApproval? = nil, approvalsReviewer: ApprovalsReviewer? = nil,
            sandbox: SandboxMode? = nil, config: JSONValue? = nil, baseInstructions: String? = nil,
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

        private enum CodingKeys: String, CodingKey {
            case threadId
            case model
            case modelProvider
            case cwd
            case approvalPolicy
            case approvalsReviewer
            case sandbox
            case config
            case baseInstructions
            case developerInstructions
            case ephemeral
            case serviceTier
            case lastTurnId
            case threadSource
            case excludeTurns
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            modelProvider = try c.decodeIfPresent(String.self, forKey: .modelProvider)
            cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
            approvalPolicy = try c.decodeIfPresent(AskForApproval.self, forKey: .approvalPolicy)
            approvalsReviewer = try c.decodeIfPresent(ApprovalsReviewer.self, forKey: .approvalsReviewer)
            sandbox = try c.decodeIfPresent(SandboxMode.self, forKey: .sandbox)
            config = try c.decodeIfPresent(JSONValue.self, forKey: .config)
            baseInstructions = try c.decodeIfPresent(String.self, forKey: .baseInstructions)
            developerInstructions = try c.decodeIfPresent(String.self, forKey: .developerInstructions)
            ephemeral = try c.decodeIfPresent(Bool.self, forKey: .ephemeral)
            serviceTier = try c.decodeIfPresent(String.self, forKey: .serviceTier)
            lastTurnId = try c.decodeIfPresent(String.self, forKey: .lastTurnId)
            threadSource = try c.decodeIfPresent(String.self, forKey: .threadSource)
            excludeTurns = try c.decodeIfPresent(Bool.self, forKey: .excludeTurns)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(model, forKey: .model)
            try c.encode(modelProvider, forKey: .modelProvider)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(approvalPolicy, forKey: .approvalPolicy)
            try c.encode(approvalsReviewer, forKey: .approvalsReviewer)
            try c.encode(sandbox, forKey: .sandbox)
            try c.encode(config, forKey: .config)
            try c.encode(baseInstructions, forKey: .baseInstructions)
            try c.encode(developerInstructions, forKey: .developerInstructions)
            try c.encodeIfPresent(ephemeral, forKey: .ephemeral)
            try c.encode(serviceTier, forKey: .serviceTier)
            try c.encode(lastTurnId, forKey: .lastTurnId)
            try c.encode(threadSource, forKey: .threadSource)
            try c.encodeIfPresent(excludeTurns, forKey: .excludeTurns)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("model", .nullable(.string)),
                SchemaProperty("modelProvider", .nullable(.string)),
                SchemaProperty("cwd", .nullable(.string)),
                SchemaProperty("approvalPolicy", .nullable(.ref("AskForApproval"))),
                SchemaProperty("approvalsReviewer", .nullable(.ref("ApprovalsReviewer"))),
                SchemaProperty("sandbox", .nullable(.ref("SandboxMode"))),
                SchemaProperty("config", .nullable(.map(.any))),
                SchemaProperty("baseInstructions", .nullable(.string)),
                SchemaProperty("developerInstructions", .nullable(.string)),
                SchemaProperty("ephemeral", .boolean),
                SchemaProperty("serviceTier", .nullable(.string)),
                SchemaProperty("lastTurnId", .nullable(.string)),
                SchemaProperty("threadSource", .nullable(.string)),
                SchemaProperty("excludeTurns", .boolean),
            ])
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
