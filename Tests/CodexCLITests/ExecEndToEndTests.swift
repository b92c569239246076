import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// One `codex exec` run against the mock model in a throwaway home.
struct ExecHarness {
    let server: MockResponsesServer
    let home: CodexTestHome

    /// Runs `codex` (or `binary`) with these arguments, in `workingDirectory` (by default the home's `work/`).
    func run(
        _ arguments: [String], stdin: ProcessSpec.StandardInput = .data([]), timeout: Duration = .seconds(90),
        workingDirectory: String? = nil, binary: String? = nil
    ) async throws -> ProcessResult {
        let spec = home.codexSpec(
            arguments, binary: try binary ?? CodexBinary.locate(), standardInput: stdin, workingDirectory: workingDirectory)
        return try await ChildProcess.run(spec, timeout: timeout)
    }

    /// The JSONL events of a `--json` run.
    static func events(_ stdout: String) throws -> [JSONValue] {
        try stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// All rollout files under the home's sessions folder.
    func rolloutFiles() -> [String] {
        let root = home.codexHome + "/sessions"
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { ($0 as? String).map { root + "/" + $0 } }.filter { $0.hasSuffix(".jsonl") }
    }
}

func withExec(
    configure: (CodexTestHome, MockResponsesServer) throws -> Void = { _, _ in },
    _ body: (ExecHarness) async throws -> Void
) async throws {
    try await MockResponsesServer.withServer { server in
        try await CodexTestHome.withHome(server: server) { home in
            try configure(home, server)
            try await body(ExecHarness(server: server, home: home))
        }
    }
}

@Suite struct ExecEndToEndTests {
    @Test func textReplyHumanMode() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("Hello from the mock", deltas: ["Hello ", "from the mock"]))
            let result = try await exec.run(["exec", "--skip-git-repo-check", "say hi"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(result.stdout == "Hello from the mock\n")
            #expect(result.stderr.contains("codex\nHello from the mock"))
            let request = try #require(exec.server.requests.first)
            #expect(request.body?["model"] == "mock-model")
            #expect(request.body?["stream"] == true)
            #expect(request.header("authorization") == "Bearer \(CodexTestHome.apiKey)")
            #expect(request.userTexts.last == "say hi")
        }
    }

    @Test func textReplyJSONMode() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("JSON mode final answer"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "p"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let events = try ExecHarness.events(result.stdout)
            #expect(events.map { $0["type"]?.stringValue } == ["thread.started", "turn.started", "item.completed", "turn.completed"])
            #expect(events[2]["item"] == ["id": "item_0", "type": "agent_message", "text": "JSON mode final answer"])
            #expect(events[3]["usage"]?["output_tokens"]?.intValue != nil)
        }
    }

    @Test func commandOutputReachesTheNextRequest() async throws {
        try await withExec { exec in
            exec.server.enqueue(
                .functionCall(callID: "call_1", name: "shell_command", arguments: #"{"command":"echo CMD-OUT-7781"}"#),
                .assistantText("ran it"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "run echo"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let second = try #require(exec.server.requests.last)
            let output = try #require(second.toolOutput(callID: "call_1")?["output"]?.stringValue)
            #expect(output.hasPrefix("Exit code: 0\nWall time: "))
            #expect(output.contains("CMD-OUT-7781"))
            let events = try ExecHarness.events(result.stdout)
            let completed = events.first { $0["type"] == "item.completed" && $0["item"]?["type"] == "command_execution" }
            #expect(completed?["item"]?["exit_code"] == 0)
            #expect(completed?["item"]?["status"] == "completed")
        }
    }

    @Test func applyPatchAddsUpdatesMovesAndDeletes() async throws {
        try await withExec { exec in
            try exec.home.root.write("one\ntwo\n", to: "work/update.txt")
            try exec.home.root.write("moving\n", to: "work/old.txt")
            try exec.home.root.write("bye\n", to: "work/gone.txt")
            let patch = """
                *** Begin Patch
                *** Add File: added.txt
                +new file
                *** Update File: update.txt
                @@
                 one
                -two
                +TWO
                *** Update File: old.txt
                *** Move to: moved/new.txt
                @@
                -moving
                +moved
                *** Delete File: gone.txt
                *** End Patch
                """
            exec.server.enqueue(.customToolCall(callID: "call_p", name: "apply_patch", input: patch), .assistantText("patched"))
            let result = try await exec.run(["exec", "-s", "workspace-write", "--skip-git-repo-check", "patch"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let work = exec.home.workDirectory
            #expect(try String(contentsOfFile: work + "/added.txt", encoding: .utf8) == "new file\n")
            #expect(try String(contentsOfFile: work + "/update.txt", encoding: .utf8) == "one\nTWO\n")
            #expect(try String(contentsOfFile: work + "/moved/new.txt", encoding: .utf8) == "moved\n")
            #expect(!FileManager.default.fileExists(atPath: work + "/old.txt"))
            #expect(!FileManager.default.fileExists(atPath: work + "/gone.txt"))
            let output = exec.server.requests.last?.toolOutput(callID: "call_p")?["output"]?.stringValue ?? ""
            #expect(output.contains("Success. Updated the following files:\nA added.txt\nM update.txt\nM moved/new.txt\nD gone.txt\n"))
        }
    }

    @Test func invalidPatchChangesNothing() async throws {
        try await withExec { exec in
            try exec.home.root.write("keep\n", to: "work/file.txt")
            let patch = "*** Begin Patch\n*** Update File: file.txt\n@@\n-not there\n+x\n*** Add File: other.txt\n+y\n*** End Patch"
            exec.server.enqueue(.customToolCall(callID: "call_bad", name: "apply_patch", input: patch), .assistantText("ok"))
            let result = try await exec.run(["exec", "-s", "workspace-write", "--skip-git-repo-check", "patch"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(try String(contentsOfFile: exec.home.workDirectory + "/file.txt", encoding: .utf8) == "keep\n")
            #expect(!FileManager.default.fileExists(atPath: exec.home.workDirectory + "/other.txt"))
            let output = exec.server.requests.last?.toolOutput(callID: "call_bad")?["output"]?.stringValue ?? ""
            #expect(output.contains("Failed to find expected lines"))
        }
    }

    @Test func retriesOn500And429AndCutStream() async throws {
        try await withExec(configure: { home, server in
            try home.writeConfig(baseURL: server.baseURL, requestMaxRetries: 2, streamMaxRetries: 2)
        }) { exec in
            exec.server.enqueue(
                .httpError(status: 500, body: "boom"), .rateLimited(retryAfter: "0"),
                .assistantText("partial answer that never completes").cut(afterEvents: 2), .assistantText("recovered"))
            let result = try await exec.run(["exec", "--skip-git-repo-check", "retry please"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(result.stdout == "recovered\n")
            #expect(result.stderr.contains("Reconnecting..."))
            #expect(exec.server.requests.count == 4)
        }
    }

    @Test func persistent500FailsWithAClearMessage() async throws {
        try await withExec { exec in
            for _ in 0..<8 { exec.server.enqueue(.httpError(status: 500, body: "upstream down")) }
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "x"])
            #expect(result.exit == .exited(1))
            let events = try ExecHarness.events(result.stdout)
            let failed = try #require(events.last)
            #expect(failed["type"] == "turn.failed")
            let message = failed["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("mock"))
            #expect(message.contains("500"))
            #expect(message.contains("upstream down"))
        }
    }

    @Test func configOverrideReachesTheRequest() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("ok"))
            let result = try await exec.run(["exec", "-c", "model=other-model", "--skip-git-repo-check", "x"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(exec.server.requests.first?.body?["model"] == "other-model")
        }
    }

    @Test func resumeContinuesTheHistoryInTheSameFile() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("first answer"), .assistantText("second answer"))
            let first = try await exec.run(["exec", "--json", "--skip-git-repo-check", "first question"])
            #expect(first.exit == .exited(0), "\(first.stderr)")
            let threadID = try #require(try ExecHarness.events(first.stdout).first?["thread_id"]?.stringValue)
            let files = exec.rolloutFiles()
            #expect(files.count == 1)
            let second = try await exec.run(["exec", "--json", "--skip-git-repo-check", "resume", "--last", "second question"])
            #expect(second.exit == .exited(0), "\(second.stderr)")
            #expect(try ExecHarness.events(second.stdout).first?["thread_id"]?.stringValue == threadID)
            #expect(exec.rolloutFiles() == files)
            let texts = exec.server.requests.last?.userTexts ?? []
            #expect(texts.contains("first question"))
            #expect(texts.contains("second question"))
            let input = exec.server.requests.last?.inputItems ?? []
            #expect(input.contains { $0["role"] == "assistant" })
            let byID = try await exec.run(["exec", "--skip-git-repo-check", "resume", "not-a-thread", "x"])
            #expect(byID.exit == .exited(1))
        }
    }

    @Test func chatCompletionsProvider() async throws {
        try await withExec(configure: { home, server in
            try home.writeConfig(baseURL: server.baseURL, extraTablesTOML: "")
            let text = try String(contentsOfFile: home.configPath, encoding: .utf8)
                .replacingOccurrences(of: "wire_api = \"responses\"", with: "wire_api = \"chat\"")
            try home.root.write(text, to: "codex_home/config.toml")
        }) { exec in
            exec.server.enqueue(
                .chatToolCall(callID: "call_c", name: "shell_command", arguments: #"{"command":"echo via-chat"}"#),
                .chatText("chat says hi", deltas: ["chat ", "says hi"]))
            let result = try await exec.run(["exec", "--skip-git-repo-check", "x"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(result.stdout == "chat says hi\n")
            #expect(exec.server.requests.allSatisfy { $0.path.hasSuffix("/chat/completions") })
            let messages = exec.server.requests.last?.body?["messages"]?.arrayValue ?? []
            #expect(messages.contains { $0["role"] == "tool" && ($0["content"]?.stringValue ?? "").contains("via-chat") })
        }
    }

    @Test func outsideAGitRepositoryNeedsTheFlag() async throws {
        try await withExec { exec in
            let result = try await exec.run(["exec", "x"])
            #expect(result.exit == .exited(1))
            #expect(result.stderr.contains("Not inside a trusted directory and --skip-git-repo-check was not specified."))
        }
    }

    @Test func sigintMidStreamLeavesAValidRollout() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("never finishes", deltas: ["never ", "finishes"]).holding(afterEvents: 3))
            let spec = exec.home.codexSpec(
                ["exec", "--json", "--skip-git-repo-check", "wait"], binary: try CodexBinary.locate(),
                standardInput: .data([]))
            let exit = try await ChildProcess.withProcess(spec) { process in
                try await exec.server.waitUntilHeld()
                _ = try await process.nextStdoutLine(timeout: .seconds(30))
                process.send(signal: SIGINT)
                return try await process.waitForExit(timeout: .seconds(30))
            }
            #expect(exit == .exited(1))
            let file = try #require(exec.rolloutFiles().first)
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            for line in lines { #expect(throws: Never.self) { try JSONParser.parse(String(line)) } }
            #expect(lines.first?.contains("\"session_meta\"") == true)
            #expect(lines.contains { $0.contains("turn_aborted") })
        }
    }
}
