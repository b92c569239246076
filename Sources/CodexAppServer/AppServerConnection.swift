public import CodexProtocol
import CodexBasics
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a connection's `run()` ended.
public enum AppServerExit: Sendable, Equatable {
    /// The client closed its side (stdin EOF): the normal end.
    case endOfInput
    /// read(2) failed with this errno.
    case readFailed(errno: Int32)
}

/// One client connection of `codex app-server`: stdio, or one client of a WebSocket listener.
///
/// Reads JSON-RPC messages (newline-delimited on stdio, text frames on a WebSocket: see `ConnectionInput`), gates everything on the `initialize` handshake, and runs each
/// request in its own child task of a task group the connection owns, so a slow request never
/// delays another; requests sharing a `SerializationScope` still run one at a time in arrival order.
/// Every outgoing message is one line written by a single serialized writer. Bad input of any kind
/// is answered with a JSON-RPC error and never ends the connection; only end of input does, after
/// which all work (including long-lived work such as running turns) is cancelled and awaited.
public final class AppServerConnection: Sendable {
    /// Limits and diagnostics.
    public struct Configuration: Sendable {
        /// Longest accepted input line; longer lines are answered with a parse error.
        public var maxLineBytes: Int
        /// Deepest accepted JSON nesting.
        public var maxDepth: Int
        /// Client requests allowed to run at once; more get `-32001 "Server overloaded; retry later."`.
        public var maxRequestsInFlight: Int
        /// Where diagnostics (dropped lines, stray responses) go; nil discards them.
        public var log: (@Sendable (String) -> Void)?

        public init(
            maxLineBytes: Int = LineSplitter.defaultMaxLineBytes, maxDepth: Int = JSONParser.defaultMaxDepth,
            maxRequestsInFlight: Int = 128, log: (@Sendable (String) -> Void)? = nil
        ) {
            self.maxLineBytes = maxLineBytes
            self.maxDepth = maxDepth
            self.maxRequestsInFlight = maxRequestsInFlight
            self.log = log
        }
    }

    typealias Job = @Sendable () async -> Void

    private struct State {
        var lifecycle = ConnectionLifecycle()
        var requestsInFlight = 0
        var jobs: AsyncStream<Job>.Continuation?
        var started = false
        var closed = false
    }

    private let input: ConnectionInput
    private let writer: any ConnectionOutput
    private let handlers: AppServerHandlers
    private let initializer: InitializeResponder
    private let configuration: Configuration
    private let scopes = ScopeQueue()
    private let serverRequests = PendingServerRequests()
    private let state = Mutex(State())

    /// Creates a connection; nothing is read until `run()`. The descriptors are not closed.
    public init(
        input: Int32, output: Int32, handlers: AppServerHandlers, initializer: InitializeResponder,
        configuration: Configuration = Configuration()
    ) {
        self.input = .lines(fileDescriptor: input)
        self.writer = LineWriter(fileDescriptor: output)
        self.handlers = handlers
        self.initializer = initializer
        self.configuration = configuration
    }

    /// Creates a connection over a transport's framing (a WebSocket client of a listener).
    init(
        input: ConnectionInput, output: any ConnectionOutput, handlers: AppServerHandlers,
        initializer: InitializeResponder, configuration: Configuration = Configuration()
    ) {
        self.input = input
        self.writer = output
        self.handlers = handlers
        self.initializer = initializer
        self.configuration = configuration
    }

    /// The client's session once `initialize` succeeded.
    public var session: ClientSession? { state.withLock { $0.lifecycle.session } }

    /// Whether the connection has ended (or is ending): it takes no more work and no server requests.
    public var isClosed: Bool { state.withLock { $0.closed } }

    /// The handshake state.
    public var lifecycle: ConnectionLifecycle { state.withLock { $0.lifecycle } }

    // MARK: - Running

    /// Serves the connection until its input ends, then cancels and awaits all its work, fails any
    /// pending server requests, and returns. Call once; later calls return `.endOfInput` at once.
    /// Cancelling the calling task stops the work, but the blocked read returns only at new input or EOF.
    public func run() async -> AppServerExit {
        let (jobs, sink) = AsyncStream<Job>.makeStream()
        let firstRun = state.withLock { state in
            guard !state.started else { return false }
            state.started = true
            state.jobs = sink
            return true
        }
        guard firstRun else { return .endOfInput }
        let exit = OneShot<AppServerExit>()
        await withDiscardingTaskGroup { group in
            group.addTask {
                exit.resolve(await self.readLoop())
                self.close()
            }
            for await job in jobs {
                group.addTask { await job() }
            }
            group.cancelAll()
        }
        close()
        if let hook = handlers.onClosed { await hook(self) }
        await writer.flush()
        return await exit.wait(orIfCancelled: .endOfInput)
    }

    /// Stops accepting work and abandons pending server requests (a client that went away mid-approval
    /// counts as a refusal).
    private func close() {
        let sink = state.withLock { state in
            state.closed = true
            defer { state.jobs = nil }
            return state.jobs
        }
        serverRequests.close(error: .internalError("the client connection closed before it answered"))
        sink?.finish()
    }

    /// Adds long-lived work (a running turn, an event pump) to the connection's task group; it is
    /// cancelled and awaited when the connection ends. Returns false when the connection is closing.
    @discardableResult
    public func spawn(_ work: @escaping @Sendable () async -> Void) -> Bool {
        guard let sink = state.withLock({ $0.closed ? nil : $0.jobs }) else { return false }
        if case .enqueued = sink.yield(work) { return true }
        return false
    }

    private func readLoop() async -> AppServerExit {
        switch input {
        case .lines(let fileDescriptor):
            let lines = JSONLineReader(
                fileDescriptor: fileDescriptor, maxLineBytes: configuration.maxLineBytes,
                maxDepth: configuration.maxDepth)
            return await readLoop(lines)
        case .messages(let messages):
            return await readLoop(messages)
        }
    }

    private func readLoop<Messages: AsyncSequence>(_ messages: Messages) async -> AppServerExit
    where Messages.Element == JSONLineReader.Element {
        var lines = messages.makeAsyncIterator()
        while !Task.isCancelled {
            let element: JSONLineReader.Element?
            do {
                element = try await lines.next()
            } catch let error as JSONLineReader.ReadError {
                log("reading input failed: errno \(error.errno)")
                return .readFailed(errno: error.errno)
            } catch {
                return .readFailed(errno: EIO)
            }
            guard let element else { return .endOfInput }
            switch element {
            case .failure(let malformed):
                log("unreadable input \(malformed)")
                await write(.error(id: nil, error: .parseError("Parse error: \(malformed)")))
            case .success(let value):
                await receive(value)
            }
        }
        return .endOfInput
    }

    // MARK: - Incoming messages

    private func receive(_ value: JSONValue) async {
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage(jsonValue: value)
        } catch {
            // A malformed answer to one of our requests counts as an error answer.
            if let id = error.id,
                serverRequests.resolve(id, with: .answered(.failure(.invalidRequest("Invalid response: \(error.reason)"))))
            {
                return
            }
            log("invalid message: \(error.reason)")
            await write(.error(id: error.id, error: error.errorObject))
            return
        }
        switch message {
        case .request(let id, let method, let params):
            await receiveRequest(id: id, method: method, params: params)
        case .notification(let method, _):
            state.withLock { $0.lifecycle.receiveNotification(method: method) }
        case .response(let id, let result):
            if !serverRequests.resolve(id, with: .answered(.success(result))) {
                log("response for unknown server request \(id)")
            }
        case .error(let id, let error):
            if let id, serverRequests.resolve(id, with: .answered(.failure(error))) { return }
            log("client error without a pending request: \(error.code) \(error.message)")
        }
    }

    private enum Admission {
        case run(ClientSession)
        case refuse(JSONRPCErrorObject)
    }

    private func receiveRequest(id: RequestID, method: String, params: JSONValue?) async {
        if method == AppServerV2.ClientRequests.initialize.name {
            await receiveInitialize(id: id, params: params)
            return
        }
        // Like the reference, an unknown method is reported before the handshake check.
        guard let registered = handlers.method(named: method) else {
            await write(.error(id: id, error: handlers.unknownMethodError(method)))
            return
        }
        let limit = configuration.maxRequestsInFlight
        let admission = state.withLock { state -> Admission in
            if let refusal = state.lifecycle.admit(method: method) { return .refuse(refusal) }
            guard let session = state.lifecycle.session else { return .refuse(.invalidRequest("Not initialized")) }
            guard state.requestsInFlight < limit else {
                return .refuse(JSONRPCErrorObject(code: -32001, message: "Server overloaded; retry later."))
            }
            state.requestsInFlight += 1
            return .run(session)
        }
        switch admission {
        case .refuse(let error):
            await write(.error(id: id, error: error))
        case .run(let session):
            // The scope ticket is taken here, in read order, so same-scope requests run FIFO.
            let ticket = registered.scope.scope(for: params).map(scopes.enqueue)
            let accepted = spawn {
                await self.runRequest(
                    id: id, params: params, method: registered, session: session, ticket: ticket)
            }
            if !accepted {
                if let ticket { scopes.finish(ticket) }
                state.withLock { $0.requestsInFlight -= 1 }
            }
        }
    }

    private func runRequest(
        id: RequestID, params: JSONValue?, method: AppServerHandlers.Method, session: ClientSession,
        ticket: ScopeQueue.Ticket?
    ) async {
        if let ticket { await scopes.waitForTurn(ticket) }
        let release = ScopeRelease(ticket: ticket, in: scopes)
        if !Task.isCancelled {
            let deferred = DeferredWork()
            let context = AppServerRequestContext(
                requestID: id, method: method.name, session: session, connection: self, deferred: deferred,
                scopeRelease: release)
            let reply: JSONRPCMessage
            do throws(JSONRPCErrorObject) {
                reply = .response(id: id, result: try await method.handler(params, context))
            } catch {
                reply = .error(id: id, error: error)
            }
            await write(reply)
            for work in deferred.take() { spawn(work) }
        }
        release.release()
        state.withLock { $0.requestsInFlight -= 1 }
    }

    /// `initialize` runs inline in the read loop, so the next line already sees the new state.
    private func receiveInitialize(id: RequestID, params: JSONValue?) async {
        let outcome = state.withLock { state -> Result<ClientSession, JSONRPCErrorObject> in
            do throws(JSONRPCErrorObject) {
                return .success(try state.lifecycle.initialize(params: params))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .failure(let error):
            await write(.error(id: id, error: error))
        case .success(let session):
            do {
                await write(.response(id: id, result: try initializer.result(for: session).wireValue()))
            } catch {
                await write(.error(id: id, error: .internalError("cannot encode the initialize response: \(error)")))
                return
            }
            if let hook = handlers.onInitialized { spawn { await hook(self) } }
        }
    }

    // MARK: - Outgoing messages

    private func write(_ message: JSONRPCMessage) async {
        await writer.write(message.serializedLine)
    }

    /// Sends a notification `{method, params, emittedAtMs}` unless the client has not initialized
    /// or opted out of `method`. Returns whether it was written.
    @discardableResult
    public nonisolated(nonsending) func notify<Notification: ServerNotification>(_ notification: Notification) async
        -> Bool
    {
        let params: JSONValue
        do {
            params = try notification.wireValue()
        } catch {
            log("cannot encode \(Notification.method): \(error)")
            return false
        }
        return await notify(method: Notification.method, params: params)
    }

    /// `notify` with params already in wire form (tests, and relays of raw JSON).
    @discardableResult
    public nonisolated(nonsending) func notify(method: String, params: JSONValue?) async -> Bool {
        guard state.withLock({ $0.lifecycle.shouldDeliver(notification: method) }) else { return false }
        // Written straight to bytes, in the order a `JSONObject` of the three members would serialize: a
        // streaming turn sends thousands of these, and the intermediate object and String copies showed.
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(contentsOf: #"{"method":"#.utf8)
        JSONValue.appendSerialized(string: method, to: &line)
        if let params {
            line.append(contentsOf: #","params":"#.utf8)
            params.appendSerialized(to: &line)
        }
        line.append(contentsOf: #","emittedAtMs":"#.utf8)
        line.append(contentsOf: String(Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))).utf8)
        line.append(contentsOf: "}\n".utf8)
        return await writer.write(lineBytes: line)
    }

    /// Sends a server→client request (ids 0, 1, 2, ... per connection) and waits for the answer.
    /// The client's error answer, a malformed answer, the connection closing, or cancellation of the
    /// waiting task all come back as `.failure` (for approvals: a refusal).
    public func sendRequest(method: String, params: JSONValue?) async -> Result<JSONValue, JSONRPCErrorObject> {
        await send(method: method, params: params, threadID: nil).outcome.result
    }

    /// Sends a declared server request about a thread (see the untyped form below).
    public func sendThreadRequest<Params, Response>(
        _ request: ServerRequest<Params, Response>, threadID: String, params: Params
    ) async -> Result<JSONValue, JSONRPCErrorObject> {
        let json: JSONValue
        do {
            json = try params.wireValue()
        } catch {
            return .failure(.internalError("cannot encode the \(request.name) request: \(error)"))
        }
        return await sendThreadRequest(threadID: threadID, method: request.name, params: json)
    }

    /// `sendRequest` for a request about a thread: once the client answers, `serverRequest/resolved
    /// {threadId, requestId}` is sent; `clearServerRequests(threadID:)` can withdraw it early.
    public func sendThreadRequest(threadID: String, method: String, params: JSONValue?) async -> Result<
        JSONValue, JSONRPCErrorObject
    > {
        let (id, outcome) = await send(method: method, params: params, threadID: threadID)
        if let id, case .answered = outcome { await notifyResolved(threadID: threadID, requestID: id) }
        return outcome.result
    }

    /// Withdraws every pending request about a thread (turn started, completed or interrupted): each
    /// waiter gets a failure and the client gets `serverRequest/resolved` for each.
    public func clearServerRequests(threadID: String) async {
        let ids = serverRequests.abandon(
            threadID: threadID, error: .internalError("the server request was withdrawn"))
        for id in ids { await notifyResolved(threadID: threadID, requestID: id) }
    }

    /// Number of server requests awaiting an answer.
    public var pendingServerRequestCount: Int { serverRequests.pendingCount }

    private func notifyResolved(threadID: String, requestID: RequestID) async {
        await notify(AppServerV2.ServerRequestResolvedNotification(threadId: threadID, requestId: requestID))
    }

    private func send(method: String, params: JSONValue?, threadID: String?) async -> (
        id: RequestID?, outcome: ServerRequestOutcome
    ) {
        guard let (id, slot) = serverRequests.register(threadID: threadID) else {
            return (nil, .abandoned(.internalError("the client connection is closed")))
        }
        if !(await writer.write(JSONRPCMessage.request(id: id, method: method, params: params).serializedLine)) {
            serverRequests.resolve(id, with: .abandoned(.internalError("the client connection is closed")))
        }
        let outcome = await slot.wait(orIfCancelled: .abandoned(.internalError("the server request was cancelled")))
        serverRequests.remove(id)
        return (id, outcome)
    }

    private func log(_ message: String) {
        configuration.log?(message)
    }
}
