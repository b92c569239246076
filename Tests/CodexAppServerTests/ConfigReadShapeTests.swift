import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `config/read` as the reference writes it: every key of its ConfigToml (null when unset), unknown keys left
/// out, the tables it models in full, layers and origins; checked against the reference schema, and (opt-in,
/// `CODEX_REFERENCE_BIN`) against the reference binary's answer for the same config.toml.
@Suite(.serialized) struct ConfigReadShapeTests {
    /// A config.toml touching the tables the reference writes out in full (the provider table is appended).
    static let tables = """
        [mcp_servers.docs]
        command = "docs-server"
        env = { A = "1" }
        enabled = false
        startup_timeout_sec = 5

        [mcp_servers.web]
        url = "https://example.com/mcp"
        bearer_token_env_var = "TOKEN"

        [profiles.fast]
        model = "other"
        approval_policy = "never"

        [agents]
        max_threads = 3

        [history]
        persistence = "none"

        [shell_environment_policy]
        inherit = "core"
        exclude = ["SECRET_*"]

        [sandbox_workspace_write]
        network_access = true

        [features]
        memories = true

        [notice]
        hide_full_access_warning = true

        [feedback]
        enabled = false
        """

    static let root = """
        unknown_key = 5
        review_model = "reviewer"
        approval_policy = "on-request"
        sandbox_mode = "workspace-write"
        hide_agent_reasoning = true
        notify = ["notify-send", "x"]
        """

    /// `config/read` with layers, from each binary in turn (nil: ours), in one home holding the config above.
    static func read(binaries: [String?], parent: String? = nil) async throws -> [JSONValue] {
        try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try home.writeConfig(
                baseURL: server.baseURL, extraRootTOML: Self.root + "\ncheck_for_update_on_startup = false",
                extraTablesTOML: Self.tables)
            var results: [JSONValue] = []
            for binary in binaries {
                results.append(
                    try await AppServerE2E.withServer(home: home, binary: binary) { client in
                        try await client.request("config/read", ["includeLayers": true, "cwd": .string(home.workDirectory)])
                    })
            }
            return results
        }
    }

    @Test func everyReferenceKeyIsPresentAndTablesAreWrittenOutInFull() async throws {
        let result = try #require(try await Self.read(binaries: [nil]).first)
        let config = try #require(result["config"]?.objectValue)
        #expect(config.count == 106)
        #expect(config["unknown_key"] == nil)
        #expect(config["review_model"] == "reviewer")
        #expect(config["model_context_window"] == .null)
        #expect(config["project_doc_max_bytes"] == 32768)
        #expect(config["history"] == ["persistence": "none", "max_bytes": .null])
        #expect(config["agents"]?["max_concurrent_threads_per_session"] == 3)
        #expect(config["agents"]?["max_threads"] == nil)
        #expect(config["agents"]?["max_depth"] == .null)
        let docs = config["mcp_servers"]?["docs"]
        #expect(docs?["args"] == [])
        #expect(docs?["startup_timeout_sec"] == .double(5))
        #expect(docs?["environment_id"] == "local")
        #expect(docs?["tool_timeout_sec"] == .null)
        #expect(config["mcp_servers"]?["web"]?["enabled"] == true)
        #expect(config["profiles"]?["fast"]?["approval_policy"] == "never")
        #expect(config["profiles"]?["fast"]?["sandbox_mode"] == .null)
        #expect(config["model_providers"]?["mock"]?["requires_openai_auth"] == false)
        #expect(config["model_providers"]?["mock"]?["aws"] == .null)
        #expect(config["sandbox_workspace_write"]?["writable_roots"] == [])
        #expect(config["features"]?["memories"] == true)
        #expect(config["features"]?["network_proxy"] == .null)
        #expect(config["notice"]?["model_migrations"] == [:])
        // Origins name the leaf keys as written (also keys the view leaves out).
        #expect(result["origins"]?["unknown_key"]?["name"]?["type"] == "user")
        #expect(result["origins"]?["mcp_servers.docs.env.A"] != nil)
        #expect(result["origins"]?["notify.1"] != nil && result["origins"]?["notify"] == nil)
        #expect(result["origins"]?["agents.max_concurrent_threads_per_session"] != nil)
        // Layers (and their versions) carry MCP timeouts as the reference normalizes them.
        #expect(result["layers"]?[0]?["config"]?["mcp_servers"]?["docs"]?["startup_timeout_sec"] == .double(5))
        let layers = try #require(result["layers"]?.arrayValue)
        #expect(layers.map { $0["name"]?["type"] } == ["user", "system"])
        #expect(layers.allSatisfy { $0.objectValue?["disabledReason"] == nil })
        #expect(E2EReferenceSchema.errors(result, definition: "ConfigReadResponse") == [])
    }

    @Test func withoutIncludeLayersThereIsNoLayersKey() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let result = try await client.request("config/read", [:])
                    #expect(result.objectValue?["layers"] == nil)
                    #expect(result["config"]?.objectValue?.count == 106)
                }
            }
        }
    }

    @Test func theAnswerIsTheReferences() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare config/read with the reference")
            return
        }
        // The reference refuses homes under /tmp.
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let both = try await Self.read(binaries: [reference, nil], parent: parent)
        let (theirs, ours) = (both[0], both[1])
        for part in ["config", "origins"] {
            let theirKeys = Set(theirs[part]?.objectValue?.keys ?? [])
            let ourKeys = Set(ours[part]?.objectValue?.keys ?? [])
            #expect(theirKeys == ourKeys, "\(part): only theirs \(theirKeys.subtracting(ourKeys)), only ours \(ourKeys.subtracting(theirKeys))")
            for key in theirKeys.intersection(ourKeys) where ours[part]?[key] != theirs[part]?[key] {
                Issue.record(
                    "\(part).\(key): ours \(ours[part]?[key]?.serialized() ?? "nil"), reference \(theirs[part]?[key]?.serialized() ?? "nil")")
            }
        }
        #expect(ours["layers"] == theirs["layers"])
    }
}
