import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// Opt-in: `codex exec --json` with the fixture MCP server gives the same `mcp_tool_call` items, the same
/// namespace tool and the same tool outputs to the model as the reference binary (0.163.0). Runs only when
/// `CODEX_REFERENCE_BIN` is set and a Python with the MCP SDK is available.
@Suite struct ExecMCPReferenceTests {
    @Test func mcpCallsMatchTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare exec MCP tool calls with the reference")
            return
        }
        guard let python = ExecMCPEndToEndTests.python else { return print(MCPFixturePython.skipMessage) }
        let theirs = try await Self.observe(binary: reference, python: python, fullAccess: true)
        let ours = try await Self.observe(binary: nil, python: python, fullAccess: true)
        #expect(theirs.items.count == 8)
        #expect(ours.items == theirs.items)
        #expect(ours.namespace == theirs.namespace)
        #expect(ours.outputs == theirs.outputs)
    }

    /// exec's approval policy `never` with its read-only sandbox: every call to these unannotated tools is refused.
    @Test func refusedCallsMatchTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare exec MCP approval refusals with the reference")
            return
        }
        guard let python = ExecMCPEndToEndTests.python else { return print(MCPFixturePython.skipMessage) }
        let theirs = try await Self.observe(binary: reference, python: python, fullAccess: false)
        let ours = try await Self.observe(binary: nil, python: python, fullAccess: false)
        #expect(theirs.items.count == 8)
        #expect(ours.items == theirs.items)
        #expect(ours.outputs == theirs.outputs)
    }

    struct Observation: Sendable {
        /// The `mcp_tool_call` events, without their ids.
        var items: [JSONValue]
        /// The `mcp__fake` tool of the first request.
        var namespace: JSONValue?
        /// Every `function_call_output` of the last request, wall times blanked.
        var outputs: [JSONValue]
    }

    /// `fullAccess`: `--dangerously-bypass-approvals-and-sandbox` and `default_tools_approval_mode = "approve"`;
    /// otherwise exec's defaults.
    static func observe(binary: String?, python: String, fullAccess: Bool) async throws -> Observation {
        let packageRoot = CodexBinary.packageRoot(startingAt: #filePath) ?? "."
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try home.writeConfig(
                baseURL: server.baseURL,
                extraRootTOML: "check_for_update_on_startup = false\nmcp_optional_startup_grace_ms = 0",
                extraTablesTOML: "[analytics]\nenabled = false\n\n"
                    + ExecMCPEndToEndTests.fixtureTable("fake", python: python, approvalMode: fullAccess ? "approve" : nil))
            server.enqueue(
                ExecMCPEndToEndTests.call("call_1", "echo", #"{"text":"hello"}"#),
                ExecMCPEndToEndTests.call("call_2", "rpcerror", ""),
                ExecMCPEndToEndTests.call("call_3", "structured", "{}"),
                ExecMCPEndToEndTests.call("call_4", "fail", "{}"),
                ExecMCPEndToEndTests.call("call_5", "nosuch", "{}"),
                .assistantText("done"))
            let exec = ExecHarness(server: server, home: home)
            let bypass = fullAccess ? ["--dangerously-bypass-approvals-and-sandbox"] : []
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check"] + bypass + ["go"], binary: binary)
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let items = try ExecHarness.events(result.stdout).compactMap { event -> JSONValue? in
                guard case .object(var item)? = event["item"], item["type"] == "mcp_tool_call" else { return nil }
                item["id"] = nil
                return ["type": event["type"] ?? .null, "item": .object(item)]
            }
            let requests = server.requests
            let namespace = requests.first?.body?["tools"]?.arrayValue?.first { $0["name"] == "mcp__fake" }
            let outputs = (requests.last?.inputItems ?? []).filter { $0["type"] == "function_call_output" }.map { output in
                JSONValue.object(JSONObject([("call_id", output["call_id"] ?? .null), ("output", blankWallTime(output["output"]))]))
            }
            return Observation(items: items, namespace: namespace, outputs: outputs)
        }
    }

    /// `Wall time: 0.0123 seconds` → `Wall time: T seconds`, wherever it appears.
    static func blankWallTime(_ value: JSONValue?) -> JSONValue {
        switch value {
        case .string(let text)?:
            guard let range = text.range(of: #"Wall time: [0-9.]+ seconds"#, options: .regularExpression) else {
                return .string(text)
            }
            return .string(text.replacingCharacters(in: range, with: "Wall time: T seconds"))
        case .array(let parts)?:
            return .array(parts.map { part in
                guard case .object(var object) = part else { return part }
                object["text"] = object["text"].map { blankWallTime($0) }
                return .object(object)
            })
        default:
            return value ?? .null
        }
    }
}
