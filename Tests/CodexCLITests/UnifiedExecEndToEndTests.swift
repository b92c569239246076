import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex exec` with a catalog model whose `shell_type` is `unified_exec`.
@Suite struct UnifiedExecEndToEndTests {
    static let catalog = """
        {"models":[{"slug":"mock-model","display_name":"Mock","description":"mock","default_reasoning_level":null,
        "supported_reasoning_levels":[],"shell_type":"unified_exec","visibility":"list","supported_in_api":true,
        "priority":1,"upgrade":null,"base_instructions":"You are a mock.","supports_reasoning_summaries":false,
        "support_verbosity":false,"default_verbosity":null,"apply_patch_tool_type":"freeform",
        "truncation_policy":{"mode":"bytes","limit":10000},"supports_parallel_tool_calls":false,
        "context_window":200000,"experimental_supported_tools":[]}]}
        """

    static func installCatalog(_ home: CodexTestHome, server: MockResponsesServer) throws {
        let path = try home.root.write(catalog, to: "codex_home/mock_models.json")
        try home.writeConfig(
            baseURL: server.baseURL, extraRootTOML: "model_catalog_json = \"\(path)\"\ncheck_for_update_on_startup = false",
            extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
    }

    static func output(of callID: String, in request: RecordedRequest?) -> String? {
        request?.body?["input"]?.arrayValue?.first {
            $0["call_id"]?.stringValue == callID && $0["type"] == "function_call_output"
        }?["output"]?.stringValue
    }

    /// A command still running when its yield time ends is polled with an empty `write_stdin` until it exits.
    @Test func longRunningCommandIsPolledToCompletion() async throws {
        try await withExec { exec in
            try Self.installCatalog(exec.home, server: exec.server)
            exec.server.enqueue(
                .functionCall(
                    callID: "call_run", name: "exec_command",
                    arguments: #"{"cmd":"echo EARLY-3; sleep 1.5; echo LATE-7","yield_time_ms":300}"#),
                .functionCall(
                    callID: "call_poll", name: "write_stdin",
                    arguments: #"{"session_id":\#(MockReply.lastSessionIDPlaceholder),"chars":"","yield_time_ms":10000}"#),
                .assistantText("finished"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "run it"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let requests = exec.server.requests.filter { $0.path.hasSuffix("/responses") }
            #expect(requests.count == 3)
            let started = try #require(Self.output(of: "call_run", in: requests.count > 1 ? requests[1] : nil))
            #expect(started.contains("\nProcess running with session ID "))
            #expect(started.hasSuffix("Output:\nEARLY-3\n"))
            let polled = try #require(Self.output(of: "call_poll", in: requests.count > 2 ? requests[2] : nil))
            #expect(polled.contains("\nProcess exited with code 0\n"))
            #expect(polled.hasSuffix("Output:\nLATE-7\n"))
            // The poll returned when the process ended, well before its 10 s yield time.
            let wall = polled.split(separator: "\n").first { $0.hasPrefix("Wall time: ") }
            let seconds = wall.flatMap { Double($0.dropFirst("Wall time: ".count).prefix { $0 != " " }) }
            #expect((seconds ?? 99) < 5)

            let events = try ExecHarness.events(result.stdout)
            let completed = events.first { $0["type"] == "item.completed" && $0["item"]?["type"] == "command_execution" }
            #expect(completed?["item"]?["command"] == "/bin/bash -lc 'echo EARLY-3; sleep 1.5; echo LATE-7'")
            #expect(completed?["item"]?["aggregated_output"] == "EARLY-3\nLATE-7\n")
            #expect(completed?["item"]?["exit_code"] == 0)
        }
    }

    /// A session still running when `codex exec` finishes dies with its thread: no orphan is left.
    @Test func sessionsDieWhenTheThreadEnds() async throws {
        try await withExec { exec in
            try Self.installCatalog(exec.home, server: exec.server)
            exec.server.enqueue(
                .functionCall(
                    callID: "call_bg", name: "exec_command",
                    arguments: #"{"cmd":"echo PID=$$; exec sleep 1000","yield_time_ms":1000}"#),
                .assistantText("leaving it running"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "start"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let output = try #require(Self.output(of: "call_bg", in: exec.server.requests.last))
            #expect(output.contains("\nProcess running with session ID "))
            let pidText = output.split(separator: "\n").first { $0.hasPrefix("PID=") }?.dropFirst(4)
            let pid = try #require(pidText.flatMap { Int32($0) }, "\(output)")
            // codex reaped the shell before exiting, so the pid is free (or reused by an unrelated process).
            let stat = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)
            #expect(stat?.contains("sleep") != true, "session process \(pid) outlived codex exec")
        }
    }

    /// Output past `max_output_tokens` is cut in the middle, with the reference's header.
    @Test func outputIsTruncatedToTheTokenBudget() async throws {
        try await withExec { exec in
            try Self.installCatalog(exec.home, server: exec.server)
            exec.server.enqueue(
                .functionCall(
                    callID: "call_seq", name: "exec_command", arguments: #"{"cmd":"seq 1 2000","max_output_tokens":50}"#),
                .assistantText("ok"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "count"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let output = try #require(Self.output(of: "call_seq", in: exec.server.requests.last))
            #expect(output.contains("\nProcess exited with code 0\nOriginal token count: 2224\nOutput:\n"))
            #expect(output.contains("Warning: truncated output (original token count: 2224)\nTotal output lines: 2000\n\n1\n2\n"))
            #expect(output.hasSuffix("36\n3…2174 tokens truncated…1981\n1982\n" + (1983...2000).map { "\($0)\n" }.joined()))
        }
    }

    /// Without stdin (no tty), a write is refused with the reference's message; unknown ids too.
    @Test func writesToAPipeSessionAndUnknownSessionsFail() async throws {
        try await withExec { exec in
            try Self.installCatalog(exec.home, server: exec.server)
            exec.server.enqueue(
                .functionCall(callID: "call_sleep", name: "exec_command", arguments: #"{"cmd":"sleep 5","yield_time_ms":250}"#),
                .functionCall(
                    callID: "call_write", name: "write_stdin",
                    arguments: #"{"session_id":\#(MockReply.lastSessionIDPlaceholder),"chars":"x"}"#),
                .functionCall(callID: "call_unknown", name: "write_stdin", arguments: #"{"session_id":99,"chars":""}"#),
                .assistantText("ok"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "write"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let last = exec.server.requests.last
            #expect(
                Self.output(of: "call_write", in: last)
                    == "write_stdin failed: stdin is closed for this session; rerun exec_command with tty=true to keep stdin open")
            #expect(Self.output(of: "call_unknown", in: last) == "write_stdin failed: Unknown process id 99")
        }
    }

    /// Without catalog data the model keeps today's tools; with it, the reference's exec tools replace shell_command.
    @Test func toolListFollowsTheCatalog() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("plain"))
            _ = try await exec.run(["exec", "--skip-git-repo-check", "hi"])
            try Self.installCatalog(exec.home, server: exec.server)
            exec.server.enqueue(.assistantText("catalog"))
            _ = try await exec.run(["exec", "--skip-git-repo-check", "hi"])
            let names = exec.server.requests.filter { $0.path.hasSuffix("/responses") }.map { request in
                request.body?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue ?? $0["type"]?.stringValue } ?? []
            }
            #expect(
                names == [
                    ["shell_command", "apply_patch", "update_plan"],
                    ["exec_command", "write_stdin", "request_user_input", "apply_patch", "view_image", "web_search"],
                ])
        }
    }

    /// Opt-in: our tool definitions are the reference's, field for field, and in its order (the reference's
    /// multi-agent and goal tools, which this build does not have, left out).
    @Test func toolDefinitionsMatchTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare the unified-exec tool definitions with the reference")
            return
        }
        let theirs = try await Self.tools(binary: reference)
        let ours = try await Self.tools(binary: nil)
        let names = ["exec_command", "write_stdin", "request_user_input", "apply_patch", "view_image", "web_search"]
        for name in names {
            #expect(theirs.tools[name] != nil, "reference has no \(name)")
            #expect(ours.tools[name] == theirs.tools[name], "\(name) differs")
        }
        #expect(ours.order == names)
        #expect(theirs.order.filter { names.contains($0) } == names)
    }

    /// The tools of the first request, by name (the provider's tools by type), and their names in order.
    static func tools(binary: String?) async throws -> (tools: [String: JSONValue], order: [String]) {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try installCatalog(home, server: server)
            server.enqueue(.assistantText("hi"))
            _ = try await ExecHarness(server: server, home: home).run(
                ["exec", "--skip-git-repo-check", "hi"], binary: binary)
            var byName: [String: JSONValue] = [:]
            var order: [String] = []
            for tool in server.requests.first?.body?["tools"]?.arrayValue ?? [] {
                if let name = tool["name"]?.stringValue ?? tool["type"]?.stringValue {
                    byName[name] = tool
                    order.append(name)
                }
            }
            return (byName, order)
        }
    }
}
