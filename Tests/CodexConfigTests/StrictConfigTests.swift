import CodexConfig
import CodexProtocol
import Testing

@Suite struct StrictConfigTests {
    @Test func unknownKeysAreAcceptedWithoutStrict() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("totally_unknown = 1\n[sandbox_workspace_write]\nbogus = true\n")
        let loaded = try fixture.load(fixture.options())
        #expect(loaded.merged["totally_unknown"] == .int(1))
    }

    @Test func strictRejectsUnknownKeysNamingTheSource() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model = \"m\"\n[sandbox_workspace_write]\nbogus = true\n")
        var options = fixture.options()
        options.strict = true
        #expect(
            fixture.loadError(options)?.description
                == "Error loading config.toml: unknown configuration field `sandbox_workspace_write.bogus` in \(fixture.codexHome)/config.toml")
        try fixture.writeUser("")
        options.cliOverrides = ["tui.anything=1", "nope.deeper=1"]
        #expect(fixture.loadError(options)?.message == "unknown configuration field `nope` in -c/--config override")
        options.cliOverrides = ["model_providers.m.nme=\"typo\""]
        #expect(fixture.loadError(options)?.message == "unknown configuration field `model_providers.m.nme` in -c/--config override")
    }

    @Test func strictAcceptsKeysTheReferenceKnows() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let catalog = try fixture.write("mock_models.json", #"{"models":[{"slug":"mock-model"}]}"#)
        try fixture.writeUser(
            """
            model = "mock-model"
            model_provider = "mock"
            model_catalog_json = "\(catalog)"
            check_for_update_on_startup = false
            file_opener = "none"
            [analytics]
            enabled = false
            [feedback]
            enabled = false
            [tui]
            notifications = true
            [otel]
            exporter = "none"
            [features]
            some_future_feature = true
            [model_providers.mock]
            name = "mock"
            base_url = "http://127.0.0.1:9/v1"
            wire_api = "responses"
            env_key = "MOCK_API_KEY"
            request_max_retries = 1
            stream_max_retries = 1
            stream_idle_timeout_ms = 20000
            [mcp_servers.docs]
            command = "docs-server"
            startup_timeout_sec = 5
            [mcp_servers.docs.env]
            TOKEN_FILE = "/x"
            [profiles.fast]
            model = "fast"
            """)
        var options = fixture.options()
        options.strict = true
        let config = try fixture.load(options).config
        #expect(config.modelProviderID == "mock")
        #expect(config.modelProvider.requestMaxRetries == 1)
    }

    @Test func strictIgnoresDisabledProjectLayers() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.write("work/.codex/config.toml", "not_a_key = 1\n")
        var options = fixture.options()
        options.strict = true
        #expect(fixture.loadError(options) == nil)
    }
}
