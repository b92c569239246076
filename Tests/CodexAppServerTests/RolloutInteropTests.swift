import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// One CODEX_HOME shared by our binary and the reference (0.163.0): each lists, reads, resumes and appends
/// to the other's threads (docs/rollout-format.md). Runs only when `CODEX_REFERENCE_BIN` names the
/// reference `codex`; otherwise each test prints that it is skipped.
@Suite(.serialized) struct RolloutInteropTests {
    /// A home under `<package>/.build` (the reference refuses CODEX_HOME under /tmp) with a model catalog
    /// that gives `mock-model` the reference's exec_command and freeform apply_patch tools.
    struct SharedHome {
        let root: TemporaryDirectory
        var codexHome: String { root.appending("codex_home") }
        var work: String { root.appending("work") }

        static func create(server: MockResponsesServer) throws -> SharedHome {
            let packageRoot = try #require(CodexBinary.packageRoot(startingAt: #filePath))
            let root = try TemporaryDirectory.create(prefix: "rollout-interop", in: packageRoot + "/.build")
            let home = SharedHome(root: root)
            for folder in ["codex_home", "work", "tmp", "home"] { _ = try root.makeDirectory(folder) }
            let catalog = """
                {"models":[{"slug":"mock-model","display_name":"Mock","description":"mock","default_reasoning_level":null,
                "supported_reasoning_levels":[],"shell_type":"unified_exec","visibility":"list","supported_in_api":true,
                "priority":1,"upgrade":null,"base_instructions":"You are a mock.","supports_reasoning_summaries":false,
                "support_verbosity":false,"default_verbosity":null,"apply_patch_tool_type":"freeform",
                "truncation_policy":{"mode":"bytes","limit":10000},"supports_parallel_tool_calls":false,
                "context_window":200000,"experimental_supported_tools":[]}]}
                """
            _ = try root.write(catalog, to: "codex_home/mock_models.json")
            let config = CodexTestHome.configTOML(
                baseURL: server.baseURL,
                extraRootTOML: "model_catalog_json = \"\(home.codexHome)/mock_models.json\"\ncheck_for_update_on_startup = false",
                extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
            _ = try root.write(config, to: "codex_home/config.toml")
            return home
        }

        func spec(_ binary: String, _ arguments: [String], stdin: ProcessSpec.StandardInput = .none) -> ProcessSpec {
            ProcessSpec(
                executable: binary, arguments: arguments,
                environment: ProcessSpec.minimalEnvironment([
                    "HOME": root.appending("home"), "CODEX_HOME": codexHome, "TMPDIR": root.appending("tmp"),
                    "MOCK_API_KEY": CodexTestHome.apiKey,
                ]),
                workingDirectory: work, standardInput: stdin)
        }

        /// `exec --json` with full access; returns the thread id.
        func exec(_ binary: String, _ prompt: String) async throws -> String {
            let result = try await ChildProcess.run(
                spec(binary, ["exec", "--json", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", prompt]),
                timeout: .seconds(120))
            #expect(result.exit == .exited(0), "\(binary) exec failed: \(result.stderr)")
            let events = result.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
            let started = try #require(events.first { $0["type"] == "thread.started" })
            return try #require(started["thread_id"]?.stringValue)
        }

        /// Runs `body` with an initialized app-server of `binary`.
        func appServer<Result: Sendable>(_ binary: String, _ body: (AppServerClient) async throws -> Result) async throws -> Result {
            try await ChildProcess.withProcess(spec(binary, ["app-server"], stdin: .writable)) { process in
                let client = AppServerClient(process)
                _ = try await client.request(
                    "initialize", ["clientInfo": ["name": "interop", "version": "1.0"], "capabilities": ["experimentalApi": true]])
                try await process.write(#"{"method":"initialized"}"# + "\n")
                return try await body(client)
            }
        }
    }

    static func referenceBinary() -> String? {
        guard let binary = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !binary.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to the reference codex (0.163.0) to run the rollout interop tests")
            return nil
        }
        return binary
    }

    /// Kind and main text of each item of each turn.
    static func summary(_ turns: JSONValue?) -> [[String]] {
        (turns?.arrayValue ?? []).map { turn in
            (turn["items"]?.arrayValue ?? []).map { item in
                let type = item["type"]?.stringValue ?? "?"
                switch type {
                case "userMessage": return "user: " + (item["content"]?.arrayValue?.first?["text"]?.stringValue ?? "")
                case "agentMessage": return "agent: " + (item["text"]?.stringValue ?? "")
                case "commandExecution":
                    return "command: " + (item["status"]?.stringValue ?? "") + " " + (item["aggregatedOutput"]?.stringValue ?? "")
                case "fileChange":
                    let paths = (item["changes"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue?.split(separator: "/").last }
                    return "patch: " + paths.joined(separator: ",")
                default: return type
                }
            }
        }
    }

    static func turnOnResume(_ client: AppServerClient, threadID: String, text: String) async throws {
        _ = try await client.request("thread/resume", ["threadId": .string(threadID)], timeout: .seconds(60))
        let turn = try await client.request(
            "turn/start",
            ["threadId": .string(threadID), "input": [["type": "text", "text": .string(text), "text_elements": []]]])
        let turnID = try #require(turn["turn"]?["id"]?.stringValue)
        let completed = try await client.notification("turn/completed", timeout: .seconds(60)) {
            $0["turn"]?["id"]?.stringValue == turnID
        }
        #expect(completed["turn"]?["status"] == "completed")
    }

    @Test func referenceWritesOursListsReadsAndAppendsReferenceReadsBoth() async throws {
        guard let reference = Self.referenceBinary() else { return }
        let ours = try CodexBinary.locate()
        try await MockResponsesServer.withServer { server in
            let home = try SharedHome.create(server: server)
            defer { home.root.remove() }
            server.enqueue(
                .functionCall(callID: "call_ref_cmd", name: "exec_command", arguments: #"{"cmd":"echo REF-CMD-OUT","workdir":"."}"#),
                .customToolCall(callID: "call_ref_patch", name: "apply_patch", input: "*** Begin Patch\n*** Add File: ref.txt\n+ref\n*** End Patch"),
                .assistantText("reference answer"))
            let threadID = try await home.exec(reference, "reference question")

            server.enqueue(.assistantText("our answer"))
            try await home.appServer(ours) { client in
                let listed = try await client.request("thread/list", ["sourceKinds": ["exec"]])
                let entry = try #require(listed["data"]?.arrayValue?.first { $0["id"]?.stringValue == threadID })
                #expect(entry["preview"] == "reference question")
                let read = try await client.request("thread/read", ["threadId": .string(threadID), "includeTurns": true])
                #expect(
                    Self.summary(read["thread"]?["turns"]) == [
                        ["user: reference question", "command: completed REF-CMD-OUT\n", "patch: ref.txt", "agent: reference answer"]
                    ])
                try await Self.turnOnResume(client, threadID: threadID, text: "our question")
            }

            try await home.appServer(reference) { client in
                let resumed = try await client.request("thread/resume", ["threadId": .string(threadID)], timeout: .seconds(60))
                let turns = Self.summary(resumed["thread"]?["turns"])
                #expect(turns.count == 2)
                #expect(turns.first?.first == "user: reference question")
                #expect(turns.last == ["user: our question", "agent: our answer"])
            }
        }
    }

    @Test func oursWritesReferenceListsResumesAndAppendsOursReadsBoth() async throws {
        guard let reference = Self.referenceBinary() else { return }
        let ours = try CodexBinary.locate()
        try await MockResponsesServer.withServer { server in
            let home = try SharedHome.create(server: server)
            defer { home.root.remove() }
            server.enqueue(
                .functionCall(callID: "call_our_cmd", name: "shell_command", arguments: #"{"command":"echo OUR-CMD-OUT","workdir":"."}"#),
                .customToolCall(callID: "call_our_patch", name: "apply_patch", input: "*** Begin Patch\n*** Add File: ours.txt\n+ours\n*** End Patch"),
                .assistantText("our answer"))
            let threadID = try await home.exec(ours, "our question")

            server.enqueue(.assistantText("reference answer"))
            try await home.appServer(reference) { client in
                let listed = try await client.request("thread/list", ["sourceKinds": ["exec"]])
                let entry = try #require(listed["data"]?.arrayValue?.first { $0["id"]?.stringValue == threadID })
                #expect(entry["preview"] == "our question")
                // 0.163.0 shows a paginated thread's turns once it has projected the file, which resume does.
                let resumed = try await client.request("thread/resume", ["threadId": .string(threadID)], timeout: .seconds(60))
                let turns = Self.summary(resumed["thread"]?["turns"])
                #expect(turns.count == 1)
                #expect(turns.first?.first == "user: our question")
                #expect(turns.first?.contains { $0.hasPrefix("command: completed") && $0.contains("OUR-CMD-OUT") } == true)
                #expect(turns.first?.contains("patch: ours.txt") == true)
                #expect(turns.first?.last == "agent: our answer")
                let turn = try await client.request(
                    "turn/start",
                    ["threadId": .string(threadID), "input": [["type": "text", "text": "reference question", "text_elements": []]]])
                let turnID = try #require(turn["turn"]?["id"]?.stringValue)
                _ = try await client.notification("turn/completed", timeout: .seconds(60)) { $0["turn"]?["id"]?.stringValue == turnID }
            }

            try await home.appServer(ours) { client in
                let read = try await client.request("thread/read", ["threadId": .string(threadID), "includeTurns": true])
                let turns = Self.summary(read["thread"]?["turns"])
                #expect(turns.count == 2)
                #expect(turns.last == ["user: reference question", "agent: reference answer"])
                let agentTexts = turns.flatMap { $0 }.filter { $0.hasPrefix("agent: ") }
                #expect(agentTexts == ["agent: our answer", "agent: reference answer"])
            }
        }
    }
}
