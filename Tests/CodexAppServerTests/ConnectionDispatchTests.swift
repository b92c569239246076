import CodexAppServer
import CodexProtocol
import Synchronization
import Testing

/// Concurrency, ordering, notifications and shutdown of a connection.
@Suite struct ConnectionDispatchTests {
    @Test func slowRequestDoesNotDelayAFastOne() async throws {
        let release = TestLatch()
        var handlers = AppServerHandlers()
        handlers.register("test/slow") { _, _ in
            await release.wait()
            return "slow"
        }
        handlers.register("thread/list") { _, _ in "fast" }
        try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            await client.send(["id": 1, "method": "test/slow", "params": [:]])
            let fast = try await client.request("thread/list", id: 2)
            #expect(fast["result"] == "fast")
            #expect(!release.isOpen)
            release.open()
            #expect(try await client.response(id: 1)["result"] == "slow")
        }
    }

    @Test func sameThreadRequestsRunInArrivalOrder() async throws {
        let log = EventLog()
        let release = TestLatch()
        var handlers = AppServerHandlers()
        handlers.register("turn/slow", scope: .threadID) { params, _ in
            log.append("start \(params?["tag"]?.stringValue ?? "")")
            await release.wait()
            log.append("end \(params?["tag"]?.stringValue ?? "")")
            return params?["tag"] ?? .null
        }
        handlers.register("turn/quick", scope: .threadID) { params, _ in
            log.append("quick \(params?["tag"]?.stringValue ?? "")")
            return params?["tag"] ?? .null
        }
        try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            await client.send(["id": 1, "method": "turn/slow", "params": ["threadId": "A", "tag": "a1"]])
            await client.send(["id": 2, "method": "turn/quick", "params": ["threadId": "A", "tag": "a2"]])
            await client.send(["id": 3, "method": "turn/quick", "params": ["threadId": "B", "tag": "b1"]])
            // Another thread is not held up...
            #expect(try await client.response(id: 3)["result"] == "b1")
            // ...but the second request on thread A waits for the first.
            #expect(!log.all.contains("quick a2"))
            release.open()
            #expect(try await client.response(id: 1)["result"] == "a1")
            #expect(try await client.response(id: 2)["result"] == "a2")
            let threadA = log.all.filter { $0.hasSuffix("a1") || $0.hasSuffix("a2") }
            #expect(threadA == ["start a1", "end a1", "quick a2"])
        }
    }

    @Test func manySameScopeRequestsKeepTheirOrder() async throws {
        let log = EventLog()
        var handlers = AppServerHandlers()
        handlers.register("config/value/write", scope: .fixed(.config)) { params, _ in
            let n = params?["n"]?.intValue ?? 0
            // Earlier requests take longer: without serialization they would finish last.
            for _ in 0..<(50 - n) * 20 { await Task.yield() }
            log.append(String(n))
            return [:]
        }
        try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            for n in 0..<50 { await client.send(["id": .int(Int64(n)), "method": "config/value/write", "params": ["n": .int(Int64(n))]]) }
            for n in 0..<50 { _ = try await client.response(id: .int(Int64(n))) }
            #expect(log.all == (0..<50).map { String($0) })
        }
    }

    @Test func tooManyRequestsInFlightAreRefusedAsOverloaded() async throws {
        let release = TestLatch()
        var handlers = AppServerHandlers()
        handlers.register("test/slow") { _, _ in
            await release.wait()
            return "done"
        }
        let configuration = AppServerConnection.Configuration(maxRequestsInFlight: 1)
        try await withConnection(handlers: handlers, configuration: configuration) { client, _ in
            try await client.initialize()
            await client.send(["id": 1, "method": "test/slow", "params": [:]])
            let refused = try await client.request("test/slow", id: 2)
            #expect(errorOf(refused)?.code == -32001)
            #expect(errorOf(refused)?.message == "Server overloaded; retry later.")
            release.open()
            #expect(try await client.response(id: 1)["result"] == "done")
            #expect(try await client.request("test/slow", id: 3)["result"] == "done")
        }
    }

    @Test func notificationsCarryEmittedAtAndHonourOptOut() async throws {
        var handlers = AppServerHandlers()
        handlers.register("test/notify") { _, context in
            await context.connection.notify(method: "item/agentMessage/delta", params: ["delta": "x"])
            await context.connection.notify(method: "turn/started", params: ["turn": [:]])
            return [:]
        }
        try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize(optOut: ["item/agentMessage/delta"])
            _ = try await client.request("test/notify", id: 1)
            let started = try await client.message(method: "turn/started")
            #expect(started["params"] == ["turn": [:]])
            #expect(started["id"] == nil)
            let emitted = try #require(started["emittedAtMs"]?.intValue)
            #expect(emitted > 1_600_000_000_000)
            #expect(!client.inbox.pending.contains { $0["method"] == "item/agentMessage/delta" })
        }
    }

    @Test func noNotificationsBeforeInitialize() async throws {
        try await withConnection { client, connection in
            #expect(await connection.notify(method: "turn/started", params: [:]) == false)
            try await client.initialize()
            #expect(await connection.notify(method: "turn/started", params: [:]) == true)
            _ = try await client.message(method: "turn/started")
        }
    }

    @Test func workStartedAfterResponseFollowsIt() async throws {
        var handlers = AppServerHandlers()
        handlers.register("turn/start") { _, context in
            context.startAfterResponse {
                await context.connection.notify(method: "turn/started", params: ["turn": ["id": "t1"]])
            }
            return ["turn": ["id": "t1"]]
        }
        handlers.onInitialized = { connection in
            await connection.notify(method: "configWarning", params: ["summary": "hello"])
        }
        try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            _ = try await client.message(method: "configWarning")
            await client.send(["id": 5, "method": "turn/start", "params": [:]])
            let first = try await client.inbox.take("next message") { _ in true }
            #expect(first["id"] == 5)
            let second = try await client.inbox.take("next message") { _ in true }
            #expect(second["method"] == "turn/started")
        }
    }

    @Test func endOfInputCancelsPendingWorkAndReturns() async throws {
        let requestCancelled = TestLatch()
        let turnCancelled = TestLatch()
        let turnRunning = TestLatch()
        var handlers = AppServerHandlers()
        handlers.register("turn/start") { _, context in
            context.startAfterResponse {
                turnRunning.open()
                await TestLatch().wait()  // runs until cancelled
                turnCancelled.open()
            }
            return [:]
        }
        handlers.register("test/forever") { _, _ in
            await TestLatch().wait()
            requestCancelled.open()
            return "cancelled"
        }
        let exit = try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            _ = try await client.request("turn/start", id: 1)
            await client.send(["id": 2, "method": "test/forever", "params": [:]])
            try await turnRunning.wait(timeout: .seconds(20), "the turn to start")
            client.closeInput()
        }
        #expect(exit == .endOfInput)
        #expect(turnCancelled.isOpen)
        #expect(requestCancelled.isOpen)
    }

    @Test func closedConnectionRefusesWorkAndRequests() async throws {
        let holder = ConnectionHolder()
        try await withConnection { client, connection in
            try await client.initialize()
            holder.connection = connection
        }
        let connection = try #require(holder.connection)
        #expect(connection.spawn {} == false)
        let reply = await connection.sendRequest(method: "item/commandExecution/requestApproval", params: [:])
        #expect(throws: JSONRPCErrorObject.self) { try reply.get() }
        #expect(await connection.run() == .endOfInput)
    }
}

/// Carries a connection out of a harness body.
final class ConnectionHolder: Sendable {
    private let value = Mutex<AppServerConnection?>(nil)

    var connection: AppServerConnection? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
