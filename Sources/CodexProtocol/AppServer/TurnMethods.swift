// Params and results of the turn/* requests.

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
        @OmitWhenNil public var outputSchema: JSONValue?
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
    }

    /// Result of `turn/start`.
    public struct TurnStartResponse: AppServerType {
        public var turn: Turn

        public init(turn: Turn) {
            self.turn = turn
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
    }

    /// Result of `turn/steer`.
    public struct TurnSteerResponse: AppServerType {
        public var turnId: String

        public init(turnId: String) {
            self.turnId = turnId
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
    }

    /// Result of `turn/interrupt` (empty).
    public struct TurnInterruptResponse: AppServerType {

        public init() {}

        private enum CodingKeys: CodingKey {}
    }
}
