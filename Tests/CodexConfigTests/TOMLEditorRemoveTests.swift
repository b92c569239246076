import CodexConfig
import CodexProtocol
import Testing

@Suite("TOML editor: removing keys and tables")
struct TOMLEditorRemoveTests {
    @Test("removing a key drops its whole logical line and nothing else")
    func removeKey() throws {
        let text = """
            # top
            model = "o3" # model
            args = [
              "a", # first
            ]
            after = true

            """
        var editor = TOMLDocumentEditor(text: text)
        #expect(try editor.remove(["args"]))
        #expect(editor.text == "# top\nmodel = \"o3\" # model\nafter = true\n")
        #expect(try editor.remove(["args"]) == false)
        #expect(try editor.remove(["model", "nested"]) == false)
        #expect(try editor.remove(dotted: "after"))
        #expect(editor.text == "# top\nmodel = \"o3\" # model\n")
    }

    @Test("removing a table drops its header block, sub-tables and dotted keys, keeping other comments")
    func removeTable() throws {
        let text = """
            model = "o3"
            profiles.fast.model = "x"

            # the fast profile
            [profiles.fast]
            effort = "low"

            [profiles.fast.extra]
            a = 1

            # Terminal UI
            [tui]
            theme = "dark"

            [profiles.slow]
            model = "y"

            """
        var editor = TOMLDocumentEditor(text: text)
        #expect(try editor.remove(["profiles", "fast"]))
        #expect(editor.text == """
            model = "o3"

            # the fast profile
            # Terminal UI
            [tui]
            theme = "dark"

            [profiles.slow]
            model = "y"

            """)
        #expect(try editor.remove(["profiles"]))
        #expect(editor.text == """
            model = "o3"

            # the fast profile
            # Terminal UI
            [tui]
            theme = "dark"

            """)
    }

    @Test("removing from an inline table keeps its other entries and commas right")
    func removeInlineEntries() throws {
        let text = "t = { a = 1, b = \"x, y\", c = { d = 2 } } # keep\n"
        #expect(try edit(text) { try $0.remove(["t", "a"]) } == "t = { b = \"x, y\", c = { d = 2 } } # keep\n")
        #expect(try edit(text) { try $0.remove(["t", "b"]) } == "t = { a = 1, c = { d = 2 } } # keep\n")
        #expect(try edit(text) { try $0.remove(["t", "c"]) } == "t = { a = 1, b = \"x, y\" } # keep\n")
        #expect(try edit(text) { try $0.remove(["t", "c", "d"]) } == "t = { a = 1, b = \"x, y\", c = {} } # keep\n")
        #expect(try edit(text) { try $0.remove(["t"]) } == "")
    }

    @Test("a whole array of tables can be removed, but not a key inside one")
    func arrayOfTables() throws {
        let text = "a = 1\n[[hooks]]\nname = \"x\"\n[[hooks]]\nname = \"y\"\n"
        #expect(try edit(text) { try $0.remove(["hooks"]) } == "a = 1\n")
        #expect(throws: TOMLEditError.arrayOfTables(path: ["hooks", "name"], existing: ["hooks"])) {
            try edit(text) { try $0.remove(["hooks", "name"]) }
        }
        #expect(throws: TOMLEditError.emptyPath) { try edit(text) { try $0.remove([]) } }
    }
}
