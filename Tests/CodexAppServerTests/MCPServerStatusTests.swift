import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `mcpServerStatus/list` and `config/mcpServer/reload` over a spawned app-server, with the fixture MCP server
/// (official MCP Python SDK), a server whose program is missing and a disabled one; every answer is validated
/// against the reference schema by the client. Skipped with a message when no Python with the SDK is available.
@Suite struct MCPServerStatusTests {
    static let python = MCPToolCallItemTests.python

    static func tables(python: String) -> String {
        """
        [mcp_servers.fake]
        command = "\(python)"
        args = ["\(MCPToolCallItemTests.fixture)", "--instructions", "Hi"]

        [mcp_servers.broken]
        command = "no-such-mcp-server-xyz"

        [mcp_servers.dis]
        command = "x"
        enabled = false
        """
    }

    static func withClient(
        python: String, parent: String? = nil, binary: String? = nil,
        _ body: @Sendable (AppServerClient, CodexTestHome) async throws -> Void
    ) async throws {
        try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try home.writeConfig(
                baseURL: server.baseURL, extraRootTOML: "mcp_optional_startup_grace_ms = 0",
                extraTablesTOML: "[analytics]\nenabled = false\n\n" + tables(python: python))
            try await AppServerE2E.withServer(home: home, binary: binary) { client in try await body(client, home) }
        }
    }

    @Test func listsEveryConfiguredServerWithToolsErrorsAndPages() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await Self.withClient(python: python) { client, _ in
            let all = try await client.request("mcpServerStatus/list", [:])
            let data = try #require(all["data"]?.arrayValue)
            #expect(data.map { $0["name"] } == ["broken", "dis", "fake"])
            #expect(all["nextCursor"] == .null)

            let fake = data[2]
            #expect(fake["runtimeStatus"] == .null)
            #expect(fake["authStatus"] == "unsupported")
            #expect(fake["httpOrigin"] == .null)
            #expect(fake["toolsError"] == .null)
            #expect(fake["serverInfo"]?["name"] == "fixture")
            #expect(fake["serverCapabilities"]?["tools"] != nil)
            #expect(fake["tools"]?.objectValue?.count == 14)
            #expect(
                fake["tools"]?["echo"]
                    == [
                        "name": "echo", "description": "Echo the text back.",
                        "inputSchema": [
                            "type": "object",
                            "properties": ["text": ["type": "string", "description": "what to echo", "title": "Text"]],
                            "required": ["text"],
                        ],
                    ])
            #expect(fake["resources"] == [] && fake["resourceTemplates"] == [])

            let broken = data[0]
            #expect(broken["tools"] == [:])
            #expect(broken["serverInfo"] == .null)
            #expect(broken["toolsError"]?.stringValue?.hasPrefix("MCP startup failed: ") == true)
            #expect(data[1]["toolsError"] == .null && data[1]["tools"] == [:])

            let first = try await client.request("mcpServerStatus/list", ["limit": 1])
            #expect(first["data"]?.arrayValue?.map { $0["name"] } == ["broken"])
            #expect(first["nextCursor"] == "1")
            let rest = try await client.request("mcpServerStatus/list", ["cursor": "1", "detail": "toolsAndAuthOnly"])
            #expect(rest["data"]?.arrayValue?.map { $0["name"] } == ["dis", "fake"])
            #expect(rest["nextCursor"] == .null)

            let none = try await client.request("mcpServerStatus/list", ["serverName": "nope"])
            #expect(none == ["data": [], "nextCursor": nil])
            let one = try await client.request("mcpServerStatus/list", ["serverName": "fake"])
            #expect(one["data"]?.arrayValue?.map { $0["name"] } == ["fake"])
        }
    }

    @Test func aThreadsConnectionsReportTheirRuntimeStatusAndReloadRestartsThem() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await Self.withClient(python: python) { client, home in
            let threadID = try await AppServerE2E.startThread(client, ["cwd": .string(home.workDirectory)])
            try await Self.expectStartupNotifications(client, threadID: threadID)
            let statuses = try await Self.settledStatuses(client, threadID: threadID)
            #expect(statuses == ["broken": "failed", "dis": "disabled", "fake": "connected"])
            let message = try await client.errorMessage(of: "mcpServerStatus/list", ["threadId": "no-such-thread"])
            #expect(message == "thread not found: no-such-thread")

            #expect(try await client.request("config/mcpServer/reload", .null) == [:])
            try await Self.expectStartupNotifications(client, threadID: threadID)
            #expect(try await Self.settledStatuses(client, threadID: threadID) == statuses)
        }
    }

    /// `mcpServer/startupStatus/updated`: `starting` for each enabled server, then `failed` (with the reference's
    /// message) for the missing program and `ready` for the fixture; the disabled server is never announced.
    static func expectStartupNotifications(_ client: AppServerClient, threadID: String) async throws {
        let method = "mcpServer/startupStatus/updated"
        for name in ["broken", "fake"] {
            let starting = try await client.notification(method) { $0["name"]?.stringValue == name }
            #expect(starting == ["threadId": .string(threadID), "name": .string(name), "status": "starting", "error": nil,
                "failureReason": nil])
        }
        let failed = try await client.notification(method) { $0["name"] == "broken" }
        #expect(failed["status"] == "failed")
        #expect(failed["error"]?.stringValue?.hasPrefix("MCP client for `broken` failed to start: MCP startup failed: ") == true)
        let ready = try await client.notification(method) { $0["name"] == "fake" }
        #expect(ready == ["threadId": .string(threadID), "name": "fake", "status": "ready", "error": nil, "failureReason": nil])
    }

    /// The thread's `runtimeStatus` by server, asked again while any server is still starting (bounded).
    static func settledStatuses(_ client: AppServerClient, threadID: String) async throws -> [String: JSONValue] {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while true {
            let answer = try await client.request(
                "mcpServerStatus/list", ["threadId": .string(threadID), "detail": "toolsAndAuthOnly"])
            var statuses: [String: JSONValue] = [:]
            for entry in answer["data"]?.arrayValue ?? [] {
                if let name = entry["name"]?.stringValue { statuses[name] = entry["runtimeStatus"] ?? .null }
            }
            if !statuses.values.contains("starting") || clock.now > deadline { return statuses }
            await Task.yield()
        }
    }

    /// Opt-in: the reference answers `mcpServerStatus/list` the same way for the same servers.
    @Test func statusListMatchesTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare mcpServerStatus/list with the reference")
            return
        }
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        let parent = (CodexBinary.packageRoot(startingAt: #filePath) ?? ".") + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let answers = Answers()
        for binary in [reference, nil] {
            try await Self.withClient(python: python, parent: parent, binary: binary) { client, _ in
                await answers.append(try await client.request("mcpServerStatus/list", [:]))
            }
        }
        let both = await answers.values
        #expect(both.count == 2)
        // The spawn error's wording is the OS's and the reference's own; compare everything else.
        let normalized = both.map { answer -> JSONValue in
            guard case .object(var object) = answer, var data = object["data"]?.arrayValue else { return answer }
            for index in data.indices {
                if case .object(var entry) = data[index], entry["toolsError"]?.stringValue != nil {
                    entry["toolsError"] = "<error>"
                    data[index] = .object(entry)
                }
            }
            object["data"] = .array(data)
            return .object(object)
        }
        #expect(normalized.first == normalized.last)
    }

    actor Answers {
        var values: [JSONValue] = []
        func append(_ value: JSONValue) { values.append(value) }
    }
}
