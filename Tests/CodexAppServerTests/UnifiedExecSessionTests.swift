import CodexProtocol
import CodexTestSupport
import Foundation
import Glibc
import Testing

/// A model catalog entry giving `mock-model` the reference's unified-exec tool set.
enum UnifiedExecCatalog {
    static let json = """
        {"models":[{"slug":"mock-model","display_name":"Mock","description":"mock","default_reasoning_level":null,
        "supported_reasoning_levels":[],"shell_type":"unified_exec","visibility":"list","supported_in_api":true,
        "priority":1,"upgrade":null,"base_instructions":"You are a mock.","supports_reasoning_summaries":false,
        "support_verbosity":false,"default_verbosity":null,"apply_patch_tool_type":"freeform",
        "truncation_policy":{"mode":"bytes","limit":10000},"supports_parallel_tool_calls":false,
        "context_window":200000,"experimental_supported_tools":[]}]}
        """

    /// Writes the catalog into the home and points config.toml at it.
    static func install(in home: CodexTestHome, server: MockResponsesServer) throws {
        let path = try home.root.write(json, to: "codex_home/mock_models.json")
        try home.writeConfig(baseURL: server.baseURL, extraRootTOML: "model_catalog_json = \"\(path)\"")
    }

    /// The text of the function_call_output for `callID` in a recorded request.
    static func output(of callID: String, in request: RecordedRequest?) -> String? {
        request?.body?["input"]?.arrayValue?.first { $0["call_id"]?.stringValue == callID && $0["type"] == "function_call_output" }?[
            "output"]?.stringValue
    }
}

/// `exec_command` / `write_stdin` sessions through the app-server, against the mock model.
@Suite(.serialized) struct UnifiedExecSessionTests {
    /// `python3 -i` on a terminal: the session stays open, `write_stdin` sends a line and reads the answer,
    /// `exit()` ends it; the client sees output deltas, the terminal interaction and the item's end.
    @Test func pythonREPLSession() async throws {
        try await MockResponsesServer.withServer { server in
            let session = MockReply.lastSessionIDPlaceholder
            server.enqueue(
                .functionCall(
                    callID: "call_py", name: "exec_command", arguments: #"{"cmd":"python3 -i","tty":true,"yield_time_ms":1500}"#),
                .functionCall(
                    callID: "call_in", name: "write_stdin",
                    arguments: #"{"session_id":\#(session),"chars":"print(6*7)\n","yield_time_ms":1500}"#),
                .functionCall(
                    callID: "call_exit", name: "write_stdin",
                    arguments: #"{"session_id":\#(session),"chars":"exit()\n","yield_time_ms":3000}"#),
                .assistantText("done"))
            try await CodexTestHome.withHome(server: server) { home in
                try UnifiedExecCatalog.install(in: home, server: server)
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["approvalPolicy": "never", "sandbox": "danger-full-access"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "python")
                    let interaction = try await client.notification("item/commandExecution/terminalInteraction")
                    #expect(interaction["itemId"] == "call_py")
                    #expect(interaction["stdin"] == "print(6*7)\n")
                    let completed = try await client.notification("item/completed") {
                        $0["item"]?["type"] == "commandExecution"
                    }
                    #expect(completed["item"]?["id"] == "call_py")
                    #expect(completed["item"]?["exitCode"] == 0)
                    #expect(completed["item"]?["aggregatedOutput"]?.stringValue?.contains("42") == true)
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    let deltas = await client.drainNotifications(threadID: threadID).filter {
                        $0["method"] == "item/commandExecution/outputDelta"
                    }
                    #expect(deltas.allSatisfy { $0["params"]?["itemId"] == "call_py" })
                    let streamed: String = deltas.compactMap { $0["params"]?["delta"]?.stringValue }.joined()
                    #expect(streamed.contains(">>> "))
                }
            }
            let requests = server.requests.filter { $0.path.hasSuffix("/responses") }
            #expect(requests.count == 4)
            let started = try #require(UnifiedExecCatalog.output(of: "call_py", in: requests[safe: 1]))
            let sessionLine = try #require(started.split(separator: "\n").first { $0.hasPrefix("Process running with session ID ") })
            let answer = try #require(UnifiedExecCatalog.output(of: "call_in", in: requests[safe: 2]))
            #expect(answer.contains(sessionLine))
            #expect(answer.contains("42\r\n"))
            let exited = try #require(UnifiedExecCatalog.output(of: "call_exit", in: requests[safe: 3]))
            #expect(exited.contains("\nProcess exited with code 0\n"))
            #expect(exited.hasPrefix("Chunk ID: "))
        }
    }

    /// Interrupting the turn kills the session's whole process group: the shell and its background child.
    @Test func interruptKillsTheSessionProcessGroup() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(
                    callID: "call_bg", name: "exec_command",
                    arguments: #"{"cmd":"echo $$ > shell.pid; sleep 1000 & echo $! > child.pid; wait","yield_time_ms":500}"#),
                MockReply.assistantText("never").holding(afterEvents: 1))
            try await CodexTestHome.withHome(server: server) { home in
                try UnifiedExecCatalog.install(in: home, server: server)
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["approvalPolicy": "never", "sandbox": "danger-full-access"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "background")
                    try await server.waitUntilHeld()
                    let pids = try ["shell.pid", "child.pid"].map { name in
                        let text = try String(contentsOfFile: home.workDirectory + "/" + name, encoding: .utf8)
                        return try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
                    }
                    for pid in pids { #expect(kill(pid, 0) == 0, "pid \(pid) should run before the interrupt") }
                    _ = try await client.request(
                        "turn/interrupt", ["threadId": .string(threadID), "turnId": .string(turnID)], timeout: .seconds(15))
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "interrupted")
                    for pid in pids { try await Self.waitUntilGone(pid) }
                }
            }
        }
    }

    /// As for shell_command, a write the sandbox denies asks to run again without the sandbox; approving re-runs it.
    @Test func deniedSandboxedCommandAsksAndTheApprovedRerunSucceeds() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                try UnifiedExecCatalog.install(in: home, server: server)
                let outside = home.root.appending("outside")
                try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
                server.enqueue(
                    .functionCall(
                        callID: "call_w", name: "exec_command",
                        arguments: ["cmd": .string("echo escaped > \(outside)/note.txt"), "yield_time_ms": 5000]),
                    .assistantText("done"))
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client,
                        [
                            "cwd": .string(home.workDirectory), "approvalPolicy": "on-request", "sandbox": "workspace-write",
                            "config": [
                                "sandbox_workspace_write.exclude_slash_tmp": true,
                                "sandbox_workspace_write.exclude_tmpdir_env_var": true,
                            ],
                        ])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "write outside")
                    let (id, params) = try await client.serverRequest("item/commandExecution/requestApproval")
                    #expect(params["itemId"] == "call_w")
                    #expect(params["reason"]?.stringValue?.isEmpty == false)
                    #expect(!FileManager.default.fileExists(atPath: outside + "/note.txt"))
                    try await client.reply(
                        to: id, result: ["decision": "accept"], method: "item/commandExecution/requestApproval")
                    let completed = try await client.notification("item/completed") {
                        $0["item"]?["type"] == "commandExecution"
                    }
                    #expect(completed["item"]?["status"] == "completed")
                    #expect(completed["item"]?["exitCode"] == 0)
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    let text = String(
                        decoding: FileManager.default.contents(atPath: outside + "/note.txt") ?? Data(), as: UTF8.self)
                    #expect(text == "escaped\n")
                }
            }
            let output = UnifiedExecCatalog.output(of: "call_w", in: server.requests.last)
            #expect(output?.contains("\nProcess exited with code 0\n") == true)
        }
    }

    /// Under `untrusted` a new exec command asks first; a decline leaves it unrun and tells the model as the reference does.
    @Test func declinedCommandIsNotRun() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(callID: "call_no", name: "exec_command", arguments: #"{"cmd":"touch declined.txt"}"#),
                .assistantText("ok"))
            try await CodexTestHome.withHome(server: server) { home in
                try UnifiedExecCatalog.install(in: home, server: server)
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["approvalPolicy": "untrusted", "sandbox": "workspace-write"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "touch")
                    let (id, params) = try await client.serverRequest("item/commandExecution/requestApproval")
                    #expect(params["command"] == "/bin/bash -lc 'touch declined.txt'")
                    try await client.reply(
                        to: id, result: ["decision": "decline"], method: "item/commandExecution/requestApproval")
                    let completed = try await client.notification("item/completed") {
                        $0["item"]?["type"] == "commandExecution"
                    }
                    #expect(completed["item"]?["status"] == "declined")
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                }
                #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/declined.txt"))
            }
            #expect(
                UnifiedExecCatalog.output(of: "call_no", in: server.requests.last)
                    == #"exec_command failed: CreateProcess { message: "Rejected(\"rejected by user\")" }"#)
        }
    }

    /// Waits (bounded) until no process has `pid`; the killed processes are reaped by their parents.
    static func waitUntilGone(_ pid: Int32, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while kill(pid, 0) == 0, !isZombie(pid) {
            guard ContinuousClock.now < deadline else {
                Issue.record("pid \(pid) still alive after the interrupt")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// True when `pid` exists but has exited and awaits its parent's wait (state Z).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
