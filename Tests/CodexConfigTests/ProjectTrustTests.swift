import CodexConfig
import CodexProtocol
import Testing

@Suite struct ProjectTrustTests {
    private func userConfigTrusting(_ path: String, _ level: String = "trusted") -> String {
        "[projects.\"\(path)\"]\ntrust_level = \"\(level)\"\n"
    }

    @Test func unknownProjectLayerIsKeptButDisabled() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.write("work/.codex/config.toml", "model = \"project-model\"\n")
        let loaded = try fixture.load(fixture.options())
        #expect(loaded.config.model == Config.defaultModel)
        let layer = try #require(loaded.layers.first { $0.source == .project(dotCodexFolder: fixture.work + "/.codex") })
        #expect(layer.config["model"] == .string("project-model"))
        #expect(
            layer.disabledReason
                == "To load project-local config, hooks, and exec policies, add \(fixture.work) as a trusted project in \(fixture.codexHome)/config.toml.")
        #expect(loaded.origins["model"] == nil)
    }

    @Test func untrustedProjectLayerNamesTheEntry() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.writeUser(userConfigTrusting(fixture.work, "untrusted"))
        try fixture.write("work/.codex/config.toml", "model = \"project-model\"\n")
        let loaded = try fixture.load(fixture.options())
        #expect(loaded.config.model == Config.defaultModel)
        #expect(loaded.config.activeProjectTrust == .untrusted)
        #expect(loaded.config.sandboxMode == .readOnly)
        #expect(
            loaded.layers.last?.disabledReason
                == "\(fixture.work) is marked as untrusted in \(fixture.codexHome)/config.toml. To load project-local config, hooks, and exec policies, mark it trusted.")
    }

    @Test func layersRunFromRootDownToCwd() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.mkdir("work/pkg/sub")
        try fixture.writeUser(userConfigTrusting(fixture.work))
        try fixture.write("work/.codex/config.toml", "model = \"root\"\nmodel_verbosity = \"low\"\n")
        try fixture.write("work/pkg/.codex/config.toml", "model = \"pkg\"\n")
        try fixture.write("work/pkg/sub/.codex/config.toml", "")
        let loaded = try fixture.load(fixture.options(cwd: fixture.work + "/pkg/sub"))
        #expect(loaded.layers.compactMap { layer -> String? in
            if case .project(let folder) = layer.source { return folder }
            return nil
        } == [fixture.work + "/.codex", fixture.work + "/pkg/.codex", fixture.work + "/pkg/sub/.codex"])
        #expect(loaded.config.model == "pkg")
        #expect(loaded.config.modelVerbosity == .low)
        #expect(loaded.layers.allSatisfy { $0.isEnabled })
    }

    @Test func foldersAboveTheRootAreIgnored() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/repo/.git")
        try fixture.writeUser(userConfigTrusting(fixture.work + "/repo") + userConfigTrusting(fixture.work))
        try fixture.write("work/.codex/config.toml", "model = \"outside\"\n")
        let loaded = try fixture.load(fixture.options(cwd: fixture.work + "/repo"))
        #expect(loaded.config.model == Config.defaultModel)
    }

    @Test func customRootMarkers() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/inner")
        try fixture.write("work/.hg", "")
        try fixture.writeUser("project_root_markers = [\".hg\"]\n" + userConfigTrusting(fixture.work))
        try fixture.write("work/.codex/config.toml", "model = \"hg-root\"\n")
        let config = try fixture.load(fixture.options(cwd: fixture.work + "/inner")).config
        #expect(config.model == "hg-root")
        #expect(config.projectRootMarkers == [".hg"])
    }

    @Test func badRootMarkersAreAnError() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("project_root_markers = \".git\"\n")
        #expect(fixture.loadError(fixture.options())?.message.contains("project_root_markers must be an array of strings") == true)
    }

    @Test func trustedProjectDefaultsToWorkspaceWrite() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.mkdir("work/deep")
        try fixture.writeUser(userConfigTrusting(fixture.work))
        let config = try fixture.load(fixture.options(cwd: fixture.work + "/deep")).config
        #expect(config.activeProjectTrust == .trusted)
        #expect(config.sandboxMode == .workspaceWrite)
        #expect(config.approvalPolicy == .onRequest)
        #expect(config.projects[fixture.work]?.trustLevel == .trusted)
    }

    @Test func worktreeUsesMainRepositoryTrust() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("main/.git/worktrees/wt")
        try fixture.write("wt/.git", "gitdir: \(fixture.root)/main/.git/worktrees/wt\n")
        try fixture.writeUser(userConfigTrusting(fixture.root + "/main"))
        try fixture.write("wt/.codex/config.toml", "model = \"wt-model\"\n")
        let config = try fixture.load(fixture.options(cwd: fixture.root + "/wt")).config
        #expect(config.model == "wt-model")
        #expect(config.sandboxMode == .workspaceWrite)
    }

    @Test func codexHomeIsNotAProjectLayer() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("home/.git")
        try fixture.writeUser("model = \"user\"\n" + userConfigTrusting(fixture.home))
        let loaded = try fixture.load(fixture.options(cwd: fixture.home))
        #expect(loaded.layers.count == 2)
        #expect(loaded.config.model == "user")
    }
}
