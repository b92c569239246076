import CodexConfig
import CodexProtocol
import Testing

/// The `config` map of thread/start becomes `-c key=value` overrides with TOML values.
@Suite struct ThreadConfigOverridesTests {
    @Test func scalarsArraysAndTablesRenderAsTOML() {
        let config: JSONValue = [
            "model": "gpt \"x\"\n", "model_context_window": 1000, "features.web_search": true, "skip": nil,
            "notify": ["a", "b"], "sandbox_workspace_write": ["network_access": false, "writable_roots": ["/w"]],
        ]
        #expect(
            ThreadConfigOverrides.cliOverrides(config) == [
                "model=\"gpt \\\"x\\\"\\n\"", "model_context_window=1000", "features.web_search=true",
                "notify=[\"a\", \"b\"]", "sandbox_workspace_write={ network_access = false, writable_roots = [\"/w\"] }",
            ])
    }

    @Test func controlCharactersAreEscaped() {
        #expect(ThreadConfigOverrides.toml("a\u{1}b") == "\"a\\u0001b\"")
    }

    @Test func anythingButAnObjectGivesNoOverrides() {
        #expect(ThreadConfigOverrides.cliOverrides(nil) == [])
        #expect(ThreadConfigOverrides.cliOverrides(["a", "b"]) == [])
    }
}
