import CodexBasics
import CodexCore
import CodexProtocol

/// Registers turn/start, turn/steer, turn/interrupt and thread/compact/start (a compaction runs as a turn).
func registerTurnHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {
    let turns = TurnMethods(registry: runtime.registry, background: runtime.background)
    handlers.register(AppServerV2.ClientRequests.turnStart, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await turns.start(params, context)
    }
    handlers.register(AppServerV2.ClientRequests.turnSteer, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await turns.steer(params, context)
    }
    handlers.register(AppServerV2.ClientRequests.turnInterrupt, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await turns.interrupt(params, context)
    }
    handlers.register(AppServerV2.ClientRequests.threadCompactStart, scope: .threadID) {
        params, context throws(JSONRPCErrorObject) in
        try await turns.compact(params, context)
    }
}

/// The turn handlers.
struct TurnMethods: Sendable {
    let registry: ThreadRegistry
    let background: BackgroundWork

    /// Persists the user's input (so an acknowledged turn survives a crash), answers with the
    /// in-progress turn, then runs it in the server's background work (it survives its connection; the
    /// thread is unloaded, and the turn interrupted, when its last subscriber leaves).
    func start(_ request: AppServerV2.TurnStartParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.TurnStartResponse
    {
        let loaded = try await loadedThread(request.threadId)
        var input: [UserInput] = []
        for item in request.input { input.append(try WireMapping.userInput(item)) }
        guard !input.isEmpty else { throw .invalidRequest("input must not be empty") }
        let turnID: String
        do {
            turnID = try await loaded.thread.beginTurn(input, overrides: Self.overrides(request))
        } catch AgentThreadError.activeTurnNotSteerable(let kind) {
            throw Self.notSteerable(kind: kind)
        } catch AgentThreadError.rolloutFailed(let message) {
            throw .internalError(message)
        } catch let error as AgentThreadError {
            throw .invalidRequest("\(error)")
        } catch {
            throw .internalError("failed to record the turn: \(error)")
        }
        let text = input.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined(separator: "\n")
        await registry.turnBegan(threadID: request.threadId, turnID: turnID, text: text)
        loaded.subscribers.setTurnOwner(context.connection)
        let thread = loaded.thread
        let background = background
        context.startAfterResponse { background.spawn { _ = await thread.runActiveTurn() } }
        let turn = AppServerV2.Turn(id: turnID, items: [], status: .inProgress, itemsView: .notLoaded, rootTurnId: turnID)
        return AppServerV2.TurnStartResponse(turn: turn)
    }

    /// Starts a manual compaction, answers `{}`, then runs it as a turn (`turn/started`, the
    /// `contextCompaction` item, `turn/completed`) in the server's background work.
    func compact(_ request: AppServerV2.ThreadCompactStartParams, _ context: AppServerRequestContext)
        async throws(JSONRPCErrorObject) -> AppServerV2.ThreadCompactStartResponse
    {
        let loaded = try await loadedThread(request.threadId)
        let turnID: String
        do {
            turnID = try await loaded.thread.beginCompaction()
        } catch AgentThreadError.rolloutFailed(let message) {
            throw .internalError(message)
        } catch let error as AgentThreadError {
            throw .invalidRequest("\(error)")
        } catch {
            throw .internalError("failed to start the compaction: \(error)")
        }
        await registry.turnBegan(threadID: request.threadId, turnID: turnID, text: "")
        loaded.subscribers.setTurnOwner(context.connection)
        let thread = loaded.thread
        let background = background
        context.startAfterResponse { background.spawn { _ = await thread.runActiveTurn() } }
        return AppServerV2.ThreadCompactStartResponse()
    }

    /// Adds input to the running turn (no new `turn/started`); answers `{turnId}`.
    func steer(_ request: AppServerV2.TurnSteerParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.TurnSteerResponse
    {
        guard !request.expectedTurnId.isEmpty else { throw .invalidRequest("expectedTurnId must not be empty") }
        let loaded = try await loadedThread(request.threadId)
        var input: [UserInput] = []
        for item in request.input { input.append(try WireMapping.userInput(item)) }
        let turnID: String
        do {
            turnID = try await loaded.thread.steer(input, expectedTurnID: request.expectedTurnId)
        } catch AgentThreadError.activeTurnNotSteerable(let kind) {
            throw Self.notSteerable(kind: kind)
        } catch AgentThreadError.rolloutFailed(let message) {
            throw .internalError(message)
        } catch let error as AgentThreadError {
            throw .invalidRequest("\(error)")
        } catch {
            throw .internalError("failed to steer the turn: \(error)")
        }
        return AppServerV2.TurnSteerResponse(turnId: turnID)
    }

    /// Interrupts the running turn and answers `{}` once it has ended; `turn/completed` follows the answer.
    func interrupt(_ request: AppServerV2.TurnInterruptParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.TurnInterruptResponse
    {
        let loaded = try await loadedThread(request.threadId)
        let ended = OneShot<Void>()
        let responded = OneShot<Void>()
        guard
            await registry.awaitTurnEnd(
                threadID: request.threadId, turnID: request.turnId, ended: ended, responded: responded)
        else { throw .invalidRequest("no active turn to interrupt") }
        context.startAfterResponse { responded.resolve(()) }
        // The turn may be between `beginTurn` and `runActiveTurn`: keep asking until it runs.
        while await loaded.thread.interrupt() == nil, await loaded.thread.activeTurnID == request.turnId,
            !Task.isCancelled
        {
            try? await Task.sleep(for: .milliseconds(5))
        }
        await ended.wait(orIfCancelled: ())
        return AppServerV2.TurnInterruptResponse()
    }

    private func loadedThread(_ id: String) async throws(JSONRPCErrorObject) -> LoadedThread {
        _ = try ThreadMethods.threadID(id)
        guard let loaded = await registry.thread(id) else { throw .invalidRequest("thread not found: \(id)") }
        return loaded
    }

    /// 0.163.0's refusal of input to a review or compaction turn: -32600 with a `TurnError` as `data`
    /// whose `codexErrorInfo` is `{"activeTurnNotSteerable": {"turnKind": kind}}`.
    static func notSteerable(kind: String) -> JSONRPCErrorObject {
        let message = "\(AgentThreadError.activeTurnNotSteerable(kind: kind))"
        let info = AppServerV2.CodexErrorInfo.detailed("activeTurnNotSteerable", ["turnKind": .string(kind)])
        let data: JSONValue = [
            "message": .string(message), "codexErrorInfo": (try? WireEncoder().encode(info)) ?? .null,
            "additionalDetails": .null, "misalignment": .null,
        ]
        return JSONRPCErrorObject(code: -32600, message: message, data: data)
    }

    static func overrides(_ request: AppServerV2.TurnStartParams) -> TurnOverrides {
        var overrides = TurnOverrides()
        overrides.cwd = request.cwd
        overrides.model = request.model
        overrides.approvalPolicy = request.approvalPolicy.map(WireMapping.approvalPolicy)
        overrides.sandbox = request.sandboxPolicy.map(WireMapping.sandboxSettings)
        overrides.reasoningEffort = request.effort?.rawValue
        overrides.reasoningSummary = request.summary?.rawValue
        overrides.outputSchema = request.outputSchema
        return overrides
    }
}
