import CodexConfig
import CodexProtocol
import Testing

@Suite struct ConfigProfileTests {
    @Test func profileFileLayersOverUserConfig() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model = \"user-model\"\nmodel_verbosity = \"low\"\n")
        let file = try fixture.write("home/.codex/fast.config.toml", "model = \"fast-model\"\n")
        var options = fixture.options()
        options.profile = "fast"
        let loaded = try fixture.load(options)
        #expect(loaded.config.model == "fast-model")
        #expect(loaded.config.modelVerbosity == .low)
        #expect(loaded.origin(of: "model") == .profile(name: "fast", file: file))
        #expect(loaded.layers.map(\.source).contains(.profile(name: "fast", file: file)))
        #expect(loaded.config.activeProfile == nil)
    }

    @Test func missingProfileFileIsIgnored() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model = \"user-model\"\n")
        var options = fixture.options()
        options.profile = "nothing"
        let loaded = try fixture.load(options)
        #expect(loaded.config.model == "user-model")
        #expect(loaded.layers.count == 2)
    }

    @Test func profileFileSitsBelowSessionFlags() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("home/.codex/fast.config.toml", "model = \"fast-model\"\n")
        var options = fixture.options(overrides: ["model=flag-model"])
        options.profile = "fast"
        #expect(try fixture.load(options).config.model == "flag-model")
    }

    @Test func trustedProjectBeatsProfileFile() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.writeUser("[projects.\"\(fixture.work)\"]\ntrust_level = \"trusted\"\n")
        try fixture.write("home/.codex/fast.config.toml", "model = \"fast-model\"\nmodel_verbosity = \"high\"\n")
        try fixture.write("work/.codex/config.toml", "model = \"project-model\"\n")
        var options = fixture.options()
        options.profile = "fast"
        let loaded = try fixture.load(options)
        #expect(loaded.config.model == "project-model")
        #expect(loaded.config.modelVerbosity == .high)
        #expect(loaded.layers.map(\.source) == [
            .system(file: fixture.etc + "/config.toml"), .user(file: fixture.codexHome + "/config.toml"),
            .profile(name: "fast", file: fixture.codexHome + "/fast.config.toml"),
            .project(dotCodexFolder: fixture.work + "/.codex"),
        ])
    }

    @Test func legacyProfileTableSelectedByKey() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser(
            """
            model = "top"
            approval_policy = "untrusted"
            profile = "deep"
            [profiles.deep]
            model = "deep-model"
            model_reasoning_effort = "high"
            [profiles.other]
            model = "other-model"
            """)
        let config = try fixture.load(fixture.options()).config
        #expect(config.model == "deep-model")
        #expect(config.modelReasoningEffort == .high)
        #expect(config.approvalPolicy == .untrusted)
        #expect(config.activeProfile == "deep")
        #expect(config.profiles["other"]?.model == "other-model")
    }

    @Test func legacyProfileValueBeatsTopLevelSessionFlag() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("profile = \"deep\"\n[profiles.deep]\nmodel = \"deep-model\"\n")
        #expect(try fixture.load(fixture.options(overrides: ["model=flag-model"])).config.model == "deep-model")
        // A -c aimed at the profile itself still wins, and so does -m.
        #expect(try fixture.load(fixture.options(overrides: ["profiles.deep.model=x"])).config.model == "x")
        var options = fixture.options()
        options.overrides.model = "m-flag"
        #expect(try fixture.load(options).config.model == "m-flag")
    }

    @Test func cliProfileSelectsLegacyTable() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("profile = \"a\"\n[profiles.a]\nmodel = \"a-model\"\n[profiles.b]\nmodel = \"b-model\"\n")
        var options = fixture.options()
        options.profile = "b"
        let config = try fixture.load(options).config
        #expect(config.model == "b-model")
        #expect(config.activeProfile == "b")
    }

    @Test func profileTableAppliesOverProfileFile() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("[profiles.fast]\nmodel = \"table-model\"\n")
        try fixture.write("home/.codex/fast.config.toml", "model = \"file-model\"\nmodel_verbosity = \"high\"\n")
        var options = fixture.options()
        options.profile = "fast"
        let config = try fixture.load(options).config
        #expect(config.model == "table-model")
        #expect(config.modelVerbosity == .high)
    }

    @Test func profileKeyNamingNoTableIsAnError() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("profile = \"ghost\"\n")
        let error = fixture.loadError(fixture.options())
        #expect(error?.kind == .unknownProfile)
        #expect(
            error?.description
                == "Error loading config.toml: config profile `ghost` not found (set by `profile` in \(fixture.codexHome)/config.toml)")
    }

    @Test func profileValueErrorsNameTheProfileKey() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("profile = \"p\"\n[profiles.p]\nsandbox_mode = \"everything\"\n")
        #expect(
            fixture.loadError(fixture.options())?.message
                == "invalid value for `profiles.p.sandbox_mode` in \(fixture.codexHome)/config.toml: expected one of read-only, workspace-write, danger-full-access, found \"everything\"")
    }

    @Test func invalidProfileNameIsRejected() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        var options = fixture.options()
        options.profile = "../escape"
        #expect(fixture.loadError(options)?.message == "invalid profile name `../escape`")
    }
}
