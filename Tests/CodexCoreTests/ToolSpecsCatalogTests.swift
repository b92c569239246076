import CodexConfig
import CodexCore
import CodexProtocol
import Testing

/// The tool list a model's catalog entry selects.
struct ToolSpecsCatalogTests {
    static func names(_ settings: ThreadSettings) -> [String] {
        ToolSpecs.tools(for: settings).compactMap { $0["name"]?.stringValue ?? $0["type"]?.stringValue }
    }

    static func settings(catalog: ModelCatalog?, freeform: Bool = true, webSearch: WebSearchMode = .cached) -> ThreadSettings {
        ThreadSettings(
            model: "m", modelProvider: "mock", cwd: "/", approvalPolicy: .never, sandbox: SandboxSettings(mode: .readOnly),
            supportsFreeformTools: freeform, modelCatalog: catalog, webSearch: webSearch)
    }

    @Test func modelsWithoutCatalogDataKeepTheDefaultTools() {
        #expect(Self.names(Self.settings(catalog: nil)) == ["shell_command", "apply_patch", "update_plan"])
        let other = ModelCatalog(entries: [.init(slug: "other", shellType: "unified_exec")])
        #expect(Self.names(Self.settings(catalog: other)) == ["shell_command", "apply_patch", "update_plan"])
    }

    @Test func catalogEntriesPickTheShellAndPatchTools() {
        let unified = ModelCatalog(entries: [.init(slug: "m", shellType: "unified_exec", applyPatchToolType: "freeform")])
        #expect(
            Self.names(Self.settings(catalog: unified))
                == ["exec_command", "write_stdin", "request_user_input", "apply_patch", "view_image", "web_search"])
        #expect(ToolSpecs.tools(for: Self.settings(catalog: unified))[3]["type"] == "custom")
        // A provider without custom tools gets the function form.
        #expect(ToolSpecs.tools(for: Self.settings(catalog: unified, freeform: false))[3]["type"] == "function")

        let shellCommand = ModelCatalog(entries: [.init(slug: "m", shellType: "shell_command", applyPatchToolType: "function")])
        let tools = ToolSpecs.tools(for: Self.settings(catalog: shellCommand))
        #expect(Self.names(Self.settings(catalog: shellCommand)) == ["shell_command", "request_user_input", "apply_patch", "view_image", "web_search"])
        #expect(tools[2]["type"] == "function")

        let bare = ModelCatalog(entries: [.init(slug: "m", shellType: "disabled")])
        #expect(Self.names(Self.settings(catalog: bare)) == ["request_user_input", "view_image", "web_search"])
    }

    /// `web_search` is the provider's tool: cached by default, live on request, absent when disabled.
    @Test func webSearchFollowsTheConfiguredMode() {
        let catalog = ModelCatalog(entries: [.init(slug: "m", shellType: "unified_exec", applyPatchToolType: "freeform")])
        func webSearch(_ mode: WebSearchMode) -> JSONValue? {
            ToolSpecs.tools(for: Self.settings(catalog: catalog, webSearch: mode)).first { $0["type"] == "web_search" }
        }
        #expect(webSearch(.cached) == ["type": "web_search", "external_web_access": false])
        #expect(webSearch(.live) == ["type": "web_search", "external_web_access": true])
        #expect(webSearch(.disabled) == nil)
        // Models without catalog data keep the default tools, without the provider's tool.
        #expect(Self.names(Self.settings(catalog: nil, webSearch: .live)) == ["shell_command", "apply_patch", "update_plan"])
    }

    @Test func catalogFileParsing() throws {
        let catalog = try ModelCatalog.parse(
            #"{"models":[{"slug":"a","shell_type":"unified_exec","apply_patch_tool_type":null},{"slug":"b"}]}"#)
        #expect(catalog.entry(for: "a") == .init(slug: "a", shellType: "unified_exec", applyPatchToolType: nil))
        #expect(catalog.entry(for: "b") == .init(slug: "b"))
        #expect(throws: ModelCatalogError.self) { try ModelCatalog.parse(#"{"models":[{"shell_type":"x"}]}"#) }
        let modalities = try ModelCatalog.parse(
            #"{"models":[{"slug":"t","input_modalities":["text"]},{"slug":"i","input_modalities":["text","image"]},{"slug":"d"}]}"#)
        #expect(modalities.entry(for: "t")?.supportsImages == false)
        #expect(modalities.entry(for: "i")?.supportsImages == true)
        // Without `input_modalities` the reference assumes text and images.
        #expect(modalities.entry(for: "d")?.supportsImages == true)
        #expect(throws: ModelCatalogError.self) { try ModelCatalog.parse("[]") }
    }
}
