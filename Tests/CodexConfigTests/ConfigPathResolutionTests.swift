import CodexConfig
import CodexProtocol
import Testing

@Suite struct ConfigPathResolutionTests {
    @Test func userLayerPathsResolveAgainstCodexHome() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser(
            """
            model_instructions_file = "prompts/base.md"
            [sandbox_workspace_write]
            writable_roots = ["cache", "../shared", "/abs/root"]
            [mcp_servers.tool]
            command = "tool"
            cwd = "./servers/tool"
            """)
        let loaded = try fixture.load(fixture.options())
        let config = loaded.config
        #expect(config.modelInstructionsFile == fixture.codexHome + "/prompts/base.md")
        #expect(config.sandboxWorkspaceWrite.writableRoots == [fixture.codexHome + "/cache", fixture.home + "/shared", "/abs/root"])
        guard case .stdio(_, _, _, _, let cwd)? = config.mcpServers["tool"]?.transport else {
            Issue.record("expected a stdio server")
            return
        }
        // 0.163.0 keeps an MCP server's relative cwd verbatim; it resolves against the session cwd at spawn.
        #expect(cwd == "./servers/tool")
        #expect(loaded.merged["model_instructions_file"] == .string(fixture.codexHome + "/prompts/base.md"))
    }

    @Test func systemAndManagedPathsResolveAgainstTheirFolder() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.write("etc/codex/config.toml", "experimental_instructions_file = \"sys.md\"\n")
        #expect(try fixture.load(fixture.options()).config.modelInstructionsFile == fixture.etc + "/sys.md")
        try fixture.write("etc/codex/managed_config.toml", "model_instructions_file = \"managed.md\"\n")
        #expect(try fixture.load(fixture.options()).config.modelInstructionsFile == fixture.etc + "/managed.md")
    }

    @Test func projectPathsResolveAgainstDotCodex() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.mkdir("work/.git")
        try fixture.writeUser("[projects.\"\(fixture.work)\"]\ntrust_level = \"trusted\"\n")
        try fixture.write("work/.codex/config.toml", "[sandbox_workspace_write]\nwritable_roots = [\"out\"]\n")
        let config = try fixture.load(fixture.options()).config
        #expect(config.sandboxWorkspaceWrite.writableRoots == [fixture.work + "/.codex/out"])
    }

    @Test func sessionFlagPathsResolveAgainstProcessCwd() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            fixture.options(overrides: ["model_instructions_file=notes/i.md", "sandbox_workspace_write.writable_roots=[\"a\"]"])
        ).config
        #expect(config.modelInstructionsFile == fixture.work + "/notes/i.md")
        #expect(config.sandboxWorkspaceWrite.writableRoots == [fixture.work + "/a"])
    }

    @Test func tildeExpandsToHome() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model_instructions_file = \"~/prompts/i.md\"\n[sandbox_workspace_write]\nwritable_roots = [\"~\"]\n")
        let config = try fixture.load(fixture.options()).config
        #expect(config.modelInstructionsFile == fixture.home + "/prompts/i.md")
        #expect(config.sandboxWorkspaceWrite.writableRoots == [fixture.home])
    }

    @Test func profileTablePathsResolveToo() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("profile = \"p\"\n[profiles.p]\nmodel_instructions_file = \"p.md\"\n")
        let config = try fixture.load(fixture.options()).config
        #expect(config.modelInstructionsFile == fixture.codexHome + "/p.md")
        #expect(config.profiles["p"]?.modelInstructionsFile == fixture.codexHome + "/p.md")
    }

    @Test func nonPathKeysAreLeftAlone() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model = \"./not-a-path\"\nnotify = [\"./notify.sh\"]\n")
        let config = try fixture.load(fixture.options()).config
        #expect(config.model == "./not-a-path")
        #expect(config.notify == ["./notify.sh"])
    }
}
