import CodexConfig
import CodexProtocol
import Testing

@Suite struct ConfigLayerPrecedenceTests {
    @Test func defaultsApplyWithNoFiles() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let loaded = try fixture.load(fixture.options())
        let config = loaded.config
        #expect(config.model == Config.defaultModel)
        #expect(config.modelProviderID == "openai")
        #expect(config.approvalPolicy == .onRequest)
        #expect(config.sandboxMode == .readOnly)
        #expect(config.projectDocMaxBytes == 32768)
        #expect(config.cliAuthCredentialsStore == .file)
        #expect(config.modelReasoningSummary == .auto)
        #expect(config.hideAgentReasoning == false)
        #expect(config.cwd == fixture.work)
        #expect(loaded.merged == .object(JSONObject()))
        #expect(loaded.layers.map(\.source) == [
            .system(file: fixture.etc + "/config.toml"), .user(file: fixture.codexHome + "/config.toml"),
        ])
    }

    @Test func systemBeatsDefaults() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("etc/codex/config.toml", "model = \"system-model\"\n")
        let loaded = try fixture.load(fixture.options())
        #expect(loaded.config.model == "system-model")
        #expect(loaded.origin(of: "model") == .system(file: fixture.etc + "/config.toml"))
    }

    @Test func userBeatsSystem() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("etc/codex/config.toml", "model = \"system-model\"\nmodel_verbosity = \"low\"\n")
        try fixture.writeUser("model = \"user-model\"\n")
        let loaded = try fixture.load(fixture.options())
        #expect(loaded.config.model == "user-model")
        #expect(loaded.config.modelVerbosity == .low)
        #expect(loaded.origin(of: "model") == .user(file: fixture.codexHome + "/config.toml"))
        #expect(loaded.origin(of: "model_verbosity") == .system(file: fixture.etc + "/config.toml"))
    }

    @Test func trustedProjectBeatsUser() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.writeUser("model = \"user-model\"\n[projects.\"\(fixture.work)\"]\ntrust_level = \"trusted\"\n")
        try fixture.write("work/.codex/config.toml", "model = \"project-model\"\n")
        let loaded = try fixture.load(fixture.options())
        #expect(loaded.config.model == "project-model")
        #expect(loaded.origin(of: "model") == .project(dotCodexFolder: fixture.work + "/.codex"))
    }

    @Test func sessionFlagsBeatProject() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.writeUser("[projects.\"\(fixture.work)\"]\ntrust_level = \"trusted\"\n")
        try fixture.write("work/.codex/config.toml", "model = \"project-model\"\n")
        let loaded = try fixture.load(fixture.options(overrides: ["model=flag-model"]))
        #expect(loaded.config.model == "flag-model")
        #expect(loaded.origin(of: "model") == .sessionFlags)
    }

    @Test func managedBeatsSessionFlags() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("etc/codex/managed_config.toml", "model = \"managed-model\"\n")
        let loaded = try fixture.load(fixture.options(overrides: ["model=flag-model"]))
        #expect(loaded.config.model == "managed-model")
        #expect(loaded.origin(of: "model") == .legacyManagedConfig(file: fixture.etc + "/managed_config.toml"))
        #expect(loaded.layers.last?.source == .legacyManagedConfig(file: fixture.etc + "/managed_config.toml"))
    }

    @Test func dedicatedFlagsBeatManaged() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("etc/codex/managed_config.toml", "model = \"managed-model\"\n[features]\nshell_tool = false\n")
        var options = fixture.options()
        options.overrides.model = "flag-model"
        options.overrides.enabledFeatures = ["shell_tool", "unified_exec"]
        options.overrides.disabledFeatures = ["view_image_tool"]
        let config = try fixture.load(options).config
        #expect(config.model == "flag-model")
        #expect(config.features == ["shell_tool": true, "unified_exec": true, "view_image_tool": false])
    }

    @Test func tablesMergeAndNonTablesReplace() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write(
            "etc/codex/config.toml",
            "notify = [\"a\", \"b\"]\n[sandbox_workspace_write]\nnetwork_access = true\nexclude_slash_tmp = true\n")
        try fixture.writeUser("notify = [\"c\"]\n[sandbox_workspace_write]\nnetwork_access = false\n")
        let loaded = try fixture.load(fixture.options())
        #expect(loaded.config.notify == ["c"])
        #expect(loaded.config.sandboxWorkspaceWrite.networkAccess == false)
        #expect(loaded.config.sandboxWorkspaceWrite.excludeSlashTmp)
        #expect(loaded.origin(of: "sandbox_workspace_write.exclude_slash_tmp") == .system(file: fixture.etc + "/config.toml"))
        #expect(loaded.origin(of: "sandbox_workspace_write.network_access") == .user(file: fixture.codexHome + "/config.toml"))
    }

    @Test func scalarReplacesTableAndDropsItsOrigins() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("[tui]\nanimations = false\n")
        let loaded = try fixture.load(fixture.options(overrides: ["tui=1"]))
        #expect(loaded.merged["tui"] == .int(1))
        #expect(loaded.origins["tui.animations"] == nil)
        #expect(loaded.origins["tui"] == .sessionFlags)
    }

    @Test func fullAutoAndBypassAreCombinations() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("sandbox_mode = \"read-only\"\napproval_policy = \"untrusted\"\n")
        var options = fixture.options()
        options.overrides.fullAuto = true
        var config = try fixture.load(options).config
        #expect(config.sandboxMode == .workspaceWrite)
        #expect(config.approvalPolicy == .onRequest)
        options.overrides.dangerouslyBypassApprovalsAndSandbox = true
        config = try fixture.load(options).config
        #expect(config.sandboxMode == .dangerFullAccess)
        #expect(config.approvalPolicy == .never)
    }

    @Test func explicitSandboxAndApprovalFlagsBeatConfig() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("sandbox_mode = \"read-only\"\napproval_policy = \"untrusted\"\n")
        var options = fixture.options()
        options.overrides.sandboxMode = .workspaceWrite
        options.overrides.approvalPolicy = .never
        let config = try fixture.load(options).config
        #expect(config.sandboxMode == .workspaceWrite)
        #expect(config.approvalPolicy == .never)
    }

    @Test func cdFlagMovesTheCwd() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/sub")
        var options = fixture.options()
        options.overrides.cwd = "sub/../sub"
        #expect(try fixture.load(options).config.cwd == fixture.work + "/sub")
    }

    @Test func requirementsRejectDisallowedValues() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let requirements = fixture.etc + "/requirements.toml"
        try fixture.write(
            "etc/codex/requirements.toml",
            "allowed_approval_policies = [\"on-request\", \"untrusted\"]\nallowed_sandbox_modes = [\"read-only\", \"workspace-write\"]\n")
        try fixture.writeUser("approval_policy = \"never\"\n")
        #expect(
            fixture.loadError(fixture.options())?.description
                == "Error loading config.toml: invalid value for `approval_policy`: `never` is not in the allowed set [on-request, untrusted] (set by \(requirements))")

        try fixture.writeUser("")
        var options = fixture.options()
        options.overrides.dangerouslyBypassApprovalsAndSandbox = true
        let error = fixture.loadError(options)
        #expect(error?.kind == .requirementViolated)
        #expect(error?.message.contains("`danger-full-access` is not in the allowed set [read-only, workspace-write]") == true)

        options.overrides = ConfigOverrides()
        options.overrides.sandboxMode = .workspaceWrite
        let config = try fixture.load(options).config
        #expect(config.sandboxMode == .workspaceWrite)
        #expect(config.approvalPolicy == .onRequest)
    }

    @Test func requirementsPickAnAllowedDefault() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("etc/codex/requirements.toml", "allowed_approval_policies = [\"untrusted\"]\n")
        #expect(try fixture.load(fixture.options()).config.approvalPolicy == .untrusted)
    }

    @Test func requirementsMustAllowReadOnly() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("etc/codex/requirements.toml", "allowed_sandbox_modes = [\"workspace-write\"]\n")
        #expect(fixture.loadError(fixture.options())?.message.contains("must include `read-only`") == true)
    }

    @Test func managedApprovalPolicyBecomesARequirement() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let managed = try fixture.write("etc/codex/managed_config.toml", "approval_policy = \"on-request\"\n")
        var options = fixture.options()
        options.overrides.approvalPolicy = .never
        #expect(
            fixture.loadError(options)?.message
                == "invalid value for `approval_policy`: `never` is not in the allowed set [on-request] (set by \(managed))")
    }

    @Test func originsCoverEveryLeaf() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model = \"m\"\n[model_providers.mock]\nname = \"mock\"\nbase_url = \"http://x/v1\"\n[analytics]\n")
        let loaded = try fixture.load(fixture.options(overrides: ["model_providers.mock.env_key=KEY"]))
        let user = ConfigLayerSource.user(file: fixture.codexHome + "/config.toml")
        #expect(loaded.origins == [
            "model": user, "model_providers.mock.name": user, "model_providers.mock.base_url": user,
            "model_providers.mock.env_key": .sessionFlags, "analytics": user,
        ])
        #expect(loaded.origin(of: "model_providers.mock") == user)
        #expect(loaded.origin(of: "missing") == nil)
    }
}
