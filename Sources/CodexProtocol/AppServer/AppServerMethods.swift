// The app-server protocol's methods, each declared once: wire name, params type, response type.
// The dispatcher, the registry and the schema's method unions all come from here. A notification's wire name is
// declared with its params type (`ServerNotification.method`, in the file that declares the type).

/// A request the client sends: its wire name and the types of its params and response.
public struct ClientRequest<Params: AppServerType, Response: AppServerType>: Sendable {
    public let name: String
    /// Served only to clients that initialized with `capabilities.experimentalApi` (the reference lists
    /// such methods only in its `--experimental` schema).
    public let isExperimental: Bool

    public init(_ name: String, experimental: Bool = false) {
        self.name = name
        self.isExperimental = experimental
    }

    /// The type-erased entry of the registry and the schema.
    public var descriptor: AppServerMethod {
        AppServerMethod(
            name, params: Params.self == NoParams.self ? nil : Params.self, result: Response.self,
            isExperimental: isExperimental)
    }

    /// Decodes a request's params: absent params read as `{}` when that decodes (methods whose every
    /// param is optional), else "missing field `params`"; errors name the field path.
    public func decodeParams(_ params: JSONValue?) throws(AppServerParamsError) -> Params {
        try AppServerRegistry.decodeParams(Params.self, params)
    }
}

/// A request the server sends to the client (approvals), with the type of the client's answer.
public struct ServerRequest<Params: AppServerType, Response: AppServerType>: Sendable {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public var descriptor: AppServerMethod { AppServerMethod(name, params: Params.self, result: Response.self) }
}

/// A notification the server sends; its params type carries its wire name.
public protocol ServerNotification: AppServerType {
    static var method: String { get }
}

/// Params of a method that takes none (`null` or absent on the wire).
public struct NoParams: AppServerType {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
    public static var schema: SchemaNode { .null }
}

extension AppServerV2 {
    /// Every client request this port serves.
    public enum ClientRequests {
        public static let initialize = ClientRequest<InitializeParams, InitializeResponse>("initialize")
        public static let threadStart = ClientRequest<ThreadStartParams, ThreadStartResponse>("thread/start")
        public static let threadResume = ClientRequest<ThreadResumeParams, ThreadResumeResponse>("thread/resume")
        public static let threadFork = ClientRequest<ThreadForkParams, ThreadForkResponse>("thread/fork")
        public static let threadList = ClientRequest<ThreadListParams, ThreadListResponse>("thread/list")
        public static let threadRead = ClientRequest<ThreadReadParams, ThreadReadResponse>("thread/read")
        public static let threadArchive = ClientRequest<ThreadArchiveParams, ThreadArchiveResponse>("thread/archive")
        public static let threadUnarchive = ClientRequest<ThreadUnarchiveParams, ThreadUnarchiveResponse>(
            "thread/unarchive")
        public static let threadSetName = ClientRequest<ThreadSetNameParams, ThreadSetNameResponse>("thread/name/set")
        public static let threadLoadedList = ClientRequest<ThreadLoadedListParams, ThreadLoadedListResponse>(
            "thread/loaded/list")
        public static let threadUnsubscribe = ClientRequest<ThreadUnsubscribeParams, ThreadUnsubscribeResponse>(
            "thread/unsubscribe")
        public static let threadCompactStart = ClientRequest<ThreadCompactStartParams, ThreadCompactStartResponse>(
            "thread/compact/start")
        public static let appRead = ClientRequest<AppsReadParams, AppsReadResponse>("app/read")
        public static let appList = ClientRequest<AppsListParams, AppsListResponse>("app/list")
        public static let appInstalled = ClientRequest<AppsInstalledParams, AppsInstalledResponse>("app/installed")
        public static let turnStart = ClientRequest<TurnStartParams, TurnStartResponse>("turn/start")
        public static let turnSteer = ClientRequest<TurnSteerParams, TurnSteerResponse>("turn/steer")
        public static let turnInterrupt = ClientRequest<TurnInterruptParams, TurnInterruptResponse>("turn/interrupt")
        public static let reviewStart = ClientRequest<ReviewStartParams, ReviewStartResponse>("review/start")
        public static let modelList = ClientRequest<ModelListParams, ModelListResponse>("model/list")
        public static let configRead = ClientRequest<ConfigReadParams, ConfigReadResponse>("config/read")
        public static let configValueWrite = ClientRequest<ConfigValueWriteParams, ConfigWriteResponse>(
            "config/value/write")
        public static let configBatchWrite = ClientRequest<ConfigBatchWriteParams, ConfigWriteResponse>(
            "config/batchWrite")
        public static let configRequirementsRead = ClientRequest<NoParams, ConfigRequirementsReadResponse>(
            "configRequirements/read")
        public static let mcpServerStatusList = ClientRequest<ListMcpServerStatusParams, ListMcpServerStatusResponse>(
            "mcpServerStatus/list")
        public static let configMcpServerReload = ClientRequest<NoParams, McpServerRefreshResponse>(
            "config/mcpServer/reload")
        public static let mcpServerOauthLogin = ClientRequest<McpServerOauthLoginParams, McpServerOauthLoginResponse>(
            "mcpServer/oauth/login")
        public static let accountRead = ClientRequest<GetAccountParams, GetAccountResponse>("account/read")
        public static let accountLoginStart = ClientRequest<LoginAccountParams, LoginAccountResponse>(
            "account/login/start")
        public static let accountLoginCancel = ClientRequest<CancelLoginAccountParams, CancelLoginAccountResponse>(
            "account/login/cancel")
        public static let accountLogout = ClientRequest<NoParams, LogoutAccountResponse>("account/logout")
        public static let accountRateLimitsRead = ClientRequest<GetAccountRateLimitsParams, GetAccountRateLimitsResponse>(
            "account/rateLimits/read")
        public static let feedbackUpload = ClientRequest<FeedbackUploadParams, FeedbackUploadResponse>("feedback/upload")
        public static let commandExec = ClientRequest<CommandExecParams, CommandExecResponse>("command/exec")
        public static let commandExecWrite = ClientRequest<CommandExecWriteParams, CommandExecWriteResponse>(
            "command/exec/write")
        public static let commandExecTerminate = ClientRequest<
            CommandExecTerminateParams, CommandExecTerminateResponse
        >("command/exec/terminate")
        public static let commandExecResize = ClientRequest<CommandExecResizeParams, CommandExecResizeResponse>(
            "command/exec/resize")
        public static let fuzzyFileSearch = ClientRequest<FuzzyFileSearchParams, FuzzyFileSearchResponse>(
            "fuzzyFileSearch")
        public static let fuzzyFileSearchSessionStart = ClientRequest<
            FuzzyFileSearchSessionStartParams, FuzzyFileSearchSessionStartResponse
        >("fuzzyFileSearch/sessionStart", experimental: true)
        public static let fuzzyFileSearchSessionUpdate = ClientRequest<
            FuzzyFileSearchSessionUpdateParams, FuzzyFileSearchSessionUpdateResponse
        >("fuzzyFileSearch/sessionUpdate", experimental: true)
        public static let fuzzyFileSearchSessionStop = ClientRequest<
            FuzzyFileSearchSessionStopParams, FuzzyFileSearchSessionStopResponse
        >("fuzzyFileSearch/sessionStop", experimental: true)

        /// In the order the schema lists them.
        public static var all: [AppServerMethod] {
            [
                initialize.descriptor, threadStart.descriptor, threadResume.descriptor, threadFork.descriptor,
                threadList.descriptor, threadRead.descriptor, threadArchive.descriptor, threadUnarchive.descriptor,
                threadSetName.descriptor, threadLoadedList.descriptor, threadUnsubscribe.descriptor,
                threadCompactStart.descriptor, appRead.descriptor, appList.descriptor, appInstalled.descriptor,
                turnStart.descriptor, turnSteer.descriptor, turnInterrupt.descriptor,
                reviewStart.descriptor, modelList.descriptor,
                mcpServerOauthLogin.descriptor, configMcpServerReload.descriptor, mcpServerStatusList.descriptor,
                configRead.descriptor, configValueWrite.descriptor, configBatchWrite.descriptor,
                configRequirementsRead.descriptor, accountLoginStart.descriptor, accountLoginCancel.descriptor,
                accountLogout.descriptor, accountRateLimitsRead.descriptor, accountRead.descriptor,
                feedbackUpload.descriptor, commandExec.descriptor, commandExecWrite.descriptor, commandExecTerminate.descriptor,
                commandExecResize.descriptor,
                fuzzyFileSearch.descriptor, fuzzyFileSearchSessionStart.descriptor,
                fuzzyFileSearchSessionUpdate.descriptor, fuzzyFileSearchSessionStop.descriptor,
            ]
        }
    }

    /// Every server request (approvals).
    public enum ServerRequests {
        public static let commandExecutionApproval = ServerRequest<
            CommandExecutionRequestApprovalParams, CommandExecutionRequestApprovalResponse
        >("item/commandExecution/requestApproval")
        public static let fileChangeApproval = ServerRequest<
            FileChangeRequestApprovalParams, FileChangeRequestApprovalResponse
        >("item/fileChange/requestApproval")
        public static let mcpServerElicitation = ServerRequest<
            McpServerElicitationRequestParams, McpServerElicitationRequestResponse
        >("mcpServer/elicitation/request")
        public static let toolRequestUserInput = ServerRequest<ToolRequestUserInputParams, ToolRequestUserInputResponse>(
            "item/tool/requestUserInput")

        public static var all: [AppServerMethod] {
            [
                commandExecutionApproval.descriptor, fileChangeApproval.descriptor, toolRequestUserInput.descriptor,
                mcpServerElicitation.descriptor,
            ]
        }
    }

    /// The one notification a client sends.
    public static let initializedNotification = "initialized"

    /// Every server notification, in the order the schema lists them.
    public static var serverNotifications: [any ServerNotification.Type] {
        [
            ErrorNotification.self, ThreadStartedNotification.self, ThreadStatusChangedNotification.self,
            ThreadArchivedNotification.self, ThreadUnarchivedNotification.self, ThreadNameUpdatedNotification.self,
            ThreadTokenUsageUpdatedNotification.self, TurnStartedNotification.self, TurnCompletedNotification.self,
            TurnDiffUpdatedNotification.self, TurnPlanUpdatedNotification.self, ItemStartedNotification.self,
            ItemCompletedNotification.self, AgentMessageDeltaNotification.self,
            ReasoningSummaryTextDeltaNotification.self, ReasoningSummaryPartAddedNotification.self,
            ReasoningTextDeltaNotification.self, CommandExecOutputDeltaNotification.self,
            CommandExecutionOutputDeltaNotification.self, TerminalInteractionNotification.self,
            ServerRequestResolvedNotification.self, ConfigWarningNotification.self, WarningNotification.self,
            DeprecationNoticeNotification.self,
            FuzzyFileSearchSessionUpdatedNotification.self, FuzzyFileSearchSessionCompletedNotification.self,
            AccountLoginCompletedNotification.self, AccountUpdatedNotification.self,
            AccountRateLimitsUpdatedNotification.self, McpServerOauthLoginCompletedNotification.self,
            McpServerStatusUpdatedNotification.self, AppListUpdatedNotification.self,
        ]
    }
}

