import CodexConfig
import CodexCore
import CodexProtocol
import Testing

/// The tool list a model's catalog entry selects.
struct ToolSpecsCatalogTests {
    static func names(_ settings: ThreadSettings) -> [String] {
        ToolSpecs.tools(for: settings).compactMap { $0["name"]?.stringValue }
    }

    static func settings(catalog: ModelCatalog?, freeform: Bool = true) -> ThreadSettings {
        ThreadSettings(
            model: "m", modelProvider: "mock", cwd: "/", approvalPolicy: .never, sandbox: SandboxSettings(mode: .readOnly),
            supportsFreeformTools: freeform, modelCatalog: catalog)
    }

    @Test func modelsWithoutCatalogDataKeepTheDefaultTools() {
        #expect(Self.names(Self.settings(catalog: nil)) == ["shell_command", "apply_patch", "update_plan"])
        let other = ModelCatalog(entries: [.init(slug: "other", shellType: "unified_exec")])
        #expect(Self.names(Self.settings(catalog: other)) == ["shell_command", "apply_patch", "update_plan"])
    }

    @Test func catalogEntriesPickTheShellAndPatchTools() {
        let unified = ModelCatalog(entries: [.init(slug: "m", shellType: "unified_exec", applyPatchToolType: "freeform")])
        #expect(Self.names(Self.settings(catalog: unified)) == ["exec_command", "write_stdin", "apply_patch"])
        #expect(ToolSpecs.tools(for: Self.settings(catalog: unified))[2]["type"] == "custom")
        // A provider without custom tools gets the function form.
        #expect(ToolSpecs.tools(for: Self.settings(catalog: unified, freeform: false))[2]["type"] == "function")

        let shellCommand = ModelCatalog(entries: [.init(slug: "m", shellType: "shell_command", applyPatchToolType: "function")])
        let tools = ToolSpecs.tools(for: Self.settings(catalog: shellCommand))
        #expect(tools.compactMap { $0["name"]?.stringValue } == ["shell_command", "apply_patch"])
        #expect(tools[1]["type"] == "function")

        let bare = ModelCatalog(entries: [.init(slug: "m", shellType: "disabled")])
        #expect(Self.names(Self.settings(catalog: bare)).isEmpty)
    }

    @Test func catalogFileParsing() throws {
        let catalog = try ModelCatalog.parse(
            #"{"models":[{"slug":"a","shell_type":"unified_exec","apply_patch_tool_type":null},{"slug":"b"}]}"#)
        #expect(catalog.entry(for: "a") == .init(slug: "a", shellType: "unified_exec", applyPatchToolType: nil))
        #expect(catalog.entry(for: "b") == .init(slug: "b"))
        #expect(throws: ModelCatalogError.self) { try ModelCatalog.parse(#"{"models":[{"shell_type":"x"}]}"#) }
        #expect(throws: ModelCatalogError.self) { try ModelCatalog.parse("[]") }
    }
}
