@testable import CodexMCPServer
import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `codex mcp-server` end to end over stdio, against the mock model.
@Suite struct MCPServerE2ETests {
    @Test(arguments: ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"])
    func initializeEchoesTheProtocolVersionsClientsOffer(version: String) async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await MCPServerE2E.withServer(home: home, initialize: false) { client in
                let result = try await client.initialize(protocolVersion: version)
                #expect(result["protocolVersion"]?.stringValue == version)
                #expect(result["serverInfo"]?["name"] == "codex-mcp-server")
                #expect(result["serverInfo"]?["title"] == "Codex")
                #expect(result["capabilities"] == ["tools": ["listChanged": true]])
                let again = try await client.answer(to: try await client.sendRequest("initialize", [
                    "protocolVersion": .string(version), "capabilities": [:], "clientInfo": ["name": "x", "version": "1"],
                ]))
                #expect(again["error"]?["code"] == -32600)
            }
        }
    }

    @Test func toolsListOffersCodexAndCodexReplyWithTheirSchemas() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await MCPServerE2E.withServer(home: home) { client in
                let result = try await client.request("tools/list", [:])
                let tools = result["tools"]?.arrayValue ?? []
                #expect(tools.compactMap { $0["name"]?.stringValue } == ["codex", "codex-reply"])
                #expect(result["nextCursor"] == nil)
                for (tool, expected) in zip(tools, CodexToolDefinitions.all) {
                    #expect(tool["inputSchema"] == expected["inputSchema"])
                    #expect(tool["outputSchema"] == CodexToolDefinitions.outputSchema)
                    #expect(tool["title"] == expected["title"])
                    #expect(tool["description"] == expected["description"])
                }
            }
        }
    }

    @Test func aCodexCallReturnsTheFinalMessageAndItsThreadAndRelaysEvents() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("Hello from the mock", deltas: ["Hello ", "from the mock"]))
            try await CodexTestHome.withHome(server: server) { home in
                try await MCPServerE2E.withServer(home: home) { client in
                    let id = try await client.startCall("codex", ["prompt": "say hello", "cwd": .string(home.workDirectory)])
                    let configured = try await client.event("session_configured", requestID: id)
                    #expect(configured["id"] == "")
                    let threadID = configured["_meta"]?["threadId"]?.stringValue
                    #expect(configured["msg"]?["session_id"]?.stringValue == threadID)
                    #expect(configured["msg"]?["cwd"]?.stringValue == home.workDirectory)
                    let started = try await client.event("task_started", requestID: id)
                    #expect(started["id"]?.stringValue == String(id))
                    let message = try await client.event("agent_message", requestID: id)
                    #expect(message["msg"]?["message"] == "Hello from the mock")
                    let complete = try await client.event("task_complete", requestID: id)
                    #expect(complete["msg"]?["last_agent_message"] == "Hello from the mock")
                    let (text, resultThread) = try MCPServerE2E.success(try await client.response(to: id))
                    #expect(text == "Hello from the mock")
                    #expect(resultThread == threadID)
                    let request = try #require(server.requests.first)
                    #expect(request.userTexts.contains("say hello"))
                }
            }
        }
    }

    @Test func aReplyContinuesTheThreadWithItsWholeHistory() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("first answer"), .assistantText("second answer"))
            try await CodexTestHome.withHome(server: server) { home in
                try await MCPServerE2E.withServer(home: home) { client in
                    let first = try MCPServerE2E.success(
                        try await client.request("tools/call", ["name": "codex", "arguments": ["prompt": "first question"]]))
                    let second = try MCPServerE2E.success(
                        try await client.request(
                            "tools/call",
                            ["name": "codex-reply", "arguments": ["prompt": "second question", "threadId": .string(first.threadID)]]))
                    #expect(second == ("second answer", first.threadID))
                }
                let requests = try await server.waitForRequests(count: 2)
                let history = requests[1].inputItems.map { $0.serialized() }.joined(separator: "\n")
                #expect(requests[1].userTexts.contains("first question"))
                #expect(requests[1].userTexts.contains("second question"))
                #expect(history.contains("first answer"))
            }
        }
    }

    @Test func aReplyReopensAThreadAnEarlierServerPersistedUnderItsDeprecatedName() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("remembered"), .assistantText("still remembered"))
            try await CodexTestHome.withHome(server: server) { home in
                let first = try await MCPServerE2E.withServer(home: home) { client in
                    try MCPServerE2E.success(
                        try await client.request("tools/call", ["name": "codex", "arguments": ["prompt": "remember this"]]))
                }
                let second = try await MCPServerE2E.withServer(home: home) { client in
                    try MCPServerE2E.success(
                        try await client.request(
                            "tools/call",
                            ["name": "codex-reply", "arguments": ["prompt": "what was it?", "conversationId": .string(first.threadID)]]))
                }
                #expect(second == ("still remembered", first.threadID))
                let requests = try await server.waitForRequests(count: 2)
                #expect(requests[1].userTexts.contains("remember this"))
                #expect(requests[1].inputItems.map { $0.serialized() }.joined().contains("remembered"))
            }
        }
    }

    @Test func theCallsOptionsReachTheModelRequest() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("from the profile"), .assistantText("with options"))
            try await CodexTestHome.withHome(server: server) { home in
                try home.writeConfig(baseURL: server.baseURL, extraTablesTOML: "[profiles.fast]\nmodel = \"profile-model\"\n")
                try await MCPServerE2E.withServer(home: home) { client in
                    _ = try await client.request("tools/call", ["name": "codex", "arguments": ["prompt": "one", "profile": "fast"]])
                    let result = try await client.request(
                        "tools/call",
                        [
                            "name": "codex",
                            "arguments": [
                                "prompt": "two", "model": "explicit-model", "base-instructions": "BASE RULES",
                                "developer-instructions": "DEV RULES", "config": ["model_reasoning_effort": "high"],
                            ],
                        ])
                    #expect(try MCPServerE2E.success(result).text == "with options")
                }
                let requests = try await server.waitForRequests(count: 2)
                #expect(requests[0].body?["model"] == "profile-model")
                #expect(requests[1].body?["model"] == "explicit-model")
                #expect(requests[1].body?["instructions"] == "BASE RULES")
                #expect(requests[1].body?["reasoning"]?["effort"] == "high")
                #expect(requests[1].inputItems.contains { $0["role"] == "developer" && $0.serialized().contains("DEV RULES") })
                #expect(requests[1].header("user-agent")?.contains("mcp-e2e; 1.0") == true)
            }
        }
    }

    @Test func badInputGetsErrorsAndTheServerKeepsServing() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await MCPServerE2E.withServer(home: home) { client in
                try await client.sendLine("{not json")
                let parseError = try await client.next(timeout: .seconds(10)) { $0["error"] != nil && $0["id"] == .null }
                #expect(parseError["error"]?["code"] == -32700)
                let unknownMethod = try await client.answer(to: try await client.sendRequest("resources/list", [:]))
                #expect(unknownMethod["error"]?["code"] == -32601)
                try await client.sendLine("[]")
                let emptyBatch = try await client.next(timeout: .seconds(10)) { $0["error"] != nil && $0["id"] == .null }
                #expect(emptyBatch["error"]?["code"] == -32600)
                for params: JSONValue in [["name": "codex", "arguments": 5], ["arguments": [:]], "codex"] {
                    let invalid = try await client.answer(to: try await client.sendRequest("tools/call", params))
                    #expect(invalid["error"]?["code"] == -32602, "\(params.serialized())")
                }
                let cases: [(JSONValue, String)] = [
                    (["name": "nope", "arguments": [:]], "Unknown tool 'nope'"),
                    (["name": "codex"], "Missing arguments for codex tool-call; the `prompt` field is required."),
                    (["name": "codex", "arguments": ["prompt": 5]], "Failed to parse configuration for Codex tool: prompt: invalid type: integer `5`, expected a string"),
                    (["name": "codex", "arguments": ["prompt": "x", "sandbox": "open"]], "Failed to parse configuration for Codex tool: sandbox: unknown variant `open`, expected one of `read-only`, `workspace-write`, `danger-full-access`"),
                    (["name": "codex-reply", "arguments": ["prompt": "x"]], "either threadId or conversationId must be provided"),
                    (["name": "codex-reply", "arguments": ["prompt": "x", "threadId": "019bbed6-1e9e-7f31-984c-a05b65045719"]], "Session not found for thread_id: 019bbed6-1e9e-7f31-984c-a05b65045719"),
                ]
                for (params, message) in cases {
                    let result = try await client.request("tools/call", params)
                    #expect(result["isError"] == true)
                    #expect(result["content"]?.arrayValue?.first?["text"]?.stringValue == message)
                }
                let tools = try await client.request("tools/list", [:])
                #expect(tools["tools"]?.arrayValue?.count == 2)
            }
        }
    }

    @Test func requestsBeforeInitializeAreRefused() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await MCPServerE2E.withServer(home: home, initialize: false) { client in
                let early = try await client.answer(to: try await client.sendRequest("tools/list", [:]))
                #expect(early["error"]?["code"] == -32600)
                try await client.initialize()
                #expect(try await client.request("tools/list", [:])["tools"]?.arrayValue?.count == 2)
            }
        }
    }
}
