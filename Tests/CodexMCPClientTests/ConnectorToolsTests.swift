import CodexConfig
import CodexCore
import CodexProtocol
import Testing

@testable import CodexMCPClient

/// The `codex_apps` gateway's tools as the model sees them and the `[apps]` filters (connectors.md §2.2, §3;
/// expectations as observed on 0.163.0 with the same four tools).
@Suite struct ConnectorToolsTests {
    static func tool(_ name: String, connector: String, connectorName: String, annotations: JSONValue? = nil) -> JSONValue {
        var tool: JSONObject = [
            "name": .string(name), "description": .string("d " + name), "inputSchema": ["type": "object", "properties": [:]],
            "_meta": ["connector_id": .string(connector), "connector_name": .string(connectorName)],
        ]
        if let annotations { tool["annotations"] = annotations }
        return .object(tool)
    }

    static let tools: [JSONValue] = [
        tool("acme_docs_search", connector: "connector_acme", connectorName: "Acme Docs", annotations: ["readOnlyHint": true]),
        tool(
            "acme_docs_create_page", connector: "connector_acme", connectorName: "Acme Docs",
            annotations: ["readOnlyHint": false, "destructiveHint": false, "openWorldHint": true]),
        tool("zeta_list", connector: "connector_zeta", connectorName: "Zeta", annotations: ["readOnlyHint": true]),
        tool("openai_internal", connector: "connector_openai_internal", connectorName: "OpenAI Internal"),
        ["name": "no_connector", "inputSchema": ["type": "object"]],
    ]

    /// `namespace: [callable names]` offered under `apps`.
    static func offered(_ apps: AppsConfig) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for tool in ConnectorTools.offeredTools(tools, server: "codex_apps", apps: apps) {
            result[tool.namespace ?? "", default: []].append(tool.callableName)
        }
        return result
    }

    @Test func namesFollowTheConnector() {
        #expect(
            Self.offered(AppsConfig()) == [
                "mcp__codex_apps__acme_docs": ["_create_page", "_search"],
                "mcp__codex_apps__openai_internal": ["openai_internal"],
                "mcp__codex_apps__zeta": ["_list"],
            ])
        let tools = ConnectorTools.offeredTools(Self.tools, server: "codex_apps", apps: AppsConfig())
        #expect(tools.first { $0.rawName == "zeta_list" }?.namespaceDescription == "Tools for working with Zeta.")
        // The core's approval rules read these: a read-only tool runs unasked, the others ask.
        #expect(tools.first { $0.rawName == "acme_docs_search" }?.approval.mode == .auto)
        #expect(tools.first { $0.rawName == "acme_docs_search" }?.approval.readOnlyHint == true)
        #expect(tools.first { $0.rawName == "acme_docs_create_page" }?.approval.mode == .auto)
        #expect(tools.first { $0.rawName == "acme_docs_create_page" }?.approval.readOnlyHint != true)
        #expect(ConnectorTools.sanitizeConnectorName("Beta (v2)") == "beta__v2_")
    }

    @Test func appsConfigFiltersAsObserved() {
        var acmeOff = AppsConfig()
        acmeOff.apps["connector_acme"] = { var app = AppsConfig.App(); app.enabled = false; return app }()
        #expect(Set(Self.offered(acmeOff).keys) == ["mcp__codex_apps__openai_internal", "mcp__codex_apps__zeta"])

        var allOff = AppsConfig()
        allOff.defaults.enabled = false
        #expect(Self.offered(allOff).isEmpty)
        allOff.apps["connector_acme"] = { var app = AppsConfig.App(); app.enabled = true; return app }()
        #expect(Self.offered(allOff) == ["mcp__codex_apps__acme_docs": ["_create_page", "_search"]])

        var searchOff = AppsConfig()
        var acme = AppsConfig.App()
        acme.tools["acme_docs_search"] = AppsConfig.Tool(enabled: false)
        searchOff.apps["connector_acme"] = acme
        #expect(Self.offered(searchOff)["mcp__codex_apps__acme_docs"] == ["_create_page"])

        var onlySearch = AppsConfig()
        acme = AppsConfig.App()
        acme.defaultToolsEnabled = false
        acme.tools["acme_docs_search"] = AppsConfig.Tool(enabled: true)
        onlySearch.apps["connector_acme"] = acme
        #expect(Self.offered(onlySearch)["mcp__codex_apps__acme_docs"] == ["_search"])

        var closedWorld = AppsConfig()
        closedWorld.defaults.openWorldEnabled = false
        #expect(Self.offered(closedWorld).isEmpty)

        var noDestructive = AppsConfig()
        acme = AppsConfig.App()
        acme.destructiveEnabled = false
        noDestructive.apps["connector_acme"] = acme
        #expect(Self.offered(noDestructive)["mcp__codex_apps__acme_docs"] == ["_create_page"])
    }

    @Test func approvalModeComesFromTheToolThenTheAppThenDefault() {
        var apps = AppsConfig()
        apps.defaults.defaultToolsApprovalMode = .prompt
        var acme = AppsConfig.App()
        acme.tools["acme_docs_create_page"] = AppsConfig.Tool(approvalMode: .approve)
        apps.apps["connector_acme"] = acme
        let tools = ConnectorTools.offeredTools(Self.tools, server: "codex_apps", apps: apps)
        #expect(tools.first { $0.rawName == "acme_docs_create_page" }?.approval.mode == .approve)
        #expect(tools.first { $0.rawName == "acme_docs_search" }?.approval.mode == .prompt)
    }

    @Test func installedListsEveryConnectorOfTheCatalog() {
        var apps = AppsConfig()
        apps.apps["connector_zeta"] = { var app = AppsConfig.App(); app.enabled = false; return app }()
        #expect(
            ConnectorTools.installed(Self.tools, apps: apps).map { "\($0.id) \($0.runtimeName ?? "-") \($0.enabled) \($0.callable)" }
                == [
                    "connector_acme Acme Docs true true", "connector_openai_internal OpenAI Internal true true",
                    "connector_zeta Zeta false false",
                ])
    }

    /// The configuration of `-c` overrides alone (no config files).
    static func config(_ overrides: [String]) throws -> Config {
        var options = ConfigLoadOptions(
            codexHome: CodexHome(path: "/nonexistent/connector-tools-tests"), cwd: "/", environment: ["HOME": "/nonexistent"])
        options.systemConfigPath = "/nonexistent/config.toml"
        options.managedConfigPath = "/nonexistent/managed_config.toml"
        options.requirementsPath = "/nonexistent/requirements.toml"
        options.cliOverrides = overrides
        return try ConfigLoader.load(options).config
    }

    @Test func theGatewayJoinsOnlyWithAChatGPTLoginAndTheFeature() throws {
        var config = try Self.config([
            #"chatgpt_base_url="http://127.0.0.1:9/backend-api/""#, #"mcp_servers.codex_apps.command="x""#,
        ])
        let servers = ConnectorsGateway.servers(
            config: config, isChatGPTLogin: true, environment: ["CODEX_CONNECTORS_TOKEN": "tok"])
        guard case .streamableHTTP(let url, _, let headers, _)? = servers["codex_apps"]?.transport else {
            Issue.record("no gateway: \(servers)")
            return
        }
        #expect(url == "http://127.0.0.1:9/backend-api/ps/mcp")
        #expect(headers == ["X-OpenAI-Product-Sku": "codex", "Authorization": "Bearer tok"])
        #expect(servers["codex_apps"]?.startupTimeoutSeconds == 30)
        let blank = ConnectorsGateway.servers(config: config, isChatGPTLogin: true, environment: ["CODEX_CONNECTORS_TOKEN": " "])
        if case .streamableHTTP(_, _, let headers, _)? = blank["codex_apps"]?.transport {
            #expect(headers["Authorization"] == nil)
        }
        #expect(ConnectorsGateway.servers(config: config, isChatGPTLogin: false, environment: [:])["codex_apps"] == nil)
        config.features["apps"] = false
        #expect(ConnectorsGateway.servers(config: config, isChatGPTLogin: true, environment: [:])["codex_apps"] == nil)
    }

    @Test func appsTablesAreRead() throws {
        let config = try Self.config([
            "apps._default.open_world_enabled=false", #"apps._default.default_tools_approval_mode="prompt""#,
            "apps.connector_acme.enabled=true", "apps.connector_acme.destructive_enabled=false",
            "apps.connector_acme.default_tools_enabled=false",
            #"apps.connector_acme.tools.acme_docs_search.approval_mode="approve""#,
            "apps.connector_acme.tools.acme_docs_search.enabled=true", #"apps_mcp_product_sku="sku""#,
        ])
        #expect(config.apps.defaults.openWorldEnabled == false)
        #expect(config.apps.defaults.defaultToolsApprovalMode == .prompt)
        let acme = try #require(config.apps.apps["connector_acme"])
        #expect(acme.enabled == true && acme.destructiveEnabled == false && acme.defaultToolsEnabled == false)
        #expect(acme.tools["acme_docs_search"] == AppsConfig.Tool(enabled: true, approvalMode: .approve))
        #expect(config.appsMcpProductSku == "sku")
        #expect(config.apps.approvalMode(connectorID: "connector_zeta", tool: "t") == .prompt)
    }
}
