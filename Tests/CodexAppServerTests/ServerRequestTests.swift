import CodexAppServer
import CodexCore
import CodexProtocol
import Testing

/// Server→client requests: ids, round trips, client errors, disconnects.
@Suite struct ServerRequestTests {
    static var approvalHandlers: AppServerHandlers {
        var handlers = AppServerHandlers()
        handlers.register("test/ask", scope: .threadID) { params, context in
            let threadID = params?["threadId"]?.stringValue ?? "T"
            let reply = await context.connection.sendThreadRequest(
                threadID: threadID, method: "item/commandExecution/requestApproval",
                params: ["threadId": .string(threadID), "itemId": "call_1"])
            let decision = ReviewDecision(approvalReply: reply)
            switch reply {
            case .success(let result): return ["answer": result, "decision": .string("\(decision)")]
            case .failure(let error): return ["error": .string(error.message), "decision": .string("\(decision)")]
            }
        }
        return handlers
    }

    @Test func roundTripWithIDsFromZero() async throws {
        try await withConnection(handlers: Self.approvalHandlers) { client, connection in
            try await client.initialize()
            await client.send(["id": "ask-1", "method": "test/ask", "params": ["threadId": "T1"]])
            let request = try await client.message(method: "item/commandExecution/requestApproval")
            #expect(request["id"] == 0)
            #expect(request["params"] == ["threadId": "T1", "itemId": "call_1"])
            #expect(connection.pendingServerRequestCount == 1)
            await client.send(["id": 0, "result": ["decision": "accept"]])
            let resolved = try await client.message(method: "serverRequest/resolved")
            #expect(resolved["params"] == ["threadId": "T1", "requestId": 0])
            let answer = try await client.response(id: "ask-1")
            #expect(answer["result"]?["answer"] == ["decision": "accept"])
            #expect(answer["result"]?["decision"] == "approved")

            // The next server request gets the next id; a client error is a refusal.
            await client.send(["id": "ask-2", "method": "test/ask", "params": ["threadId": "T2"]])
            let second = try await client.message(method: "item/commandExecution/requestApproval")
            #expect(second["id"] == 1)
            await client.send(["id": 1, "error": ["code": -32000, "message": "user closed the dialog"]])
            let refused = try await client.response(id: "ask-2")
            #expect(refused["result"]?["error"] == "user closed the dialog")
            #expect(refused["result"]?["decision"] == "denied")
            #expect(connection.pendingServerRequestCount == 0)
        }
    }

    @Test func malformedAnswerCountsAsAnError() async throws {
        try await withConnection(handlers: Self.approvalHandlers) { client, _ in
            try await client.initialize()
            await client.send(["id": "ask", "method": "test/ask", "params": ["threadId": "T"]])
            let request = try await client.message(method: "item/commandExecution/requestApproval")
            let id = try #require(request["id"])
            await client.send(["id": id, "error": "not an object"])
            let refused = try await client.response(id: "ask")
            #expect(refused["result"]?["decision"] == "denied")
            // The malformed answer itself got no error reply of its own.
            #expect(!client.inbox.pending.contains { $0["error"] != nil })
        }
    }

    @Test func disconnectMidApprovalIsARefusal() async throws {
        let outcome = EventLog()
        var handlers = AppServerHandlers()
        handlers.register("turn/start") { _, context in
            let connection = context.connection
            context.startAfterResponse {
                let reply = await connection.sendThreadRequest(
                    threadID: "T", method: "item/fileChange/requestApproval", params: ["threadId": "T"])
                outcome.append("\(ReviewDecision(approvalReply: reply))")
            }
            return [:]
        }
        let exit = try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            _ = try await client.request("turn/start", id: 1)
            _ = try await client.message(method: "item/fileChange/requestApproval")
            client.closeInput()
        }
        #expect(exit == .endOfInput)
        #expect(outcome.all == ["denied"])
    }

    @Test func clearedRequestsResolveAndNotify() async throws {
        let outcome = EventLog()
        var handlers = AppServerHandlers()
        handlers.register("turn/start") { _, context in
            let connection = context.connection
            context.startAfterResponse {
                let reply = await connection.sendThreadRequest(
                    threadID: "T", method: "item/commandExecution/requestApproval", params: [:])
                outcome.append(reply.map { _ in "answered" }.get(or: "withdrawn"))
            }
            return [:]
        }
        handlers.register("turn/interrupt") { _, context in
            await context.connection.clearServerRequests(threadID: "T")
            return [:]
        }
        try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            _ = try await client.request("turn/start", id: 1)
            let request = try await client.message(method: "item/commandExecution/requestApproval")
            _ = try await client.request("turn/interrupt", id: 2)
            let resolved = try await client.message(method: "serverRequest/resolved")
            #expect(resolved["params"]?["requestId"] == request["id"])
            // A late answer is ignored.
            await client.send(["id": request["id"] ?? .null, "result": ["decision": "accept"]])
            #expect(try await client.request("turn/interrupt", id: 3)["result"] == [:])
        }
        #expect(outcome.all == ["withdrawn"])
    }
}

extension Result {
    /// The success value, or `fallback` for a failure.
    fileprivate func get(or fallback: Success) -> Success {
        (try? get()) ?? fallback
    }
}
