// Method name -> wire types, for client requests, server notifications and server requests.

/// One method of the app-server protocol and the types of its params and result.
public struct AppServerMethod {
    public let method: String
    /// Nil when the method takes no params (e.g. `configRequirements/read`).
    public let params: (any AppServerType.Type)?
    /// Nil for notifications.
    public let result: (any AppServerType.Type)?

    public init(_ method: String, params: (any AppServerType.Type)?, result: (any AppServerType.Type)? = nil) {
        self.method = method
        self.params = params
        self.result = result
    }
}

/// The methods this port implements, with their typed params and results.
public enum AppServerRegistry {
    /// Requests a client sends to the server.
    public static var clientRequests: [AppServerMethod] {
        [
            AppServerMethod("initialize", params: InitializeParams.self, result: InitializeResponse.self),
            AppServerMethod("thread/start", params: ThreadStartParams.self, result: ThreadStartResponse.self),
            AppServerMethod("thread/resume", params: ThreadResumeParams.self, result: ThreadResumeResponse.self),
            AppServerMethod("thread/fork", params: ThreadForkParams.self, result: ThreadForkResponse.self),
            AppServerMethod("thread/list", params: ThreadListParams.self, result: ThreadListResponse.self),
            AppServerMethod("thread/read", params: ThreadReadParams.self, result: ThreadReadResponse.self),
            AppServerMethod("thread/archive", params: ThreadArchiveParams.self, result: ThreadArchiveResponse.self),
            AppServerMethod("thread/unarchive", params: ThreadUnarchiveParams.self, result: ThreadUnarchiveResponse.self),
            AppServerMethod("thread/name/set", params: ThreadSetNameParams.self, result: ThreadSetNameResponse.self),
            AppServerMethod(
                "thread/loaded/list", params: ThreadLoadedListParams.self, result: ThreadLoadedListResponse.self),
            AppServerMethod(
                "thread/unsubscribe", params: ThreadUnsubscribeParams.self, result: ThreadUnsubscribeResponse.self),
            AppServerMethod("turn/start", params: TurnStartParams.self, result: TurnStartResponse.self),
            AppServerMethod("turn/steer", params: TurnSteerParams.self, result: TurnSteerResponse.self),
            AppServerMethod("turn/interrupt", params: TurnInterruptParams.self, result: TurnInterruptResponse.self),
            AppServerMethod("model/list", params: ModelListParams.self, result: ModelListResponse.self),
            AppServerMethod("config/read", params: ConfigReadParams.self, result: ConfigReadResponse.self),
            AppServerMethod("config/value/write", params: ConfigValueWriteParams.self, result: ConfigWriteResponse.self),
            AppServerMethod("config/batchWrite", params: ConfigBatchWriteParams.self, result: ConfigWriteResponse.self),
            AppServerMethod("configRequirements/read", params: nil, result: ConfigRequirementsReadResponse.self),
            AppServerMethod("account/read", params: GetAccountParams.self, result: GetAccountResponse.self),
            AppServerMethod("command/exec", params: CommandExecParams.self, result: CommandExecResponse.self),
            AppServerMethod("fuzzyFileSearch", params: FuzzyFileSearchParams.self, result: FuzzyFileSearchResponse.self),
        ]
    }

    /// Notifications a client sends (no params).
    public static var clientNotifications: [String] { ["initialized"] }

    /// Notifications the server sends.
    public static var serverNotifications: [AppServerMethod] {
        [
            AppServerMethod("error", params: ErrorNotification.self),
            AppServerMethod("thread/started", params: ThreadStartedNotification.self),
            AppServerMethod("thread/status/changed", params: ThreadStatusChangedNotification.self),
            AppServerMethod("thread/archived", params: ThreadArchivedNotification.self),
            AppServerMethod("thread/unarchived", params: ThreadUnarchivedNotification.self),
            AppServerMethod("thread/name/updated", params: ThreadNameUpdatedNotification.self),
            AppServerMethod("thread/tokenUsage/updated", params: ThreadTokenUsageUpdatedNotification.self),
            AppServerMethod("turn/started", params: TurnStartedNotification.self),
            AppServerMethod("turn/completed", params: TurnCompletedNotification.self),
            AppServerMethod("turn/diff/updated", params: TurnDiffUpdatedNotification.self),
            AppServerMethod("turn/plan/updated", params: TurnPlanUpdatedNotification.self),
            AppServerMethod("item/started", params: ItemStartedNotification.self),
            AppServerMethod("item/completed", params: ItemCompletedNotification.self),
            AppServerMethod("item/agentMessage/delta", params: AgentMessageDeltaNotification.self),
            AppServerMethod("item/reasoning/summaryTextDelta", params: ReasoningSummaryTextDeltaNotification.self),
            AppServerMethod("item/reasoning/summaryPartAdded", params: ReasoningSummaryPartAddedNotification.self),
            AppServerMethod("item/reasoning/textDelta", params: ReasoningTextDeltaNotification.self),
            AppServerMethod("item/commandExecution/outputDelta", params: CommandExecutionOutputDeltaNotification.self),
            AppServerMethod("serverRequest/resolved", params: ServerRequestResolvedNotification.self),
            AppServerMethod("configWarning", params: ConfigWarningNotification.self),
        ]
    }

    /// Requests the server sends to the client (approvals).
    public static var serverRequests: [AppServerMethod] {
        [
            AppServerMethod(
                "item/commandExecution/requestApproval", params: CommandExecutionRequestApprovalParams.self,
                result: CommandExecutionRequestApprovalResponse.self),
            AppServerMethod(
                "item/fileChange/requestApproval", params: FileChangeRequestApprovalParams.self,
                result: FileChangeRequestApprovalResponse.self),
        ]
    }

    /// The client request entry for a method name.
    public static func clientRequest(_ method: String) -> AppServerMethod? {
        clientRequests.first { $0.method == method }
    }

    /// The server notification entry for a method name.
    public static func serverNotification(_ method: String) -> AppServerMethod? {
        serverNotifications.first { $0.method == method }
    }

    /// The server request entry for a method name.
    public static func serverRequest(_ method: String) -> AppServerMethod? {
        serverRequests.first { $0.method == method }
    }
}
