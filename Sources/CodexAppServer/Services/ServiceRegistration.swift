import CodexProtocol

/// Registers the non-turn methods: thread listing and storage (`thread/list`, `thread/read`,
/// `thread/archive`, `thread/unarchive`, `thread/name/set`), `config/*`, `configRequirements/read`,
/// `model/list`, `account/*`, `feedback/upload`, `command/exec` (and its `/write`, `/resize`, `/terminate`), `fuzzyFileSearch` and its session methods.
public func registerServiceHandlers(on handlers: inout AppServerHandlers, runtime: any AppServerServiceHost) {
    typealias Requests = AppServerV2.ClientRequests
    let threads = ThreadStorageService(host: runtime)
    handlers.register(Requests.threadList) { params, _ throws(JSONRPCErrorObject) in try await threads.list(params) }
    handlers.register(Requests.threadRead, scope: .threadID) { params, _ throws(JSONRPCErrorObject) in
        try await threads.read(params)
    }
    handlers.register(Requests.threadArchive, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.archive(params, context: context)
    }
    handlers.register(Requests.threadUnarchive, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.unarchive(params, context: context)
    }
    handlers.register(Requests.threadSetName, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.setName(params, context: context)
    }

    let config = ConfigService(host: runtime)
    handlers.register(Requests.configRead) { params, _ throws(JSONRPCErrorObject) in try config.read(params) }
    handlers.register(Requests.configValueWrite, scope: .fixed(.config)) { request, _ throws(JSONRPCErrorObject) in
        try config.write(
            edits: [AppServerV2.ConfigEdit(keyPath: request.keyPath, value: request.value, mergeStrategy: request.mergeStrategy)],
            filePath: request.filePath, expectedVersion: request.expectedVersion)
    }
    handlers.register(Requests.configBatchWrite, scope: .fixed(.config)) { request, _ throws(JSONRPCErrorObject) in
        try config.write(edits: request.edits, filePath: request.filePath, expectedVersion: request.expectedVersion)
    }
    handlers.register(Requests.configRequirementsRead) { _, _ throws(JSONRPCErrorObject) in
        try config.readRequirements()
    }

    let models = ModelListService(host: runtime)
    handlers.register(Requests.modelList) { params, _ throws(JSONRPCErrorObject) in try await models.list(params) }
    let account = AccountService(host: runtime)
    handlers.register(Requests.accountRead, scope: .fixed(.accountAuth)) { params, context throws(JSONRPCErrorObject) in
        try await account.read(params, context: context)
    }
    handlers.register(Requests.accountLoginStart, scope: .fixed(.accountAuth)) { params, context throws(JSONRPCErrorObject) in
        try await account.loginStart(params, context: context)
    }
    handlers.register(Requests.accountLoginCancel, scope: .fixed(.accountAuth)) { params, _ throws(JSONRPCErrorObject) in
        try account.loginCancel(params)
    }
    handlers.register(Requests.accountLogout, scope: .fixed(.accountAuth)) { _, context throws(JSONRPCErrorObject) in
        try await account.logout(context: context)
    }
    handlers.register(Requests.accountRateLimitsRead) { params, _ throws(JSONRPCErrorObject) in
        try await account.rateLimits(params)
    }
    let feedback = FeedbackUploadService(host: runtime)
    handlers.register(Requests.feedbackUpload) { params, _ throws(JSONRPCErrorObject) in try await feedback.upload(params) }
    let commands = CommandExecService(host: runtime)
    let commandScope = ScopeRule { params in
        params?["processId"]?.stringValue.map { SerializationScope.commandExec(processID: $0) }
    }
    handlers.register(Requests.commandExec, scope: commandScope) { params, context throws(JSONRPCErrorObject) in
        try await commands.run(params, context: context)
    }
    handlers.register(Requests.commandExecWrite, scope: commandScope) { params, context throws(JSONRPCErrorObject) in
        try await commands.write(params, context: context)
    }
    handlers.register(Requests.commandExecResize, scope: commandScope) { params, context throws(JSONRPCErrorObject) in
        try commands.resize(params, context: context)
    }
    handlers.register(Requests.commandExecTerminate, scope: commandScope) { params, context throws(JSONRPCErrorObject) in
        try commands.terminate(params, context: context)
    }
    registerSearchHandlers(on: &handlers, search: FuzzyFileSearchService())
}

/// `fuzzyFileSearch` and its sessions; a closed connection's sessions are stopped and dropped.
func registerSearchHandlers(on handlers: inout AppServerHandlers, search: FuzzyFileSearchService) {
    typealias Requests = AppServerV2.ClientRequests
    handlers.register(Requests.fuzzyFileSearch) { params, _ throws(JSONRPCErrorObject) in await search.search(params) }
    handlers.register(Requests.fuzzyFileSearchSessionStart) { params, context throws(JSONRPCErrorObject) in
        try search.startSession(params, context: context)
    }
    handlers.register(Requests.fuzzyFileSearchSessionUpdate) { params, context throws(JSONRPCErrorObject) in
        try search.updateSession(params, context: context)
    }
    handlers.register(Requests.fuzzyFileSearchSessionStop) { params, context throws(JSONRPCErrorObject) in
        search.stopSession(params, context: context)
    }
    let closed = handlers.onClosed
    handlers.onClosed = { connection in
        search.connectionClosed(connection)
        await closed?(connection)
    }
}
