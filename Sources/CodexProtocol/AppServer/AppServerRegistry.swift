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
            AppServerMethod(
                "initialize", params: AppServerV2.InitializeParams.self, result: AppServerV2.InitializeResponse.self),
            AppServerMethod(
                "thread/start", params: AppServerV2.ThreadStartParams.self, result: AppServerV2.ThreadStartResponse.self
            ),
            AppServerMethod(
                "thread/resume", params: AppServerV2.ThreadResumeParams.self,
                result: AppServerV2.ThreadResumeResponse.self),
            AppServerMethod(
                "thread/fork", params: AppServerV2.ThreadForkParams.self, result: AppServerV2.ThreadForkResponse.self),
            AppServerMethod(
                "thread/list", params: AppServerV2.ThreadListParams.self, result: AppServerV2.ThreadListResponse.self),
            AppServerMethod(
                "thread/read", params: AppServerV2.ThreadReadParams.self, result: AppServerV2.ThreadReadResponse.self),
            AppServerMethod(
                "thread/archive", params: AppServerV2.ThreadArchiveParams.self,
                result: AppServerV2.ThreadArchiveResponse.self),
            AppServerMethod(
                "thread/unarchive", params: AppServerV2.ThreadUnarchiveParams.self,
                result: AppServerV2.ThreadUnarchiveResponse.self),
            AppServerMethod(
                "thread/name/set", params: AppServerV2.ThreadSetNameParams.self,
                result: AppServerV2.ThreadSetNameResponse.self),
            AppServerMethod(
                "thread/loaded/list", params: AppServerV2.ThreadLoadedListParams.self,
                result: AppServerV2.ThreadLoadedListResponse.self),
            AppServerMethod(
                "thread/unsubscribe", params: AppServerV2.ThreadUnsubscribeParams.self,
                result: AppServerV2.ThreadUnsubscribeResponse.self),
            AppServerMethod(
                "turn/start", params: AppServerV2.TurnStartParams.self, result: AppServerV2.TurnStartResponse.self),
            AppServerMethod(
                "turn/steer", params: AppServerV2.TurnSteerParams.self, result: AppServerV2.TurnSteerResponse.self),
            AppServerMethod(
                "turn/interrupt", params: AppServerV2.TurnInterruptParams.self,
                result: AppServerV2.TurnInterruptResponse.self),
            AppServerMethod(
                "model/list", params: AppServerV2.ModelListParams.self, result: AppServerV2.ModelListResponse.self),
            AppServerMethod(
                "config/read", params: AppServerV2.ConfigReadParams.self, result: AppServerV2.ConfigReadResponse.self),
            AppServerMethod(
                "config/value/write", params: AppServerV2.ConfigValueWriteParams.self,
                result: AppServerV2.ConfigWriteResponse.self),
            AppServerMethod(
                "config/batchWrite", params: AppServerV2.ConfigBatchWriteParams.self,
                result: AppServerV2.ConfigWriteResponse.self),
            AppServerMethod(
                "configRequirements/read", params: nil, result: AppServerV2.ConfigRequirementsReadResponse.self),
            AppServerMethod(
                "account/read", params: AppServerV2.GetAccountParams.self, result: AppServerV2.GetAccountResponse.self),
            AppServerMethod(
                "command/exec", params: AppServerV2.CommandExecParams.self, result: AppServerV2.CommandExecResponse.self
            ),
            AppServerMethod(
                "fuzzyFileSearch", params: AppServerV2.FuzzyFileSearchParams.self,
                result: AppServerV2.FuzzyFileSearchResponse.self),
        ]
    }

    /// Notifications a client sends (no params).
    public static var clientNotifications: [String] { ["initialized"] }

    /// Notifications the server sends.
    public static var serverNotifications: [AppServerMethod] {
        [
            AppServerMethod("error", params: AppServerV2.ErrorNotification.self),
            AppServerMethod("thread/started", params: AppServerV2.ThreadStartedNotification.self),
            AppServerMethod("thread/status/changed", params: AppServerV2.ThreadStatusChangedNotification.self),
            AppServerMethod("thread/archived", params: AppServerV2.ThreadArchivedNotification.self),
            AppServerMethod("thread/unarchived", params: AppServerV2.ThreadUnarchivedNotification.self),
            AppServerMethod("thread/name/updated", params: AppServerV2.ThreadNameUpdatedNotification.self),
            AppServerMethod("thread/tokenUsage/updated", params: AppServerV2.ThreadTokenUsageUpdatedNotification.self),
            AppServerMethod("turn/started", params: AppServerV2.TurnStartedNotification.self),
            AppServerMethod("turn/completed", params: AppServerV2.TurnCompletedNotification.self),
            AppServerMethod("turn/diff/updated", params: AppServerV2.TurnDiffUpdatedNotification.self),
            AppServerMethod("turn/plan/updated", params: AppServerV2.TurnPlanUpdatedNotification.self),
            AppServerMethod("item/started", params: AppServerV2.ItemStartedNotification.self),
            AppServerMethod("item/completed", params: AppServerV2.ItemCompletedNotification.self),
            AppServerMethod("item/agentMessage/delta", params: AppServerV2.AgentMessageDeltaNotification.self),
            AppServerMethod(
                "item/reasoning/summaryTextDelta", params: AppServerV2.ReasoningSummaryTextDeltaNotification.self),
            AppServerMethod(
                "item/reasoning/summaryPartAdded", params: AppServerV2.ReasoningSummaryPartAddedNotification.self),
            AppServerMethod("item/reasoning/textDelta", params: AppServerV2.ReasoningTextDeltaNotification.self),
            AppServerMethod(
                "item/commandExecution/outputDelta", params: AppServerV2.CommandExecutionOutputDeltaNotification.self),
            AppServerMethod("serverRequest/resolved", params: AppServerV2.ServerRequestResolvedNotification.self),
            AppServerMethod("configWarning", params: AppServerV2.ConfigWarningNotification.self),
        ]
    }

    /// Requests the server sends to the client (approvals).
    public static var serverRequests: [AppServerMethod] {
        [
            AppServerMethod(
                "item/commandExecution/requestApproval", params: AppServerV2.CommandExecutionRequestApprovalParams.self,
                result: AppServerV2.CommandExecutionRequestApprovalResponse.self),
            AppServerMethod(
                "item/fileChange/requestApproval", params: AppServerV2.FileChangeRequestApprovalParams.self,
                result: AppServerV2.FileChangeRequestApprovalResponse.self),
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
