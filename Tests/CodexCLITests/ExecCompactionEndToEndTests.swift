import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// Compaction end to end on the mock model: a thread past a small `model_auto_compact_token_limit`
/// compacts before its next turn, keeps working, and resumes compacted in a new process; a
/// context-window error recovers by compacting. With `CODEX_REFERENCE_BIN` set, the reference resumes
/// our compacted rollout with the same history.
@Suite struct ExecCompactionEndToEndTests {
    static let promptStart = "CONTEXT CHECKPOINT: the conversation so far is about to be replaced"
    static let summaryStart = "Another language model started to solve this problem"
    static let big = MockUsage(inputTokens: 4995, outputTokens: 5)
    static let small = MockUsage(inputTokens: 95, outputTokens: 5)

    @Test func aThreadPastTheLimitCompactsKeepsWorkingAndResumesCompacted() async throws {
        try await withExec(configure: { home, server in
            try home.writeConfig(baseURL: server.baseURL, extraRootTOML: "model_auto_compact_token_limit = 1000")
        }) { exec in
            exec.server.enqueue(
                .assistantText("one", usage: Self.big), .assistantText("SUMMARY-TEXT", usage: Self.small),
                .assistantText("two", usage: Self.small), .assistantText("three", usage: Self.small))
            let threadID = try await Self.runFirstTwoTurns(exec, binary: nil)
            let requests = exec.server.requests
            try #require(requests.count == 3)
            #expect(requests[1].userTexts.last?.hasPrefix(Self.promptStart) == true)
            #expect(!requests[1].userTexts.contains("second"))
            try Self.expectCompacted(requests[2], newInput: "second")

            // A new process resumes the compacted history.
            let third = try await exec.run(["exec", "--skip-git-repo-check", "resume", threadID, "third"])
            #expect(third.exit == .exited(0), "\(third.stderr)")
            #expect(!third.stderr.contains("context compacted"))
            let resumed = try #require(exec.server.requests.last)
            try Self.expectCompacted(resumed, newInput: "third")
            #expect(Self.assistantTexts(resumed) == ["two"])

            let rollout = try #require(exec.rolloutFiles().first)
            let lines = try String(contentsOfFile: rollout, encoding: .utf8).split(separator: "\n")
                .map { try JSONParser.parse(String($0)) }
            let compacted = try #require(lines.first { $0["type"] == "compacted" })
            #expect(compacted["payload"]?["message"]?.stringValue?.hasSuffix("\nSUMMARY-TEXT") == true)
            #expect(compacted["payload"]?["replacement_history"]?.arrayValue?.isEmpty == false)
            #expect(lines.contains { $0["payload"]?["item"]?["type"] == "ContextCompaction" })
        }
    }

    @Test func aContextWindowErrorMidTurnRecoversByCompacting() async throws {
        try await withExec { exec in
            exec.server.enqueue(
                .failed(code: "context_length_exceeded", message: "Your input exceeds the context window of this model."),
                .assistantText("SUMMARY-TEXT", usage: Self.small), .assistantText("recovered", usage: Self.small))
            // `compact_prompt` replaces the built-in summarization prompt.
            let run = try await exec.run([
                "exec", "--skip-git-repo-check", "-c", "compact_prompt=\"Summarize for the next model.\"", "go",
            ])
            #expect(run.exit == .exited(0), "\(run.stderr)")
            #expect(run.stdout == "recovered\n")
            #expect(run.stderr.contains("context compacted\n"))
            let requests = exec.server.requests
            try #require(requests.count == 3)
            #expect(requests[1].userTexts.last == "Summarize for the next model.")
            #expect(requests[2].userTexts.last?.hasPrefix(Self.summaryStart) == true)
        }
    }

    /// The error comes after a tool call of the same turn: the compaction request carries the call and its output,
    /// the retried request carries the summary instead of them, and the turn completes.
    @Test func aContextWindowErrorAfterAToolCallOfTheTurnCompactsOnceAndRetries() async throws {
        try await withExec { exec in
            exec.server.enqueue(
                .functionCall(callID: "call_plan", name: "update_plan", arguments: #"{"plan":[{"step":"a","status":"pending"}]}"#),
                .failed(code: "context_length_exceeded", message: "Your input exceeds the context window of this model."),
                .assistantText("SUMMARY-TEXT", usage: Self.small), .assistantText("recovered", usage: Self.small))
            let run = try await exec.run(["exec", "--skip-git-repo-check", "go"])
            #expect(run.exit == .exited(0), "\(run.stderr)")
            #expect(run.stdout == "recovered\n")
            #expect(run.stderr.components(separatedBy: "context compacted\n").count == 2)
            let requests = exec.server.requests
            try #require(requests.count == 4)
            let isPlanOutput: (JSONValue) -> Bool = { $0["type"] == "function_call_output" && $0["call_id"] == "call_plan" }
            #expect(requests[1].inputItems.contains(where: isPlanOutput))
            #expect(requests[2].userTexts.last?.hasPrefix(Self.promptStart) == true)
            #expect(requests[2].inputItems.contains(where: isPlanOutput))
            #expect(requests[3].userTexts.last?.hasPrefix(Self.summaryStart) == true)
            #expect(requests[3].userTexts.last?.hasSuffix("SUMMARY-TEXT") == true)
            #expect(!requests[3].inputItems.contains(where: isPlanOutput))
            #expect(requests[3].userTexts.contains("go"))
        }
    }

    @Test func theOpenAIProviderCompactsOnTheServer() async throws {
        try await withExec(configure: { home, _ in
            try home.root.write(
                "model = \"mock-model\"\nmodel_provider = \"openai\"\nmodel_auto_compact_token_limit = 1000\n",
                to: "codex_home/config.toml")
            try home.root.write(
                #"{"auth_mode":"apikey","OPENAI_API_KEY":"sk-test"}"#, to: "codex_home/auth.json")
        }) { exec in
            let compaction: JSONValue = ["type": "compaction", "id": "cmp_1", "encrypted_content": "ENC"]
            exec.server.enqueue(
                .assistantText("one", usage: Self.big), .response(items: [compaction], usage: Self.small),
                .assistantText("two", usage: Self.small))
            let environment = ["OPENAI_BASE_URL": exec.server.baseURL]
            let first = try await ChildProcess.run(
                exec.home.codexSpec(
                    ["exec", "--json", "--skip-git-repo-check", "first"], binary: try CodexBinary.locate(),
                    standardInput: .data([]), extraEnvironment: environment), timeout: .seconds(90))
            #expect(first.exit == .exited(0), "\(first.stderr)")
            let threadID = try #require(try ExecHarness.events(first.stdout).first?["thread_id"]?.stringValue)
            let second = try await ChildProcess.run(
                exec.home.codexSpec(
                    ["exec", "--skip-git-repo-check", "resume", threadID, "second"], binary: try CodexBinary.locate(),
                    standardInput: .data([]), extraEnvironment: environment), timeout: .seconds(90))
            #expect(second.exit == .exited(0), "\(second.stderr)")
            #expect(second.stderr.contains("context compacted\n"))
            let requests = exec.server.requests
            try #require(requests.count == 3)
            #expect(requests[1].header("authorization") == "Bearer sk-test")
            #expect(requests[1].inputItems.last == ["type": "compaction_trigger"])
            let sentBack = requests[2].inputItems.suffix(2).first
            #expect(sentBack?["type"] == "compaction" && sentBack?["encrypted_content"] == "ENC")
            #expect(requests[2].userTexts.last == "second")
            #expect(Self.assistantTexts(requests[2]).isEmpty)
        }
    }

    @Test func theReferenceResumesOurCompactedRollout() async throws {
        try await Self.acrossBinaries(compactingWith: nil, resumingWith: "reference")
    }

    @Test func weResumeTheReferencesCompactedRollout() async throws {
        try await Self.acrossBinaries(compactingWith: "reference", resumingWith: nil)
    }

    /// One binary runs `first` and `second` (compacting before `second`), the other resumes with `third`
    /// and must send the compacted history. "reference" stands for `CODEX_REFERENCE_BIN`, nil for ours.
    static func acrossBinaries(compactingWith compacting: String?, resumingWith resuming: String?) async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to resume compacted rollouts across our binary and the reference")
            return
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try home.writeConfig(
                baseURL: server.baseURL,
                extraRootTOML: "model_auto_compact_token_limit = 1000\ncheck_for_update_on_startup = false",
                extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
            server.enqueue(
                .assistantText("one", usage: Self.big), .assistantText("SUMMARY-TEXT", usage: Self.small),
                .assistantText("two", usage: Self.small), .assistantText("three", usage: Self.small))
            let exec = ExecHarness(server: server, home: home)
            let threadID = try await Self.runFirstTwoTurns(exec, binary: compacting.map { _ in reference })
            let third = try await exec.run(
                ["exec", "--skip-git-repo-check", "resume", threadID, "third"], binary: resuming.map { _ in reference })
            #expect(third.exit == .exited(0), "\(third.stderr)")
            let resumed = try #require(server.requests.last)
            try Self.expectCompacted(resumed, newInput: "third")
            #expect(Self.assistantTexts(resumed) == ["two"])
        }
    }

    /// `first` (which fills the context past the limit), then `second` in a new process, which compacts
    /// before its turn. Returns the thread id.
    static func runFirstTwoTurns(_ exec: ExecHarness, binary: String?) async throws -> String {
        let first = try await exec.run(["exec", "--json", "--skip-git-repo-check", "first"], binary: binary)
        #expect(first.exit == .exited(0), "\(first.stderr)")
        let threadID = try #require(try ExecHarness.events(first.stdout).first?["thread_id"]?.stringValue)
        let second = try await exec.run(["exec", "--skip-git-repo-check", "resume", threadID, "second"], binary: binary)
        #expect(second.exit == .exited(0), "\(second.stderr)")
        #expect(second.stdout == "two\n")
        #expect(second.stderr.contains("context compacted\n"))
        #expect(second.stderr.contains("Heads up: Long threads and multiple compactions"))
        return threadID
    }

    /// The request carries the compacted history: `first`, the summary, then what came after it, and
    /// not the assistant's reply from before the compaction.
    static func expectCompacted(_ request: RecordedRequest, newInput: String) throws {
        let texts = request.userTexts.filter { !$0.hasPrefix("<") }
        let summaryIndex = try #require(texts.firstIndex { $0.hasPrefix(summaryStart) }, "\(texts)")
        #expect(texts[summaryIndex].hasSuffix("\nSUMMARY-TEXT"))
        #expect(texts[..<summaryIndex].contains("first"))
        #expect(texts.last == newInput)
        #expect(!assistantTexts(request).contains("one"))
    }

    static func assistantTexts(_ request: RecordedRequest) -> [String] {
        request.inputItems.compactMap { item -> String? in
            guard item["type"] == "message", item["role"] == "assistant" else { return nil }
            return (item["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined()
        }
    }
}
