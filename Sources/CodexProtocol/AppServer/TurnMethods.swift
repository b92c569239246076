// Params and results of the turn/* requests.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Params of `turn/start`; overrides persist for later turns.
    public struct TurnStartParams: AppServerType {
        public var threadId: String
        public var input: [UserInput]
        public var cwd: String?
        public var approvalPolicy: AskForApproval?
        public var approvalsReviewer: ApprovalsReviewer?
        public var sandboxPolicy: SandboxPolicy?
        public var model: String?
        public var effort: ReasoningEffort?
        public var summary: ReasoningSummary?
        public var personality: Personality?
        public var outputSchema: JSONValue?
        public var serviceTier: String?
        public var clientUserMessageId: String?

        public init(
            threadId: String, input: [UserInput], cwd: String? = nil, approvalPolicy: AskForApproval? = nil,
            approvalsReviewer: ApprovalsReviewer? = nil, sandboxPolicy: SandboxPolicy? = nil, model: String? = nil,
            effort: ReasoningEffort? = nil, summary: ReasoningSummary? = nil, personality: Personality? = nil,
            outputSchema: JSONValue? = nil, serviceTier: String? = nil, clientUserMessageId: String? = nil
        ) {
            self.threadId = threadId
            self.input = input
            self.cwd = cwd
            self.approvalPolicy = approvalPolicy
            self.approvalsReviewer = approvalsReviewer
            self.sandboxPolicy = sandboxPolicy
            self.model = model
            self.effort = effort
            self.summary = summary
            self.personality = personality
            self.outputSchema = outputSchema
            self.serviceTier = serviceTier
            self.clientUserMessageId = clientUserMessageId
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case input
            case cwd
            case approvalPolicy
            case approvalsReviewer
            case sandboxPolicy
            case model
            case effort
            case summary
            case personality
            case outputSchema
            case serviceTier
            case clientUserMessageId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            input = try c.decode([UserInput].self, forKey: .input)
            cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
            approvalPolicy = try c.decodeIfPresent(AskForApproval.self, forKey: .approvalPolicy)
            approvalsReviewer = try c.decodeIfPresent(ApprovalsReviewer.self, forKey: .approvalsReviewer)
            sandboxPolicy = try c.decodeIfPresent(SandboxPolicy.self, forKey: .sandboxPolicy)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            effort = try c.decodeIfPresent(ReasoningEffort.self, forKey: .effort)
            summary = try c.decodeIfPresent(ReasoningSummary.self, forKey: .summary)
            personality = try c.decodeIfPresent(Personality.self, forKey: .personality)
            outputSchema = try c.decodeIfPresent(JSONValue.self, forKey: .outputSchema)
            serviceTier = try c.decodeIfPresent(String.self, forKey: .serviceTier)
            clientUserMessageId = try c.decodeIfPresent(String.self, forKey: .clientUserMessageId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(input, forKey: .input)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(approvalPolicy, forKey: .approvalPolicy)
            try c.encode(approvalsReviewer, forKey: .approvalsReviewer)
            try c.encode(sandboxPolicy, forKey: .sandboxPolicy)
            try c.encode(model, forKey: .model)
            try c.encode(effort, forKey: .effort)
            try c.encode(summary, forKey: .summary)
            try c.encode(personality, forKey: .personality)
            try c.encodeIfPresent(outputSchema, forKey: .outputSchema)
            try c.encode(serviceTier, forKey: .serviceTier)
            try c.encode(clientUserMessageId, forKey: .clientUserMessageId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("input", .array(.ref("UserInput")), required: true),
                SchemaProperty("cwd", .nullable(.string)),
                SchemaProperty("approvalPolicy", .nullable(.ref("AskForApproval"))),
                SchemaProperty("approvalsReviewer", .nullable(.ref("ApprovalsReviewer"))),
                SchemaProperty("sandboxPolicy", .nullable(.ref("SandboxPolicy"))),
                SchemaProperty("model", .nullable(.string)),
                SchemaProperty("effort", .nullable(.ref("ReasoningEffort"))),
                SchemaProperty("summary", .nullable(.ref("ReasoningSummary"))),
                SchemaProperty("personality", .nullable(.ref("Personality"))),
                SchemaProperty("outputSchema", .any),
                SchemaProperty("serviceTier", .nullable(.string)),
                SchemaProperty("clientUserMessageId", .nullable(.string)),
            ])
        }
    }

    /// Result of `turn/start`.
    public struct TurnStartResponse: AppServerType {
        public var turn: Turn

        public init(turn: Turn) {
            self.turn = turn
        }

        private enum CodingKeys: String, CodingKey {
            case turn
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            turn = try c.decode(Turn.self, forKey: .turn)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(turn, forKey: .turn)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("turn", .ref("Turn"), required: true)
            ])
        }
    }

    /// Params of `turn/steer`.
    public struct TurnSteerParams: AppServerType {
        public var threadId: String
        public var input: [UserInput]
        public var expectedTurnId: String
        public var clientUserMessageId: String?

        public init(threadId: String, input: [UserInput], expectedTurnId: String, clientUserMessageId: String? = nil) {
            self.threadId = threadId
            self.input = input
            self.expectedTurnId = expectedTurnId
            self.clientUserMessageId = clientUserMessageId
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case input
            case expectedTurnId
            case clientUserMessageId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            input = try c.decode([UserInput].self, forKey: .input)
            expectedTurnId = try c.decode(String.self, forKey: .expectedTurnId)
            clientUserMessageId = try c.decodeIfPresent(String.self, forKey: .clientUserMessageId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(input, forKey: .input)
            try c.encode(expectedTurnId, forKey: .expectedTurnId)
            try c.encode(clientUserMessageId, forKey: .clientUserMessageId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("input", .array(.ref("UserInput")), required: true),
                SchemaProperty("expectedTurnId", .string, required: true),
                SchemaProperty("clientUserMessageId", .nullable(.string)),
            ])
        }
    }

    /// Result of `turn/steer`.
    public struct TurnSteerResponse: AppServerType {
        public var turnId: String

        public init(turnId: String) {
            self.turnId = turnId
        }

        private enum CodingKeys: String, CodingKey {
            case turnId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            turnId = try c.decode(String.self, forKey: .turnId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(turnId, forKey: .turnId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("turnId", .string, required: true)
            ])
        }
    }

    /// Params of `turn/interrupt`.
    public struct TurnInterruptParams: AppServerType {
        public var threadId: String
        public var turnId: String

        public init(threadId: String, turnId: String) {
            self.threadId = threadId
            self.turnId = turnId
        }

        private enum CodingKeys: String, CodingKey {
            case threadId
            case turnId
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            threadId = try c.decode(String.self, forKey: .threadId)
            turnId = try c.decode(String.self, forKey: .turnId)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threadId, forKey: .threadId)
            try c.encode(turnId, forKey: .turnId)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("threadId", .string, required: true),
                SchemaProperty("turnId", .string, required: true),
            ])
        }
    }

    /// Result of `turn/interrupt` (empty).
    public struct TurnInterruptResponse: AppServerType {

        public init() {}

        private enum CodingKeys: CodingKey {}

        public init(from decoder: any Decoder) throws {
            _ = try decoder.container(keyedBy: CodingKeys.self)
        }

        public func encode(to encoder: any Encoder) throws {
            _ = encoder.container(keyedBy: CodingKeys.self)
        }

        public static var schema: SchemaNode {
            .object([])
        }
    }
}
