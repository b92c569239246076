import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// Many connections in one server (over WebSocket): each its own session, threads shared between them,
/// approvals asked where the turn was started.
@Suite(.serialized) struct SharedThreadTests {
    private static func commandTurnScript(_ server: MockResponsesServer, file: String) {
        server.enqueue(
            .functionCall(callID: "call_1", name: "shell_command", arguments: ["command": .string("echo shared > \(file)")]),
            .assistantText("done"))
    }

    private static func untrusted(_ cwd: String) -> JSONValue {
        ["cwd": .string(cwd), "approvalPolicy": "untrusted", "sandbox": "danger-full-access"]
    }

    @Test func twoConnectionsOnOneThreadBothSeeItsNotificationsAndOnlyTheTurnOwnerIsAsked() async throws {
        try await MockResponsesServer.withServer { server in
            Self.commandTurnScript(server, file: "shared.txt")
            try await CodexTestHome.withHome(server: server) { home in
                try await WebSocketE2E.withListener(home: home) { listener in
                    let first = try await listener.client(name: "first-editor")
                    let threadID = try await AppServerE2E.startThread(first, Self.untrusted(home.workDirectory))
                    let socket = try await WebSocketTestClient.connect(listener.endpoint)
                    let second = AppServerClient(socket)
                    let initialized = try await second.request(
                        "initialize", ["clientInfo": ["name": "second-editor", "version": "2.0"]])
                    #expect(initialized["userAgent"]?.stringValue?.hasPrefix("second-editor/") == true)
                    let resumed = try await second.request("thread/resume", ["threadId": .string(threadID)])
                    #expect(resumed["thread"]?["id"]?.stringValue == threadID)
                    let bystander = try await listener.client(name: "bystander")

                    let turnID = try await AppServerE2E.startTurn(first, threadID: threadID, text: "run it")
                    let (id, _) = try await first.serverRequest("item/commandExecution/requestApproval")
                    try await first.reply(
                        to: id, result: ["decision": "accept"], method: "item/commandExecution/requestApproval")
                    #expect(try await AppServerE2E.completedTurn(first, turnID: turnID)["status"] == "completed")
                    #expect(try await AppServerE2E.completedTurn(second, turnID: turnID)["status"] == "completed")

                    let firstMethods = await first.seen.compactMap { $0["method"]?.stringValue }
                    let secondMethods = await second.seen.compactMap { $0["method"]?.stringValue }
                    for method in ["turn/started", "item/started", "item/completed", "thread/status/changed"] {
                        #expect(firstMethods.contains(method), "first missed \(method)")
                        #expect(secondMethods.contains(method), "second missed \(method)")
                    }
                    // The request and its resolution stay with the connection that was asked.
                    #expect(firstMethods.contains("serverRequest/resolved"))
                    #expect(!secondMethods.contains("item/commandExecution/requestApproval"))
                    #expect(!secondMethods.contains("serverRequest/resolved"))
                    #expect(firstMethods.filter { $0 == "item/commandExecution/requestApproval" }.count == 1)
                    // No notification of the thread carries another thread's id.
                    let strays = await second.seen.filter {
                        guard let other = $0["params"]?["threadId"]?.stringValue else { return false }
                        return other != threadID
                    }
                    #expect(strays.isEmpty)
                    // A connection not subscribed sees the thread's status changes only, as the reference sends them.
                    _ = try await bystander.notification("thread/status/changed") {
                        $0["threadId"]?.stringValue == threadID && $0["status"]?["type"] == "idle"
                    }
                    let bystanderMethods = Set(await bystander.seen.compactMap { $0["method"]?.stringValue })
                    #expect(bystanderMethods == ["thread/status/changed"])
                }
            }
        }
    }

    @Test func anApprovalMovesToAnotherSubscriberWhenItsConnectionCloses() async throws {
        try await MockResponsesServer.withServer { server in
            Self.commandTurnScript(server, file: "moved.txt")
            try await CodexTestHome.withHome(server: server) { home in
                try await WebSocketE2E.withListener(home: home) { listener in
                    let ownerSocket = try await WebSocketTestClient.connect(listener.endpoint)
                    let owner = AppServerClient(ownerSocket)
                    try await owner.initialize(name: "owner")
                    let threadID = try await AppServerE2E.startThread(owner, Self.untrusted(home.workDirectory))
                    let watcher = try await listener.client(name: "watcher")
                    _ = try await watcher.request("thread/resume", ["threadId": .string(threadID)])
                    let turnID = try await AppServerE2E.startTurn(owner, threadID: threadID, text: "run it")
                    _ = try await owner.serverRequest("item/commandExecution/requestApproval")
                    await ownerSocket.abort()
                    let (id, params) = try await watcher.serverRequest("item/commandExecution/requestApproval")
                    #expect(params["turnId"]?.stringValue == turnID)
                    try await watcher.reply(
                        to: id, result: ["decision": "accept"], method: "item/commandExecution/requestApproval")
                    #expect(try await AppServerE2E.completedTurn(watcher, turnID: turnID)["status"] == "completed")
                    #expect(FileManager.default.fileExists(atPath: home.workDirectory + "/moved.txt"))
                }
            }
        }
    }

    @Test func anApprovalWithNobodyLeftIsDeclinedAndTheThreadUnloaded() async throws {
        try await MockResponsesServer.withServer { server in
            Self.commandTurnScript(server, file: "never.txt")
            try await CodexTestHome.withHome(server: server) { home in
                try await WebSocketE2E.withListener(home: home) { listener in
                    let ownerSocket = try await WebSocketTestClient.connect(listener.endpoint)
                    let owner = AppServerClient(ownerSocket)
                    try await owner.initialize(name: "owner")
                    let threadID = try await AppServerE2E.startThread(owner, Self.untrusted(home.workDirectory))
                    _ = try await AppServerE2E.startTurn(owner, threadID: threadID, text: "run it")
                    _ = try await owner.serverRequest("item/commandExecution/requestApproval")
                    await ownerSocket.abort()
                    let later = try await listener.client(name: "later")
                    let deadline = ContinuousClock.now + .seconds(20)
                    var loaded: [JSONValue]? = [.string(threadID)]
                    while loaded?.isEmpty == false, ContinuousClock.now < deadline {
                        loaded = try await later.request("thread/loaded/list", [:])["data"]?.arrayValue
                    }
                    #expect(loaded == [])
                    // The rollout was flushed: resuming shows the ended turn.
                    let resumed = try await later.request("thread/resume", ["threadId": .string(threadID)])
                    let turns = resumed["thread"]?["turns"]?.arrayValue ?? []
                    #expect(turns.count == 1)
                    // Declined (nobody is left to ask) and then completed, or interrupted by the unload: never waiting.
                    let status = turns.first?["status"]?.stringValue
                    #expect(status == "completed" || status == "interrupted")
                    #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/never.txt"))
                }
            }
        }
    }

    @Test func aClientThatStopsReadingIsDisconnectedWithoutHoldingUpTheOthers() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await WebSocketE2E.withListener(home: home) { listener in
                let socket = try await WebSocketTestClient.connect(listener.endpoint)
                let stalled = AppServerClient(socket)
                try await stalled.initialize(name: "stalled")
                try await socket.stopReading()
                // Each answer carries 6 MB of NUL bytes, written as `\u0000`: 36 MB a piece, more than the 32 MiB
                // a client may leave unread.
                for id in 1...3 {
                    try await socket.send(
                        text: #"{"id":\#(id),"method":"command/exec","params":{"command":["head","-c","6000000","/dev/zero"],"#
                            + #""disableOutputCap":true,"sandboxPolicy":{"type":"dangerFullAccess"}}}"#)
                }
                var reason: String?
                while reason == nil, let line = try await listener.process.nextStderrLine(timeout: .seconds(30)) {
                    if line.contains("disconnecting a client that stopped reading") { reason = line }
                }
                #expect(reason != nil, "stderr: \(listener.process.stderrSoFar)")
                let other = try await listener.client(name: "other")
                let models = try await other.request("model/list", [:])
                #expect(models["data"]?.arrayValue != nil)
            }
        }
    }
}
