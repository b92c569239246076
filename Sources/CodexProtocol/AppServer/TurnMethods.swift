// Params and results of the turn/* requests.

extension AppServerV2 {
    /// Params of `turn/start`; overrides persist for later turns.
    @PublicMemberwiseInit
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
    }

    /// Result of `turn/start`.
    @PublicMemberwiseInit
    public struct TurnStartResponse: AppServerType {
        public var turn: Turn
    }

    /// Params of `turn/steer`.
    @PublicMemberwiseInit
    public struct TurnSteerParams: AppServerType {
        public var threadId: String
        public var input: [UserInput]
        public var expectedTurnId: String
        public var clientUserMessageId: String?
    }

    /// Result of `turn/steer`.
    @PublicMemberwiseInit
    public struct TurnSteerResponse: AppServerType {
        public var turnId: String
    }

    /// Params of `turn/interrupt`.
    @PublicMemberwiseInit
    public struct TurnInterruptParams: AppServerType {
        public var threadId: String
        public var turnId: String
    }

    /// Result of `turn/interrupt` (empty).
    @PublicMemberwiseInit
    public struct TurnInterruptResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
    }

    /// Params of `thread/compact/start`: compact the thread's history now, as a turn of its own.
    @PublicMemberwiseInit
    public struct ThreadCompactStartParams: AppServerType {
        public var threadId: String
    }

    /// Result of `thread/compact/start` (empty; the compaction reports as a turn).
    @PublicMemberwiseInit
    public struct ThreadCompactStartResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
    }
}
