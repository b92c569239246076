import CodexConfig
import CodexCore
@testable import CodexMCPClient
import CodexProtocol
import CodexTestSupport
import Foundation
import Synchronization
import Testing

/// The manager against the fixture server (official MCP Python SDK): startup, tools to the model, calls and
/// their failures. Skipped with a message when no Python with the SDK is available.
@Suite struct MCPConnectionManagerTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/mcp_fixture_server.py"
    ).path
    static let python = MCPFixturePython.locate(
        environment: ProcessInfo.processInfo.environment,
        repositoryRoot: CodexBinary.packageRoot(startingAt: #filePath) ?? ".")

    /// A stdio entry running the fixture.
    static func fixtureServer(
        python: String, instructions: String? = nil, env: [String: String] = [:], envVars: [String] = [],
        cwd: String? = nil, toolTimeout: Double = 30, enabledTools: [String]? = nil, disabledTools: [String] = []
    ) -> McpServerConfig {
        var args = [fixture]
        if let instructions { args += ["--instructions", instructions] }
        return McpServerConfig(
            transport: .stdio(command: python, args: args, env: env, envVars: envVars, cwd: cwd),
            startupTimeoutSeconds: 30, toolTimeoutSeconds: toolTimeout, enabledTools: enabledTools,
            disabledTools: disabledTools)
    }

    static func withManager(
        _ servers: [String: McpServerConfig], sessionCwd: String = "/", environment: [String: String] = [:],
        oauthStore: MCPOAuthCredentialStore? = nil, _ body: @escaping @Sendable (MCPConnectionManager) async throws -> Void
    ) async throws {
        var parent = ProcessInfo.processInfo.environment
        for (key, value) in environment { parent[key] = value }
        let inherited = parent
        try await withTimeout(.seconds(90), waitingFor: "the MCP manager test") {
            let failure: (any Error)? = await MCPConnectionManager.withServers(
                servers, sessionCwd: sessionCwd, environment: inherited, clientVersion: "0.0.1", oauthStore: oauthStore
            ) { manager in
                await manager.waitUntilSettled()
                do {
                    try await body(manager)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { throw failure }
        }
    }

    static func call(
        _ manager: MCPConnectionManager, server: String = "fake", tool: String, arguments: JSONValue? = [:],
        callID: String = "call_1", approval: ExternalToolCallApproval = .granted
    ) async -> ExternalToolCallOutcome {
        await manager.call(
            ExternalToolCallRequest(
                target: ExternalToolTarget(server: server, tool: tool), arguments: arguments, callID: callID,
                threadID: "thread-1", turnID: "turn-1", approval: approval))
    }

    @Test func toolsReachTheModelAsOneNamespacePerServer() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        let servers = [
            "fake": Self.fixtureServer(python: python, instructions: "Fixture instructions."),
            "my-server.v2": Self.fixtureServer(python: python, enabledTools: ["echo", "cwd"], disabledTools: ["cwd"]),
        ]
        try await Self.withManager(servers) { manager in
            #expect(manager.statuses == ["fake": .ready, "my-server.v2": .ready])
            let specs = await manager.toolSpecs(threadID: "t")
            #expect(specs.map { $0["name"] } == ["mcp__fake", "mcp__my_server_v2"])
            let fake = try #require(specs.first)
            #expect(fake["type"] == "namespace")
            #expect(fake["description"] == "Fixture instructions.")
            let tools = try #require(fake["tools"]?.arrayValue)
            let names = tools.compactMap { $0["name"]?.stringValue }
            #expect(names.first == "ask")
            #expect(names.contains("echo") && names.count == 14)
            let duplicates = names.filter { $0.hasPrefix("dup_name_") }
            #expect(duplicates.count == 2 && Set(duplicates).count == 2)
            let echo = try #require(tools.first { $0["name"] == "echo" })
            #expect(
                echo
                    == [
                        "type": "function", "name": "echo", "description": "Echo the text back.", "strict": false,
                        "parameters": [
                            "type": "object",
                            "properties": ["text": ["type": "string", "description": "what to echo"]],
                            "required": ["text"],
                        ],
                    ])
            // Filtered: only `echo` is left; no instructions → the default description.
            #expect(specs[1]["tools"]?.arrayValue?.map { $0["name"] } == ["echo"])
            #expect(specs[1]["description"] == "Tools in the mcp__my_server_v2 namespace.")
            #expect(await manager.resolve(namespace: "mcp__my_server_v2", name: "cwd", threadID: "t") == nil)
            let echoTarget = await manager.resolve(namespace: "mcp__fake", name: "echo", threadID: "t")
            #expect(echoTarget?.server == "fake" && echoTarget?.tool == "echo")
            #expect(echoTarget?.description == "Echo the text back.")
            #expect(echoTarget?.approval == ExternalToolApprovalTraits(mode: .auto))
            let readOnly = await manager.resolve(namespace: "mcp__fake", name: "readonly", threadID: "t")
            #expect(readOnly?.approval == ExternalToolApprovalTraits(mode: .auto, readOnlyHint: true, destructiveHint: false))
        }
    }

    @Test func aCallsArgumentsReachTheServerAndItsResultComesBack() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await TemporaryDirectory.withTemporaryDirectory { folder in
            let log = folder.appending("calls.jsonl")
            try await Self.withManager(["fake": Self.fixtureServer(python: python, env: ["FIXTURE_CALL_LOG": log])]) { manager in
                let outcome = await Self.call(manager, tool: "echo", arguments: ["text": "hello"], callID: "call_7")
                #expect(outcome.errorMessage == nil && !outcome.isError)
                let parts = try #require(outcome.modelContentItems)
                #expect(parts.count == 2)
                let header = try #require(parts[0]["text"]?.stringValue)
                #expect(header.hasPrefix("Wall time: ") && header.hasSuffix(" seconds\nOutput:"))
                #expect(parts[1] == ["type": "input_text", "text": "ECHO:hello"])
                #expect(outcome.result?["content"] == [["type": "text", "text": "ECHO:hello"]])
                let logged = try JSONParser.parse(try String(contentsOfFile: log, encoding: .utf8))
                #expect(logged["name"] == "echo")
                #expect(logged["arguments"] == ["text": "hello"])
                #expect(logged["_meta"]?["callId"] == "call_7")
            }
        }
    }

    @Test func resultShapesAndErrorsFollowTheReference() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        // `fake` answers everything; `short` has a short tool timeout (generous enough for a loaded machine).
        let servers = ["fake": Self.fixtureServer(python: python), "short": Self.fixtureServer(python: python, toolTimeout: 3)]
        try await Self.withManager(servers) { manager in
            // A call the core refused is not run; each refusal has the reference's words.
            let refusals: [(ExternalToolCallApproval, String)] = [
                (.refusedByPolicy, "MCP tool call requires approval, but approval policy is never"),
                (.rejectedByUser, "user rejected MCP tool call"), (.cancelledByUser, "user cancelled MCP tool call"),
            ]
            for (approval, text) in refusals {
                let refused = await Self.call(manager, tool: "structured", approval: approval)
                #expect(refused.result == nil && refused.errorMessage == text)
                #expect(refused.modelContentItems?.last == ["type": "input_text", "text": .string(text)])
            }
            let structured = await Self.call(manager, tool: "structured")
            #expect(structured.modelContentItems == nil)
            #expect(structured.modelOutput.hasSuffix(" seconds\nOutput:\n{\"answer\":42}"))
            #expect(structured.result?["structuredContent"] == ["answer": 42])

            let image = await Self.call(manager, tool: "image")
            let imagePart = try #require(image.modelContentItems?.last)
            #expect(imagePart["type"] == "input_image" && imagePart["detail"] == "high")
            #expect(imagePart["image_url"]?.stringValue?.hasPrefix("data:image/png;base64,iVBOR") == true)

            let failed = await Self.call(manager, tool: "fail")
            #expect(failed.isError && failed.errorMessage == nil)
            #expect(failed.modelContentItems?.last == ["type": "input_text", "text": "it went wrong"])

            let rpc = await Self.call(manager, tool: "rpcerror")
            #expect(
                rpc.errorMessage
                    == "tool call error: tool call failed for `fake/rpcerror`\n\nCaused by:\n    Mcp error: -32000: custom rpc failure")
            #expect(rpc.modelContentItems?.last?["text"]?.stringValue == rpc.errorMessage)

            let slow = await Self.call(manager, server: "short", tool: "slow", arguments: ["seconds": 30])
            #expect(slow.errorMessage?.hasSuffix("Caused by:\n    timed out awaiting tools/call after 3s") == true)
            // The server is still usable after a timed-out call.
            let echo = await Self.call(manager, server: "short", tool: "echo", arguments: ["text": "after"])
            #expect(echo.modelContentItems?.last == ["type": "input_text", "text": "ECHO:after"])

            let crash = await Self.call(manager, tool: "crash")
            #expect(crash.errorMessage?.hasSuffix("Caused by:\n    Transport closed") == true)
            let afterCrash = await Self.call(manager, tool: "echo", arguments: ["text": "x"])
            #expect(afterCrash.errorMessage?.hasSuffix("Caused by:\n    Transport closed") == true)
            // The crashed server's tools stay advertised.
            #expect(await manager.toolSpecs(threadID: "t").map { $0["name"] } == ["mcp__fake", "mcp__short"])
        }
    }

    @Test func theChildGetsTheWhitelistedEnvironmentAndTheSessionRelativeCwd() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await TemporaryDirectory.withTemporaryDirectory { folder in
            let session = try folder.makeDirectory("session")
            _ = try folder.makeDirectory("session/sub")
            let server = Self.fixtureServer(
                python: python, env: ["FROM_ENV": "set-by-env", "TZ": "Overridden"], envVars: ["PASSED_BY_NAME"],
                cwd: "sub")
            let environment = ["NOT_PASSED": "secret", "PASSED_BY_NAME": "by-name", "TZ": "UTC", "LANG": "C.UTF-8"]
            try await Self.withManager(["fake": server], sessionCwd: session, environment: environment) { manager in
                func variable(_ name: String) async -> JSONValue? {
                    await Self.call(manager, tool: "env", arguments: ["name": .string(name)]).modelContentItems?.last?["text"]
                }
                #expect(await variable("NOT_PASSED") == "<unset>")
                #expect(await variable("PASSED_BY_NAME") == "by-name")
                #expect(await variable("FROM_ENV") == "set-by-env")
                #expect(await variable("TZ") == "Overridden")
                #expect(await variable("LANG") == "C.UTF-8")
                let cwd = await Self.call(manager, tool: "cwd").modelContentItems?.last?["text"]?.stringValue
                #expect(cwd.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                    == URL(fileURLWithPath: session + "/sub").resolvingSymlinksInPath().path)
            }
        }
    }

    @Test func leavingTheBodyKillsAndReapsTheServer() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        let pid = Mutex<Int32>(0)
        try await Self.withManager(["fake": Self.fixtureServer(python: python)]) { manager in
            let text = await Self.call(manager, tool: "pid").modelContentItems?.last?["text"]?.stringValue
            pid.withLock { $0 = Int32(text ?? "") ?? 0 }
        }
        let serverPID = pid.withLock { $0 }
        #expect(serverPID > 0)
        // Reaped: not even a zombie is left under that id.
        #expect(kill(serverPID, 0) == -1 && errno == ESRCH)
    }

    @Test func startupFailuresAreRecordedPerServerAndNeverFatal() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        var hanging = McpServerConfig(
            transport: .stdio(command: "/bin/sleep", args: ["60"], env: [:], envVars: [], cwd: nil), startupTimeoutSeconds: 0.5)
        hanging.toolTimeoutSeconds = 1
        let exiting = McpServerConfig(transport: .stdio(command: "/bin/true", args: [], env: [:], envVars: [], cwd: nil))
        let missing = McpServerConfig(
            transport: .stdio(command: "no-such-mcp-server-xyz", args: [], env: [:], envVars: [], cwd: nil))
        var disabled = Self.fixtureServer(python: python)
        disabled.enabled = false
        let servers = [
            "fake": Self.fixtureServer(python: python), "hang": hanging, "exits": exiting, "missing": missing,
            "off": disabled,
        ]
        let clock = ContinuousClock()
        let start = clock.now
        try await Self.withManager(servers) { manager in
            let statuses = manager.statuses
            #expect(statuses["off"] == nil, "a disabled server is never started")
            #expect(statuses["fake"] == .ready)
            #expect(
                statuses["hang"]
                    == .failed("MCP client for `hang` failed to start: MCP startup failed: timed out handshaking with MCP server after 0.5s"))
            #expect(
                statuses["exits"]
                    == .failed(
                        "MCP client for `exits` failed to start: MCP startup failed: handshaking with MCP server failed: connection closed: initialize response"))
            #expect(
                statuses["missing"]
                    == .failed("MCP client for `missing` failed to start: MCP startup failed: No such file or directory (os error 2)"))
            #expect(await manager.toolSpecs(threadID: "t").map { $0["name"] } == ["mcp__fake"])
        }
        // The hanging child was killed at shutdown, not waited for.
        #expect(clock.now - start < .seconds(30))
    }
}
