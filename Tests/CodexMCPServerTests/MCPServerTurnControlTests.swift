import CodexCore
import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// Approvals as elicitations, cancellation, concurrent calls and a client that goes away, end to end.
@Suite struct MCPServerTurnControlTests {
    /// A `codex` call whose shell command needs approval; `answer` answers the elicitation (nil: expect none).
    private func approvalRun(elicitation: Bool = true, answer: JSONValue?) async throws
        -> (ran: Bool, result: JSONValue, elicitation: JSONValue?, toolOutput: String?)
    {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(callID: "call_1", name: "shell_command", arguments: ["command": "echo approved > accepted.txt"]),
                .assistantText("done"))
            return try await CodexTestHome.withHome(server: server) { home in
                try await MCPServerE2E.withServer(home: home, elicitation: elicitation) { client in
                    let id = try await client.startCall(
                        "codex",
                        [
                            "prompt": "write the file", "cwd": .string(home.workDirectory), "approval-policy": "untrusted",
                            "sandbox": "danger-full-access",
                        ])
                    var asked: JSONValue?
                    if let answer {
                        let (requestID, params) = try await client.serverRequest("elicitation/create")
                        asked = params
                        try await client.reply(to: requestID, result: answer)
                    }
                    let result = try await client.response(to: id)
                    let ran = FileManager.default.fileExists(atPath: home.workDirectory + "/accepted.txt")
                    // The turn has ended: a second model request, if the turn went on, was made before.
                    let requests = server.requests
                    let output = requests.count > 1 ? requests[1].toolOutput(callID: "call_1") : nil
                    return (ran, result, asked, output?.serialized())
                }
            }
        }
    }

    @Test func anAcceptedApprovalRunsTheCommand() async throws {
        let run = try await approvalRun(answer: ["action": "accept", "content": [:]])
        #expect(run.ran)
        #expect(try MCPServerE2E.success(run.result).text == "done")
        let params = try #require(run.elicitation)
        #expect(params["codex_elicitation"] == "exec-approval")
        #expect(params["codex_call_id"] == "call_1")
        #expect(params["message"]?.stringValue?.hasPrefix("Allow Codex to run `") == true)
        #expect(params["message"]?.stringValue?.contains("echo approved") == true)
        #expect(params["requestedSchema"]?["type"] == "object")
        #expect(params["codex_command"]?.arrayValue?.isEmpty == false)
        #expect(params["codex_parsed_cmd"]?.arrayValue?.isEmpty == false)
        #expect(params["threadId"] == run.result["structuredContent"]?["threadId"])
        #expect(params["codex_mcp_tool_call_id"]?.stringValue?.isEmpty == false)
    }

    @Test func upstreamsDecisionFormIsUnderstoodToo() async throws {
        let run = try await approvalRun(answer: ["decision": "approved_for_session"])
        #expect(run.ran)
    }

    @Test func aDeclinedApprovalDoesNotRunTheCommandAndTheModelIsTold() async throws {
        let run = try await approvalRun(answer: ["action": "decline"])
        #expect(!run.ran)
        #expect(try MCPServerE2E.success(run.result).text == "done")
        #expect(run.toolOutput?.contains("rejected") == true || run.toolOutput?.contains("declined") == true)
    }

    @Test func anUnparseableAnswerIsADenial() async throws {
        let run = try await approvalRun(answer: ["decision": "maybe"])
        #expect(!run.ran)
    }

    @Test func aClientWithoutElicitationGetsItsApprovalsDenied() async throws {
        let run = try await approvalRun(elicitation: false, answer: nil)
        #expect(!run.ran)
        #expect(try MCPServerE2E.success(run.result).text == "done")
    }

    @Test func anAbortAnswerEndsTheTurnAndTheCallWithAnError() async throws {
        let run = try await approvalRun(answer: ["action": "cancel"])
        #expect(!run.ran)
        #expect(run.result["isError"] == true)
        #expect(run.result["content"]?.arrayValue?.first?["text"] == "turn aborted: interrupted")
    }

    @Test func aPatchApprovalAsksWithTheChangesAndAppliesThem() async throws {
        try await MockResponsesServer.withServer { server in
            let patch = "*** Begin Patch\n*** Add File: created.txt\n+hello from the patch\n*** End Patch\n"
            server.enqueue(.customToolCall(callID: "call_patch", name: "apply_patch", input: patch), .assistantText("patched"))
            try await CodexTestHome.withHome(server: server) { home in
                try await MCPServerE2E.withServer(home: home) { client in
                    let id = try await client.startCall(
                        "codex",
                        ["prompt": "create a file", "cwd": .string(home.workDirectory), "approval-policy": "untrusted", "sandbox": "read-only"])
                    let (requestID, params) = try await client.serverRequest("elicitation/create")
                    #expect(params["codex_elicitation"] == "patch-approval")
                    #expect(params["codex_call_id"] == "call_patch")
                    #expect(params["message"]?.stringValue?.hasSuffix("Allow Codex to apply proposed code changes?") == true)
                    let change = params["codex_changes"]?[home.workDirectory + "/created.txt"]
                    #expect(change?["type"] == "add")
                    #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/created.txt"))
                    try await client.reply(to: requestID, result: ["decision": "approved"])
                    #expect(try MCPServerE2E.success(try await client.response(to: id)).text == "patched")
                    let text = String(decoding: FileManager.default.contents(atPath: home.workDirectory + "/created.txt") ?? Data(), as: UTF8.self)
                    #expect(text == "hello from the patch\n")
                }
            }
        }
    }

    @Test func cancellingACallInterruptsItsTurnAndAnswersWithAnError() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("never finished").holding(afterEvents: 1), .assistantText("after the cancel"))
            try await CodexTestHome.withHome(server: server) { home in
                try await MCPServerE2E.withServer(home: home) { client in
                    let id = try await client.startCall("codex", ["prompt": "take your time"])
                    let configured = try await client.event("session_configured", requestID: id)
                    let threadID = try #require(configured["_meta"]?["threadId"]?.stringValue)
                    try await server.waitUntilHeld()
                    try await client.send([
                        "jsonrpc": "2.0", "method": "notifications/cancelled",
                        "params": ["requestId": .int(id), "reason": "user stopped it"],
                    ])
                    let aborted = try await client.event("turn_aborted", requestID: id)
                    #expect(aborted["msg"]?["reason"] == "interrupted")
                    let result = try await client.response(to: id)
                    #expect(result["isError"] == true)
                    #expect(result["structuredContent"]?["threadId"]?.stringValue == threadID)
                    server.release()
                    // The thread stays loaded and can be continued.
                    let reply = try MCPServerE2E.success(
                        try await client.request(
                            "tools/call", ["name": "codex-reply", "arguments": ["prompt": "go on", "threadId": .string(threadID)]]))
                    #expect(reply == ("after the cancel", threadID))
                }
            }
        }
    }

    @Test func twoCallsAtOnceRunOnTheirOwnThreads() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("slow answer").holding(afterEvents: 1), .assistantText("quick answer"))
            try await CodexTestHome.withHome(server: server) { home in
                try await MCPServerE2E.withServer(home: home) { client in
                    let slow = try await client.startCall("codex", ["prompt": "slow one"])
                    try await server.waitUntilHeld()
                    let quick = try await client.startCall("codex", ["prompt": "quick one"])
                    let quickResult = try MCPServerE2E.success(try await client.response(to: quick))
                    #expect(quickResult.text == "quick answer")
                    server.release()
                    let slowResult = try MCPServerE2E.success(try await client.response(to: slow))
                    #expect(slowResult.text == "slow answer")
                    #expect(slowResult.threadID != quickResult.threadID)
                }
            }
        }
    }

    @Test func aClientThatGoesAwayWhileAnApprovalIsPendingEndsTheServerAndTheCommandNeverRuns() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(callID: "call_1", name: "shell_command", arguments: ["command": "echo late > late.txt"]),
                .assistantText("done"))
            try await CodexTestHome.withHome(server: server) { home in
                let spec = home.codexSpec(["mcp-server"], binary: try CodexBinary.locate(), standardInput: .writable)
                try await ChildProcess.withProcess(spec) { process in
                    let client = MCPTestClient(process)
                    try await client.initialize()
                    _ = try await client.startCall(
                        "codex",
                        ["prompt": "write it", "cwd": .string(home.workDirectory), "approval-policy": "untrusted", "sandbox": "danger-full-access"])
                    _ = try await client.serverRequest("elicitation/create")
                    try await process.closeStandardInput()
                    #expect(try await process.waitForExit(timeout: .seconds(20)) == .exited(0))
                }
                #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/late.txt"))
            }
        }
    }

    @Test func aClientThatGoesAwayMidCallLeavesAnInterruptedReadableRollout() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("never finished").holding(afterEvents: 1))
            try await CodexTestHome.withHome(server: server) { home in
                let spec = home.codexSpec(["mcp-server"], binary: try CodexBinary.locate(), standardInput: .writable)
                let threadID = try await ChildProcess.withProcess(spec) { process in
                    let client = MCPTestClient(process)
                    try await client.initialize()
                    let id = try await client.startCall("codex", ["prompt": "keep going"])
                    let configured = try await client.event("session_configured", requestID: id)
                    try await server.waitUntilHeld()
                    try await process.closeStandardInput()
                    let exit = try await process.waitForExit(timeout: .seconds(20))
                    #expect(exit == .exited(0))
                    return try #require(configured["_meta"]?["threadId"]?.stringValue)
                }
                server.release()
                let id = try #require(ThreadID(threadID))
                let path = try #require(RolloutStore(codexHome: home.codexHome).rolloutPath(for: id))
                let loaded = try RolloutReader.load(path: path)
                #expect(loaded.firstUserMessage == "keep going")
                let aborted = loaded.lines.contains { line in
                    if case .eventMsg(.turnAborted) = line.item { return true }
                    return false
                }
                #expect(aborted)
            }
        }
    }
}
