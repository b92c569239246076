import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Synchronization
import Testing

/// ChatGPT connectors over a spawned app-server (connectors.md §5): a fake ChatGPT backend on 127.0.0.1
/// (Fixtures/fake_chatgpt_connectors.py: the `codex_apps` gateway as a streamable-HTTP MCP server, the app
/// directory and the batch metadata call) and a fabricated ChatGPT login. Every answer is validated against the
/// reference schema by the client. Skipped with a message when no Python is available.
@Suite struct ConnectorsTests {
    static let fixture = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "Fixtures/fake_chatgpt_connectors.py").path
    static let python = MCPToolCallItemTests.python

    /// A ChatGPT auth.json with unsigned tokens valid for a day and a fresh `last_refresh`.
    static func chatGPTAuth() -> String {
        let expires = Int64(Date().timeIntervalSince1970) + 86_400
        let claims: JSONValue = [
            "chatgpt_plan_type": "pro", "chatgpt_user_id": "user-1", "chatgpt_account_id": "acct-1",
        ]
        let idToken = FakeIssuer.jwt(["email": "user@example.com", "exp": .int(expires), "https://api.openai.com/auth": claims])
        let accessToken = FakeIssuer.jwt(["exp": .int(expires), "https://api.openai.com/auth": claims])
        let auth: JSONValue = [
            "auth_mode": "chatgpt", "OPENAI_API_KEY": nil,
            "tokens": [
                "id_token": .string(idToken), "access_token": .string(accessToken), "refresh_token": "rt-fake",
                "account_id": "acct-1",
            ],
            "last_refresh": .string(Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
        ]
        return auth.serialized()
    }

    /// The fake backend's request log, one JSON object per line.
    static func requests(_ path: String) throws -> [JSONValue] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONParser.parse(String($0))
        }
    }

    /// Runs an app-server whose `chatgpt_base_url` is the fake backend, with a ChatGPT login unless
    /// `chatGPTLogin` is false; `tables` lands at the end of config.toml.
    static func withConnectors(
        python: String, server: MockResponsesServer, tables: String = "", chatGPTLogin: Bool = true, binary: String? = nil,
        _ body: @Sendable (AppServerClient, CodexTestHome, _ log: String) async throws -> Void
    ) async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let log = home.root.appending("backend-requests.jsonl")
        try await MCPHTTPFixture.withServer(python: python, script: fixture, arguments: ["--request-log", log]) { backend in
            try home.writeConfig(
                baseURL: server.baseURL,
                extraRootTOML: "chatgpt_base_url = \"\(backend)\"\nmcp_optional_startup_grace_ms = 5000",
                extraTablesTOML: "[analytics]\nenabled = false\n\n" + tables)
            if chatGPTLogin { _ = try home.root.write(chatGPTAuth(), to: "codex_home/auth.json") }
            try await AppServerE2E.withServer(home: home, binary: binary) { client in try await body(client, home, log) }
        }
    }

    static func ids(_ list: JSONValue) -> [String] {
        list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test func appListMergesTheDirectoryWithTheGatewayAndAnnouncesTheUpdate() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            try await Self.withConnectors(python: python, server: server) { client, _, log in
                let first = try await client.request("app/list", [:])
                // The gateway is not loaded yet: directory order by name, HIDDEN left out, both pages read.
                #expect(Self.ids(first) == ["connector_acme", "connector_beta", "connector_zeta"])
                #expect(first["data"]?.arrayValue?.allSatisfy { $0["isAccessible"] == false } == true)
                #expect(first["nextCursor"] == .null)
                let beta = first["data"]?[1]
                #expect(beta?["installUrl"] == "https://chatgpt.com/apps/beta--not-linked/connector_beta")
                #expect(first["data"]?[0]?["logoUrl"] == "https://x/acme.png")
                #expect(first["data"]?[2]?["distributionChannel"] == "ECOSYSTEM_DIRECTORY")

                let updated = try await client.notification("app/list/updated")
                #expect(Self.ids(updated) == ["connector_acme", "connector_zeta", "connector_beta"])
                #expect(updated["data"]?.arrayValue?.map { $0["isAccessible"] } == [true, true, false])

                let page = try await client.request("app/list", ["limit": 2])
                #expect(Self.ids(page) == ["connector_acme", "connector_zeta"])
                #expect(page["nextCursor"] == "2")
                let rest = try await client.request("app/list", ["cursor": "2"])
                #expect(Self.ids(rest) == ["connector_beta"])
                #expect(try await client.errorMessage(of: "app/list", ["cursor": "zz"]) == "invalid cursor: zz")

                let directory = try Self.requests(log).filter {
                    $0["path"]?.stringValue?.hasPrefix("/backend-api/connectors/directory/list") == true
                }
                #expect(
                    directory.map { $0["path"] }
                        == [
                            "/backend-api/connectors/directory/list?external_logos=true",
                            "/backend-api/connectors/directory/list?external_logos=true&token=p2",
                        ])
                #expect(directory.first?["headers"]?["authorization"]?.stringValue?.hasPrefix("Bearer ey") == true)
                #expect(directory.first?["headers"]?["chatgpt-account-id"] == "acct-1")
                let gatewayHeaders = try Self.requests(log).map { $0["headers"] ?? .null }.filter {
                    $0["user-agent"]?.stringValue?.hasPrefix("codex-mcp-client/") == true
                }
                #expect(!gatewayHeaders.isEmpty)
                #expect(gatewayHeaders.allSatisfy { $0["x-openai-product-sku"] == "codex" })
                // Not a first-party ChatGPT origin and no CODEX_CONNECTORS_TOKEN: no credentials to the gateway.
                #expect(gatewayHeaders.allSatisfy { $0["authorization"] == nil })
            }
        }
    }

    @Test func appReadAndAppInstalledFollowTheBackendAndTheAppsConfig() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            let tables = "[apps.connector_zeta]\nenabled = false\n"
            try await Self.withConnectors(python: python, server: server, tables: tables) { client, _, log in
                let read = try await client.request(
                    "app/read", ["appIds": ["connector_acme", "missing", "connector_acme"], "includeTools": true])
                #expect(read["missingAppIds"] == ["missing"])
                #expect(
                    read["apps"]
                        == [
                            [
                                "id": "connector_acme", "name": "Acme Docs", "description": "Docs from Acme.",
                                "iconUrl": "https://x/acme.png", "iconUrlDark": nil, "distributionChannel": "ECOSYSTEM_DIRECTORY",
                                "installUrl": "https://chatgpt.com/apps/acme-docs/connector_acme", "pluginDisplayNames": [],
                                "toolSummaries": [
                                    [
                                        "name": "search", "title": "Search", "description": "Search docs.", "isEnabled": true,
                                        "disabledReason": nil, "isReadOnly": true,
                                    ],
                                    [
                                        "name": "create_page", "title": nil, "description": "Create a page.", "isEnabled": false,
                                        "disabledReason": "admin", "isReadOnly": false,
                                    ],
                                ],
                            ]
                        ])
                let batch = try Self.requests(log).filter { $0["path"]?.stringValue == "/backend-api/ps/apps/batch" }
                #expect(batch.map { $0["body"] } == [["app_ids": ["connector_acme", "missing"], "include_tools": true]])
                let tooMany = JSONValue.array((0...100).map { .string("app_\($0)") })
                #expect(try await client.errorMessage(of: "app/read", ["appIds": tooMany]) == "app/read accepts at most 100 appIds")

                // Nothing loaded the gateway's catalog yet.
                #expect(try await client.request("app/installed", [:])["apps"] == [])
                let installed = try await client.request("app/installed", ["forceRefresh": true])
                #expect(
                    installed["apps"]
                        == [
                            ["id": "connector_acme", "runtimeName": "Acme Docs", "enabled": true, "callable": true],
                            [
                                "id": "connector_openai_internal", "runtimeName": "OpenAI Internal", "enabled": true,
                                "callable": true,
                            ],
                            ["id": "connector_zeta", "runtimeName": "Zeta", "enabled": false, "callable": false],
                        ])
                let list = try await client.request("app/list", [:])
                #expect(list["data"]?.arrayValue?.first { $0["id"] == "connector_zeta" }?["isEnabled"] == false)
            }
        }
    }

    @Test func theModelGetsOneNamespacePerConnectorAndCallsThroughTheGateway() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .namespacedFunctionCall(
                    callID: "call_apps", namespace: "mcp__codex_apps__acme_docs", name: "_search",
                    arguments: #"{"query":"q"}"#),
                .assistantText("done"))
            try await Self.withConnectors(python: python, server: server) { client, home, log in
                let threadID = try await AppServerE2E.startThread(
                    client, ["cwd": .string(home.workDirectory), "approvalPolicy": "never"])
                _ = try await client.notification("mcpServer/startupStatus/updated") {
                    $0["name"] == "codex_apps" && $0["status"] == "ready"
                }
                let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "search")
                let isMCP: @Sendable (JSONValue) -> Bool = { $0["item"]?["type"] == "mcpToolCall" }
                let completed = try await client.notification("item/completed", where: isMCP)
                #expect(completed["item"]?["server"] == "codex_apps")
                #expect(completed["item"]?["tool"] == "acme_docs_search")
                #expect(
                    completed["item"]?["appContext"]
                        == [
                            "connectorId": "connector_acme", "appName": "Acme Docs", "linkId": nil, "resourceUri": nil,
                            "actionName": nil,
                        ])
                #expect(completed["item"]?["status"] == "completed")
                #expect(
                    completed["item"]?["result"]?["content"]
                        == [["type": "text", "text": #"CALLED acme_docs_search {"query": "q"}"#]])
                _ = try await AppServerE2E.completedTurn(client, turnID: turnID)

                let first = try #require(server.requests.first?.body)
                let namespaces = (first["tools"]?.arrayValue ?? []).filter {
                    $0["name"]?.stringValue?.hasPrefix("mcp__codex_apps") == true
                }
                #expect(
                    namespaces.map { $0["name"] }
                        == ["mcp__codex_apps__acme_docs", "mcp__codex_apps__openai_internal", "mcp__codex_apps__zeta"])
                #expect(namespaces.map { $0["description"] } == [
                    "Docs from Acme.", "Tools for working with OpenAI Internal.", "Tools for working with Zeta.",
                ])
                #expect(
                    namespaces.map { $0["tools"]?.arrayValue?.map { $0["name"] } ?? [] }
                        == [["_create_page", "_search"], ["openai_internal"], ["_list"]])

                let call = try Self.requests(log).first { $0["body"]?["method"] == "tools/call" }
                #expect(call?["body"]?["params"]?["name"] == "acme_docs_search")
                #expect(call?["body"]?["params"]?["_meta"]?["_codex_apps"]?["call_id"] == "call_apps")
                #expect(call?["body"]?["params"]?["_meta"]?["_codex_apps"]?["root_turn_id"] == .string(turnID))
            }
        }
    }

    @Test func appsConfigNarrowsTheConnectorTools() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("done"))
            let tables = """
                [apps.connector_acme]
                default_tools_enabled = false

                [apps.connector_acme.tools.acme_docs_search]
                enabled = true

                [apps.connector_zeta]
                enabled = false
                """
            try await Self.withConnectors(python: python, server: server, tables: tables) { client, home, _ in
                let threadID = try await AppServerE2E.startThread(client, ["cwd": .string(home.workDirectory)])
                let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "hi")
                _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                let first = try #require(server.requests.first?.body)
                let namespaces = (first["tools"]?.arrayValue ?? []).filter {
                    $0["name"]?.stringValue?.hasPrefix("mcp__codex_apps") == true
                }
                #expect(namespaces.map { $0["name"] } == ["mcp__codex_apps__acme_docs", "mcp__codex_apps__openai_internal"])
                #expect(namespaces.first?["tools"]?.arrayValue?.map { $0["name"] } == ["_search"])
            }
        }
    }

    @Test func withoutAChatGPTLoginThereIsNoGateway() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("done"))
            try await Self.withConnectors(python: python, server: server, chatGPTLogin: false) { client, home, log in
                let list = try await client.request("app/list", [:])
                #expect(list["data"] == [])
                #expect(list["nextCursor"] == .null)
                #expect(try await client.request("app/installed", [:])["apps"] == [])
                let threadID = try await AppServerE2E.startThread(client, ["cwd": .string(home.workDirectory)])
                let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "hi")
                _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                let first = try #require(server.requests.first?.body)
                #expect(first["tools"]?.arrayValue?.contains { $0["name"]?.stringValue?.hasPrefix("mcp__codex_apps") == true } == false)
                #expect(try Self.requests(log).isEmpty)
            }
        }
    }

    /// `app/read`, `app/installed` and the `app/list` after the gateway loaded: the same answers as 0.163.0
    /// (with `CODEX_REFERENCE_BIN`).
    @Test func theAppMethodsAnswerAsTheReference() async throws {
        guard let python = Self.python else { return print(MCPFixturePython.skipMessage) }
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            return print("skipped: set CODEX_REFERENCE_BIN to compare app/list, app/read and app/installed with the reference")
        }
        let ours = try await Self.appAnswers(python: python, binary: nil)
        let theirs = try await Self.appAnswers(python: python, binary: reference)
        #expect(ours.count == theirs.count)
        for (index, (mine, reference)) in zip(ours, theirs).enumerated() {
            #expect(mine == reference, "answer \(index): ours \(mine.serialized()) reference \(reference.serialized())")
        }
    }

    static func appAnswers(python: String, binary: String?) async throws -> [JSONValue] {
        try await MockResponsesServer.withServer { server in
            let tables = "[apps.connector_zeta]\nenabled = false\n"
            let answers = Mutex<[JSONValue]>([])
            try await Self.withConnectors(python: python, server: server, tables: tables, binary: binary) { client, _, _ in
                var collected: [JSONValue] = []
                collected.append(
                    try await client.request("app/read", ["appIds": ["connector_acme", "missing", "connector_zeta"], "includeTools": true]))
                collected.append(try await client.request("app/installed", [:]))
                // Until the gateway's connectors show as accessible (the reference may load it before answering).
                var list = try await client.request("app/list", [:])
                if list["data"]?[0]?["isAccessible"] != true {
                    list = ["data": try await client.notification("app/list/updated")["data"] ?? .null, "nextCursor": nil]
                }
                collected.append(list)
                collected.append(try await client.request("app/list", ["limit": 1]))
                collected.append(try await client.request("app/installed", [:]))
                collected.append(try await client.request("app/installed", ["forceRefresh": true]))
                answers.withLock { $0 = collected }
            }
            return answers.withLock { $0 }
        }
    }
}
