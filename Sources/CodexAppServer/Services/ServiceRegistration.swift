import CodexProtocol

/// Registers the non-turn methods: thread listing and storage (`thread/list`, `thread/read`,
/// `thread/archive`, `thread/unarchive`, `thread/name/set`), `config/*`, `configRequirements/read`,
/// `model/list`, `account/read`, `command/exec` and `fuzzyFileSearch`.
public func registerServiceHandlers(on handlers: inout AppServerHandlers, runtime: any AppServerServiceHost) {
    let threads = ThreadStorageService(host: runtime)
    handlers.register("thread/list") { params, _ throws(JSONRPCErrorObject) in
        try await threads.list(ServiceParams.decode(AppServerV2.ThreadListParams.self, "thread/list", params))
    }
    handlers.register("thread/read", scope: .threadID) { params, _ throws(JSONRPCErrorObject) in
        try await threads.read(ServiceParams.decode(AppServerV2.ThreadReadParams.self, "thread/read", params))
    }
    handlers.register("thread/archive", scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.archive(
            ServiceParams.decode(AppServerV2.ThreadArchiveParams.self, "thread/archive", params), context: context)
    }
    handlers.register("thread/unarchive", scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.unarchive(
            ServiceParams.decode(AppServerV2.ThreadUnarchiveParams.self, "thread/unarchive", params), context: context)
    }
    handlers.register("thread/name/set", scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await threads.setName(
            ServiceParams.decode(AppServerV2.ThreadSetNameParams.self, "thread/name/set", params), context: context)
    }

    let config = ConfigService(host: runtime)
    handlers.register("config/read") { params, _ throws(JSONRPCErrorObject) in
        try config.read(ServiceParams.decode(AppServerV2.ConfigReadParams.self, "config/read", params))
    }
    handlers.register("config/value/write", scope: .fixed(.config)) { params, _ throws(JSONRPCErrorObject) in
        let request = try ServiceParams.decode(AppServerV2.ConfigValueWriteParams.self, "config/value/write", params)
        return try config.write(
            edits: [AppServerV2.ConfigEdit(keyPath: request.keyPath, value: request.value, mergeStrategy: request.mergeStrategy)],
            filePath: request.filePath, expectedVersion: request.expectedVersion)
    }
    handlers.register("config/batchWrite", scope: .fixed(.config)) { params, _ throws(JSONRPCErrorObject) in
        let request = try ServiceParams.decode(AppServerV2.ConfigBatchWriteParams.self, "config/batchWrite", params)
        return try config.write(edits: request.edits, filePath: request.filePath, expectedVersion: request.expectedVersion)
    }
    handlers.register("configRequirements/read") { _, _ throws(JSONRPCErrorObject) in
        try config.readRequirements()
    }

    let models = ModelListService(host: runtime)
    handlers.register("model/list") { params, _ throws(JSONRPCErrorObject) in
        try await models.list(ServiceParams.decode(AppServerV2.ModelListParams.self, "model/list", params))
    }
    let account = AccountService(host: runtime)
    handlers.register("account/read", scope: .fixed(.accountAuth)) { _, _ throws(JSONRPCErrorObject) in
        try account.read()
    }
    let commands = CommandExecService(host: runtime)
    let commandScope = ScopeRule { params in
        params?["processId"]?.stringValue.map { SerializationScope.commandExec(processID: $0) }
    }
    handlers.register("command/exec", scope: commandScope) { params, _ throws(JSONRPCErrorObject) in
        try await commands.run(ServiceParams.decode(AppServerV2.CommandExecParams.self, "command/exec", params))
    }
    let search = FuzzyFileSearchService()
    handlers.register("fuzzyFileSearch") { params, _ throws(JSONRPCErrorObject) in
        try search.search(ServiceParams.decode(AppServerV2.FuzzyFileSearchParams.self, "fuzzyFileSearch", params))
    }
}

/// Typed params and results for the service handlers, with the reference's error wording.
enum ServiceParams {
    /// Decodes `params` through the registry into `type` (-32600 `Invalid request: ...` when they do not fit).
    static func decode<T: AppServerType>(_ type: T.Type, _ method: String, _ params: JSONValue?)
        throws(JSONRPCErrorObject) -> T
    {
        let decoded: (any AppServerType)?
        do {
            decoded = try AppServerRegistry.decodeClientRequestParams(method: method, params: params)
        } catch {
            throw .invalidRequest(error.message)
        }
        guard let typed = decoded as? T else { throw .internalError("params of \(method) decoded to an unexpected type") }
        return typed
    }

    /// Encodes a wire value as the JSON-RPC result.
    static func encode(_ value: some Encodable) throws(JSONRPCErrorObject) -> JSONValue {
        do {
            return try JSONValue(encoding: value)
        } catch {
            throw .internalError("cannot encode result: \(error)")
        }
    }
}
