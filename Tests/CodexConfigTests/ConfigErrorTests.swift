import CodexConfig
import CodexProtocol
import Testing

@Suite struct ConfigErrorTests {
    @Test func malformedTOMLNamesFileLineAndColumn() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model = \"ok\"\n\napproval_policy = = 3\n")
        let error = try #require(fixture.loadError(fixture.options()))
        #expect(error.kind == .malformedFile)
        #expect(error.description.hasPrefix("Error loading config.toml: \(fixture.codexHome)/config.toml:3:"))
        #expect(!error.description.contains("\n"))
    }

    @Test func malformedProjectAndManagedFilesAreNamed() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let managed = try fixture.write("etc/codex/managed_config.toml", "[x\n")
        #expect(fixture.loadError(fixture.options())?.message.hasPrefix(managed + ":1:") == true)
    }

    @Test func malformedRequirementsAreNamed() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let requirements = try fixture.write("etc/codex/requirements.toml", "allowed_approval_policies = [\"sometimes\"]\n")
        #expect(
            fixture.loadError(fixture.options())?.message
                == "invalid value for `allowed_approval_policies` in \(requirements): expected one of untrusted, on-failure, on-request, never, found \"sometimes\"")
    }

    @Test func wrongEnumValueNamesKeyValueAllowedAndFile() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("approval_policy = \"sometimes\"\n")
        #expect(
            fixture.loadError(fixture.options())?.description
                == "Error loading config.toml: invalid value for `approval_policy` in \(fixture.codexHome)/config.toml: expected one of untrusted, on-failure, on-request, never, found \"sometimes\"")
    }

    @Test func wrongTypeFromSessionFlagNamesTheFlag() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        #expect(
            fixture.loadError(fixture.options(overrides: ["hide_agent_reasoning=5"]))?.message
                == "invalid value for `hide_agent_reasoning` in -c/--config override: expected a boolean, found 5")
        #expect(
            fixture.loadError(fixture.options(overrides: ["model_reasoning_effort=extreme"]))?.message
                == "invalid value for `model_reasoning_effort` in -c/--config override: expected one of none, minimal, low, medium, high, xhigh, found \"extreme\"")
    }

    @Test(arguments: [
        ("model = 5", "`model`", "expected a string, found 5"),
        ("notify = \"x\"", "`notify`", "expected an array of strings, found \"x\""),
        ("project_doc_max_bytes = -1", "`project_doc_max_bytes`", "expected a non-negative integer, found -1"),
        ("[features]\nx = \"yes\"", "`features.x`", "expected a boolean, found \"yes\""),
        ("sandbox_workspace_write = 1", "`sandbox_workspace_write`", "expected a table, found 1"),
        ("[shell_environment_policy.set]\nA = 1", "`shell_environment_policy.set.A`", "expected a string, found 1"),
        ("[model_providers.x]\nwire_api = \"grpc\"", "`model_providers.x.wire_api`", "expected one of responses, chat"),
        ("cli_auth_credentials_store = \"disk\"", "`cli_auth_credentials_store`", "expected one of file, keyring, auto"),
        ("[history]\npersistence = \"all\"", "`history.persistence`", "expected one of save-all, none"),
        ("[projects.\"/p\"]\ntrust_level = \"maybe\"", "`projects./p.trust_level`", "expected one of trusted, untrusted"),
    ])
    func wrongTypesAreReported(toml: String, key: String, detail: String) throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser(toml + "\n")
        let message = try #require(fixture.loadError(fixture.options())?.message)
        #expect(message.contains("invalid value for \(key) in \(fixture.codexHome)/config.toml: \(detail)"))
    }

    @Test func inlineBearerTokenIsRejected() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("[mcp_servers.remote]\nurl = \"https://mcp.example/mcp\"\nbearer_token = \"secret\"\n")
        let message = try #require(fixture.loadError(fixture.options())?.message)
        #expect(message.hasPrefix("invalid value for `mcp_servers.remote.bearer_token` in \(fixture.codexHome)/config.toml: inline bearer tokens are not supported"))
        #expect(!message.contains("secret"))
    }

    @Test func mcpServerNeedsExactlyOneTransport() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("[mcp_servers.none]\nenabled = true\n")
        #expect(fixture.loadError(fixture.options())?.message.contains("missing `command` (stdio) or `url`") == true)
        try fixture.writeUser("[mcp_servers.both]\ncommand = \"a\"\nurl = \"http://b\"\n")
        #expect(fixture.loadError(fixture.options())?.message.contains("not both") == true)
    }

    @Test func unknownProviderIsAnError() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model_provider = \"nowhere\"\n")
        #expect(fixture.loadError(fixture.options())?.message.contains("model provider `nowhere` not found") == true)
        var options = fixture.options()
        try fixture.writeUser("")
        options.overrides.modelProvider = "nowhere"
        #expect(fixture.loadError(options)?.message == "Model provider `nowhere` not found")
    }

    @Test func unreadableConfigPathIsAnError() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("home/.codex/config.toml")
        #expect(fixture.loadError(fixture.options())?.message.contains("it is a directory") == true)
    }

    @Test func garbageBytesDoNotCrash() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("a = \"\u{0}\"\n")
        #expect(fixture.loadError(fixture.options())?.kind == .malformedFile)
        try fixture.writeUser(String(repeating: "[", count: 5000))
        #expect(fixture.loadError(fixture.options())?.kind == .malformedFile)
    }
}

@Suite struct CodexHomeErrorTests {
    @Test func codexHomeErrorsKeepTheirMessage() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let missing = fixture.root + "/nowhere"
        do {
            _ = try CodexHome.resolve(environment: ["CODEX_HOME": missing])
            Issue.record("expected an error")
        } catch {
            let wrapped = ConfigError(error)
            #expect(wrapped.kind == .codexHome)
            #expect(
                wrapped.description
                    == "Error finding codex home: CODEX_HOME points to \"\(missing)\", but that path does not exist")
        }
    }
}
