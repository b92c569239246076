import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex exec` with `[mcp_servers]`: the fixture MCP server (official MCP Python SDK) started by exec, the
/// scripted model calling its tools. Skipped with a message when no Python with the SDK is available.
@Suite struct ExecMCPEndToEndTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../CodexMCPClientTests/Fixtures/mcp_fixture_server.py"
    ).standardizedFileURL.path
    static let python = MCPFixturePython.locate(
        environment: ProcessInfo.processInfo.environment,
        repositoryRoot: CodexBinary.packageRoot(startingAt: #filePath) ?? ".")

    static func tomlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The `[mcp_servers.NAME]` table running the fixture.
    /// `approvalMode` is `default_tools_approval_mode` (exec's approval policy is `never`: without `approve`,
    /// calls to tools without read-only annotations are refused).
    static func fixtureTable(
        _ name: String, python: String, callLog: String? = nil, extra: String = "", approvalMode: String? = "approve"
    ) -> String {
        var lines = [
            "[mcp_servers.\(name)]",
            "command = \(tomlString(python))",
            "args = [\(tomlString(fixture)), \"--instructions\", \"Fixture instructions.\"]",
        ]
        if let approvalMode { lines.append("default_tools_approval_mode = \(tomlString(approvalMode))") }
        if !extra.isEmpty { lines.append(extra) }
        if let callLog { lines += ["[mcp_servers.\(name).env]", "FIXTURE_CALL_LOG = \(tomlString(callLog))"] }
        return lines.joined(separator: "\n")
    }

    static func call(_ id: String, _ tool: String, _ arguments: String, namespace: String = "mcp__fake") -> MockReply {
        .namespacedFunctionCall(callID: id, namespace: namespace, name: tool, arguments: arguments, responseID: "resp_" + id)
    }

    @Test func theModelCallsAnMCPToolAndGetsItsResult() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await withExec { exec in
            let log = exec.home.root.appending("calls.jsonl")
            try exec.home.writeConfig(
                baseURL: exec.server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0",
                extraTablesTOML: Self.fixtureTable("fake", python: python, callLog: log))
            exec.server.enqueue(Self.call("call_1", "echo", #"{"text":"hello"}"#), .assistantText("done"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "use the tool"])
            #expect(result.exit == .exited(0), "\(result.stderr)")

            let first = try #require(exec.server.requests.first)
            let namespace = try #require(first.body?["tools"]?.arrayValue?.first { $0["name"] == "mcp__fake" })
            #expect(namespace["type"] == "namespace")
            #expect(namespace["description"] == "Fixture instructions.")

            let logged = try JSONParser.parse(try String(contentsOfFile: log, encoding: .utf8))
            #expect(logged["arguments"] == ["text": "hello"])

            let second = try #require(exec.server.requests.last)
            let output = try #require(second.toolOutput(callID: "call_1")?["output"]?.arrayValue)
            #expect(output.count == 2)
            #expect(output[0]["text"]?.stringValue?.hasPrefix("Wall time: ") == true)
            #expect(output[1] == ["type": "input_text", "text": "ECHO:hello"])

            let events = try ExecHarness.events(result.stdout)
            let mcp = events.filter { $0["item"]?["type"] == "mcp_tool_call" }
            #expect(mcp.map { $0["type"] } == ["item.started", "item.completed"])
            #expect(
                mcp.first?["item"]
                    == [
                        "id": "item_0", "type": "mcp_tool_call", "server": "fake", "tool": "echo",
                        "arguments": ["text": "hello"], "result": nil, "error": nil, "status": "in_progress",
                    ])
            #expect(
                mcp.last?["item"]
                    == [
                        "id": "item_0", "type": "mcp_tool_call", "server": "fake", "tool": "echo",
                        "arguments": ["text": "hello"],
                        "result": ["content": [["type": "text", "text": "ECHO:hello"]], "structured_content": nil],
                        "error": nil, "status": "completed",
                    ])
        }
    }

    @Test func underApprovalPolicyNeverACallNeedingApprovalIsRefused() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await withExec { exec in
            let log = exec.home.root.appending("calls.jsonl")
            try exec.home.writeConfig(
                baseURL: exec.server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0",
                extraTablesTOML: Self.fixtureTable("fake", python: python, callLog: log, approvalMode: nil))
            exec.server.enqueue(Self.call("call_1", "echo", #"{"text":"hello"}"#), .assistantText("done"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "use the tool"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: log), "the server was not called")
            let message = "MCP tool call requires approval, but approval policy is never"
            let output = exec.server.requests.last?.toolOutput(callID: "call_1")?["output"]?.arrayValue
            #expect(output?.last == ["type": "input_text", "text": .string(message)])
            let completed = try ExecHarness.events(result.stdout).last { $0["item"]?["type"] == "mcp_tool_call" }
            #expect(completed?["item"]?["status"] == "failed")
            #expect(completed?["item"]?["error"] == ["message": .string(message)])
        }
    }

    /// Spec §6.1, §6.3 (observed): a read-only tool runs unasked under approval `never`; exec has nobody to ask,
    /// so a server's elicitation is declined.
    @Test func aReadOnlyToolRunsUnaskedAndAServersElicitationIsDeclined() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await withExec { exec in
            try exec.home.writeConfig(
                baseURL: exec.server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0",
                extraTablesTOML: Self.fixtureTable("fake", python: python, approvalMode: nil)
                    + "\n[mcp_servers.fake.tools.ask]\napproval_mode = \"approve\"")
            exec.server.enqueue(Self.call("call_ro", "readonly", "{}"), Self.call("call_ask", "ask", "{}"), .assistantText("done"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "use the tools"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let items = try ExecHarness.events(result.stdout).filter {
                $0["type"] == "item.completed" && $0["item"]?["type"] == "mcp_tool_call"
            }
            #expect(items.map { $0["item"]?["status"] } == ["completed", "completed"])
            #expect(items.first?["item"]?["result"]?["content"] == [["type": "text", "text": "readonly"]])
            #expect(items.last?["item"]?["result"]?["content"] == [["type": "text", "text": "ELICIT:decline:null"]])
        }
    }

    @Test func aSlowToolTimesOutAndACrashedOrBrokenServerDoesNotBreakTheTurn() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await withExec { exec in
            let tables = [
                Self.fixtureTable("fake", python: python, extra: "tool_timeout_sec = 1"),
                "[mcp_servers.broken]\ncommand = \"no-such-mcp-server-xyz\"",
            ].joined(separator: "\n\n")
            try exec.home.writeConfig(
                baseURL: exec.server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0", extraTablesTOML: tables)
            exec.server.enqueue(
                Self.call("call_slow", "slow", #"{"seconds":30}"#), Self.call("call_crash", "crash", "{}"),
                Self.call("call_after", "echo", #"{"text":"x"}"#), Self.call("call_broken", "echo", "{}", namespace: "mcp__broken"),
                .assistantText("survived"))
            let result = try await exec.run(["exec", "--skip-git-repo-check", "go"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(result.stdout == "survived\n")
            let requests = exec.server.requests
            #expect(requests.count == 5)
            let tools = requests.first?.body?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(tools.contains("mcp__fake") && !tools.contains("mcp__broken"))
            func lastText(_ callID: String) -> String? {
                requests.last?.toolOutput(callID: callID)?["output"]?.arrayValue?.last?["text"]?.stringValue
            }
            #expect(lastText("call_slow")?.hasSuffix("Caused by:\n    timed out awaiting tools/call after 1000ms") == true)
            #expect(lastText("call_crash")?.hasSuffix("Caused by:\n    Transport closed") == true)
            #expect(lastText("call_after")?.hasSuffix("Caused by:\n    Transport closed") == true)
            #expect(requests.last?.toolOutput(callID: "call_broken")?["output"] == "unsupported call: mcp__brokenecho")
            #expect(result.stderr.contains("mcp: fake/slow started\nmcp: fake/slow (failed)\ntool call error: tool call failed for `fake/slow`"))
        }
    }
}
