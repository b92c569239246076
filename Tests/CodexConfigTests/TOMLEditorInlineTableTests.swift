import CodexConfig
import CodexProtocol
import Testing

@Suite("TOML editor: converting inline tables to table blocks")
struct TOMLEditorInlineTableTests {
    @Test("inline project trust becomes explicit [projects.\"path\"] tables, values copied as written")
    func projectTrust() throws {
        let text = """
            model = "o3"
            projects = { "/a" = { trust_level = 'untrusted' }, "/b b" = { trust_level = "trusted" } } # trust

            [tui]
            theme = "dark"

            """
        var editor = TOMLDocumentEditor(text: text)
        #expect(try editor.convertInlineTable(["projects"], nested: true))
        #expect(try editor.set(["projects", "/c", "trust_level"], to: "trusted"))
        #expect(editor.text == """
            model = "o3"

            [projects."/a"] # trust
            trust_level = 'untrusted'

            [projects."/b b"]
            trust_level = "trusted"

            [projects."/c"]
            trust_level = "trusted"

            [tui]
            theme = "dark"

            """)
        #expect(try tomlKitValue(editor.text, at: ["projects", "/a", "trust_level"]) == "untrusted")
        #expect(try editor.convertInlineTable(["projects"], nested: true) == false)
    }

    @Test("without nesting, inner inline tables stay inline; the document keeps its meaning")
    func flatConversion() throws {
        let text = "tui = { 'theme' = \"dark\", n = { a = [1,\n  2] } }\n"
        var editor = TOMLDocumentEditor(text: text)
        #expect(try editor.convertInlineTable(["tui"]))
        #expect(editor.text == "[tui]\n'theme' = \"dark\"\nn = { a = [1,\n  2] }\n")
        #expect(try tomlKitValue(editor.text, at: []) == tomlKitValue(text, at: []))
    }

    @Test("an inline table inside another is reached by opening the outer one first")
    func innerInlineTable() throws {
        let text = "x = 1\nt = { a = { b = 1 }, c = 2 }\n"
        var editor = TOMLDocumentEditor(text: text)
        #expect(try editor.convertInlineTable(["t", "a"]))
        #expect(editor.text == "x = 1\n\n[t]\nc = 2\n\n[t.a]\nb = 1\n")
        #expect(try tomlKitValue(editor.text, at: []) == tomlKitValue(text, at: []))
    }

    @Test("a [table] with inline children converts the children; scalars and missing paths are handled")
    func tablesScalarsAndMissing() throws {
        let text = "[projects]\n\"/a\" = { trust_level = \"trusted\" }\n"
        var editor = TOMLDocumentEditor(text: text)
        #expect(try editor.convertInlineTable(["projects"]) == false)
        #expect(try editor.convertInlineTable(["projects"], nested: true))
        #expect(editor.text == "[projects]\n\n[projects.\"/a\"]\ntrust_level = \"trusted\"\n")
        #expect(try editor.convertInlineTable(["nothing"]) == false)
        var scalar = TOMLDocumentEditor(text: "a = 1\n")
        #expect(throws: TOMLEditError.pathConflict(path: ["a"], existing: ["a"], message: "holds a value that is not a table")) {
            try scalar.convertInlineTable(["a"])
        }
    }
}
