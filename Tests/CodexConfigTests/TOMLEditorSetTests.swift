import CodexConfig
import CodexProtocol
import TOMLKit
import Testing

/// Applies edits to a text and returns the result.
func edit(_ text: String, _ body: (inout TOMLDocumentEditor) throws -> Void) throws -> String {
    var editor = TOMLDocumentEditor(text: text)
    try body(&editor)
    return editor.text
}

/// Parses TOML with TOMLKit and reads the value at a key path as JSON (nil when absent).
func tomlKitValue(_ text: String, at path: [String]) throws -> JSONValue? {
    var current: any TOMLValueConvertible = try TOMLTable(string: text)
    for segment in path {
        guard let table = current.table, let next = table[segment] else { return nil }
        current = next
    }
    return jsonValue(current)
}

/// Converts a TOMLKit value to JSON; dates and times become strings.
func jsonValue(_ value: any TOMLValueConvertible) -> JSONValue {
    switch value.type {
    case .table:
        var object = JSONObject()
        if let table = value.table {
            for key in table.keys { object[key] = table[key].map(jsonValue) ?? .null }
        }
        return .object(object)
    case .array: return .array(value.array.map { $0.map(jsonValue) } ?? [])
    case .string: return value.string.map(JSONValue.string) ?? .null
    case .int: return value.int.map { .int(Int64($0)) } ?? .null
    case .double: return value.double.map(JSONValue.double) ?? .null
    case .bool: return value.bool.map(JSONValue.bool) ?? .null
    case .date, .time, .dateTime: return .string(value.debugDescription)
    }
}

@Suite("TOML editor: setting values")
struct TOMLEditorSetTests {
    @Test("replacing a root value keeps spacing, quoting of the key and the trailing comment")
    func replaceRootValue() throws {
        let text = """
            # Codex config
            model   =  "o3"   # main model
            "approval_policy" = 'never'

            [tui]
            theme = "dark"

            """
        let result = try edit(text) { try $0.set(["model"], to: "gpt-5") }
        #expect(result == text.replacingAll("\"o3\"", with: "\"gpt-5\""))
        let quoted = try edit(text) { try $0.set(["approval_policy"], to: "on-request") }
        #expect(quoted == text.replacingAll("'never'", with: "\"on-request\""))
    }

    @Test("a new key goes after the last key of its table, before comments that lead into the next table")
    func appendToExistingTable() throws {
        let text = """
            model = "o3"

            [tui]
            # theme
            theme = "dark" # dark

            # Profiles follow
            [profiles.fast]
            model = "o4-mini"

            """
        let result = try edit(text) {
            try $0.set(["tui", "notifications"], to: true)
            try $0.set(["profiles", "fast", "model_reasoning_effort"], to: "low")
            try $0.set(["sandbox_mode"], to: "read-only")
        }
        #expect(result == """
            model = "o3"
            sandbox_mode = "read-only"

            [tui]
            # theme
            theme = "dark" # dark
            notifications = true

            # Profiles follow
            [profiles.fast]
            model = "o4-mini"
            model_reasoning_effort = "low"

            """)
    }

    @Test("a new key lines up with the indented key before it; a byte order mark stays first")
    func indentationAndByteOrderMark() throws {
        let text = "[tui]\n  theme = \"dark\"\n\t\tgroup.a = 1\n"
        let result = try edit(text) {
            try $0.set(["tui", "group", "b"], to: 2)
            try $0.set(["tui", "notifications"], to: true)
        }
        #expect(result == "[tui]\n  theme = \"dark\"\n\t\tgroup.a = 1\n\t\tgroup.b = 2\n\t\tnotifications = true\n")
        let marked = try edit("\u{FEFF}[a]\nk = 1\n") { try $0.set(["model"], to: "o3") }
        #expect(marked == "\u{FEFF}model = \"o3\"\n\n[a]\nk = 1\n")
    }

    @Test("missing tables are created as headers; the parent stays implicit")
    func createMissingTables() throws {
        let result = try edit("model = \"o3\" # keep\n") {
            try $0.set(["tools", "view_image"], to: true)
            try $0.set(["projects", "/home/u/my repo", "trust_level"], to: "trusted")
            try $0.set(["profiles", "fast", "model"], to: "o4-mini")
        }
        #expect(result == """
            model = "o3" # keep

            [tools]
            view_image = true

            [projects."/home/u/my repo"]
            trust_level = "trusted"

            [profiles.fast]
            model = "o4-mini"

            """)
        #expect(try tomlKitValue(result, at: ["projects", "/home/u/my repo", "trust_level"]) == "trusted")
    }

    @Test("a new profile table joins the other profiles instead of going to the end")
    func newSectionJoinsSiblings() throws {
        let text = """
            [profiles.fast]
            model = "o4-mini"

            [tui]
            theme = "dark"

            """
        let result = try edit(text) { try $0.set(["profiles", "deep", "model"], to: "o3") }
        #expect(result == """
            [profiles.fast]
            model = "o4-mini"

            [profiles.deep]
            model = "o3"

            [tui]
            theme = "dark"

            """)
    }

    @Test("a root key added to a file with only comments and tables goes above the first table's comments")
    func rootKeyBeforeFirstTable() throws {
        let text = """
            # My config

            # Providers
            [model_providers.local]
            name = "local"

            """
        let result = try edit(text) { try $0.set(["model"], to: "o3") }
        #expect(result == """
            # My config

            model = "o3"

            # Providers
            [model_providers.local]
            name = "local"

            """)
        #expect(try edit("") { try $0.set(["model"], to: "o3") } == "model = \"o3\"\n")
        #expect(try edit("# only a comment") { try $0.set(["model"], to: "o3") } == "# only a comment\nmodel = \"o3\"\n")
    }

    @Test("multi-line arrays and multi-line strings are replaced as a whole; their trailing comment stays")
    func replaceMultilineValues() throws {
        let text = """
            args = [
              "--port", # the port
              "8080",
            ] # server args
            instructions = \"\"\"
            [fake]
            key = x
            \"\"\"
            after = 1

            """
        let result = try edit(text) {
            try $0.set(["args"], to: ["--stdio"])
            try $0.set(["instructions"], to: "Be brief.\nUse \"quotes\".")
        }
        #expect(result == """
            args = ["--stdio"] # server args
            instructions = "Be brief.\\nUse \\"quotes\\"."
            after = 1

            """)
        #expect(try tomlKitValue(result, at: ["instructions"]) == "Be brief.\nUse \"quotes\".")
    }

    @Test("writing the value that is already there changes nothing")
    func unchangedValue() throws {
        let text = """
            model = 'o3'  # literal quotes
            count = 1_000
            ratio = 0.5
            list = [ "a", 'b' ]
            tui = { theme = "dark", notifications = [1, 2] }
            [projects."/a/b"]
            trust_level = "trusted"

            """
        var editor = TOMLDocumentEditor(text: text)
        #expect(try editor.set(["model"], to: "o3") == false)
        #expect(try editor.set(["count"], to: 1000) == false)
        #expect(try editor.set(["ratio"], to: 0.5) == false)
        #expect(try editor.set(["list"], to: ["a", "b"]) == false)
        #expect(try editor.set(["tui"], to: ["theme": "dark", "notifications": [1, 2]]) == false)
        #expect(try editor.set(["projects", "/a/b"], to: ["trust_level": "trusted"]) == false)
        #expect(try editor.remove(["missing", "key"]) == false)
        #expect(editor.text == text)
        #expect(try editor.set(["count"], to: 1001) == true)
        #expect(editor.text != text)
    }

    @Test("keys under quoted headers and dotted root keys are found")
    func quotedHeadersAndDottedKeys() throws {
        let text = """
            profiles.fast.model = "o4-mini" # dotted
            profiles.fast."approval_policy" = "never"
            other = 1

            [projects."/home/u/a.b"]
            trust_level = "untrusted"

            """
        let result = try edit(text) {
            try $0.set(["projects", "/home/u/a.b", "trust_level"], to: "trusted")
            try $0.set(["profiles", "fast", "model"], to: "o3")
            try $0.set(["profiles", "fast", "model_reasoning_effort"], to: "high")
            try $0.set(["profiles", "slow", "model"], to: "o1")
        }
        #expect(result == """
            profiles.fast.model = "o3" # dotted
            profiles.fast."approval_policy" = "never"
            profiles.fast.model_reasoning_effort = "high"
            profiles.slow.model = "o1"
            other = 1

            [projects."/home/u/a.b"]
            trust_level = "trusted"

            """)
        #expect(try tomlKitValue(result, at: ["profiles", "slow", "model"]) == "o1")
    }

    @Test("inline tables are edited in place: replace, add, nested")
    func inlineTables() throws {
        let text = "tui = { theme = \"dark\", sub = { a = 1 } } # ui\n[mcp_servers]\nx = {}\n"
        let result = try edit(text) {
            try $0.set(["tui", "theme"], to: "light")
            try $0.set(["tui", "notifications"], to: true)
            try $0.set(["tui", "sub", "b"], to: 2)
            try $0.set(["mcp_servers", "x", "command"], to: "npx")
        }
        #expect(result == """
            tui = { theme = "light", sub = { a = 1, b = 2 }, notifications = true } # ui
            [mcp_servers]
            x = { command = "npx" }

            """)
        #expect(try tomlKitValue(result, at: ["tui", "sub", "b"]) == 2)
    }

    @Test("text inside strings never looks like a header, key or comment")
    func stringsDoNotConfuseTheScanner() throws {
        let text = """
            a = "x # not a comment = [not.a.header]"
            b = '''
            [fake]
            key = x
            '''
            c = \"\"\"
            c = "still the string" \\
            [also.fake]\"\"\"
            [real]
            key = "v" # [x]

            """
        let result = try edit(text) {
            try $0.set(["key"], to: 1)
            try $0.set(["real", "key"], to: "w")
            try $0.set(["fake", "key"], to: 2)
        }
        #expect(result == """
            a = "x # not a comment = [not.a.header]"
            b = '''
            [fake]
            key = x
            '''
            c = \"\"\"
            c = "still the string" \\
            [also.fake]\"\"\"
            key = 1
            [real]
            key = "w" # [x]

            [fake]
            key = 2

            """)
        #expect(try tomlKitValue(result, at: ["c"]) == "c = \"still the string\" [also.fake]")
        #expect(try tomlKitValue(result, at: ["a"]) == "x # not a comment = [not.a.header]")
    }

    @Test("a CRLF file gets CRLF line endings on new lines")
    func crlfLineEndings() throws {
        let text = "# config\r\nmodel = \"o3\"\r\n\r\n[tui]\r\ntheme = \"dark\"\r\n"
        let result = try edit(text) {
            try $0.set(["model"], to: "gpt-5")
            try $0.set(["tui", "notifications"], to: false)
            try $0.set(["tools", "web_search"], to: true)
        }
        #expect(result == """
            # config\r\nmodel = "gpt-5"\r\n\r\n[tui]\r\ntheme = "dark"\r\nnotifications = false\r\n\
            \r\n[tools]\r\nweb_search = true\r\n
            """)
    }

    @Test("values are written as TOML: escaped strings, floats, arrays, objects as tables or inline tables")
    func valueSerialization() throws {
        let object: JSONValue = [
            "command": "npx",
            "args": ["-y", "server \"x\"\t\u{01}"],
            "env": ["KEY": "v"],
            "timeout": 1.0,
            "big": 1e300,
            "skip": nil,
            "list": [["a": 1], []],
        ]
        let result = try edit("") { try $0.set(["mcp_servers", "my.server"], to: object) }
        #expect(result == """
            [mcp_servers."my.server"]
            command = "npx"
            args = ["-y", "server \\"x\\"\\t\\u0001"]
            timeout = 1.0
            big = 1e+300
            list = [{ a = 1 }, []]

            [mcp_servers."my.server".env]
            KEY = "v"

            """)
        var expected = object.objectValue ?? JSONObject()
        expected["skip"] = nil
        #expect(try tomlKitValue(result, at: ["mcp_servers", "my.server"]) == .object(expected))
        #expect(try edit("") { try $0.set(["empty"], to: [:]) } == "empty = {}\n")
        #expect(throws: TOMLEditError.unrepresentableValue(path: ["a"], message: "TOML arrays cannot hold null")) {
            try edit("") { try $0.set(["a"], to: [1, nil]) }
        }
        // A failing edit leaves the document as it was, also when part of an object was written.
        var editor = TOMLDocumentEditor(text: "x = 1\n")
        #expect(throws: TOMLEditError.self) { try editor.set(["t"], to: ["ok": 1, "bad": [nil]]) }
        #expect(editor.text == "x = 1\n")
    }

    @Test("setting an object on an existing table replaces its keys one by one")
    func objectReplacesTable() throws {
        let text = """
            [mcp_servers.docs]
            command = "old" # cmd
            args = ["a"]
            env = { A = "1" }

            [mcp_servers.docs.extra]
            x = 1

            """
        let result = try edit(text) {
            try $0.set(["mcp_servers", "docs"], to: ["command": "new", "env": ["A": "1", "B": "2"], "cwd": "/tmp"])
        }
        #expect(result == """
            [mcp_servers.docs]
            command = "new" # cmd
            env = { A = "1", B = "2" }
            cwd = "/tmp"

            """)
    }

    @Test("null removes the key; a scalar replaces a table")
    func nullAndScalarOverTable() throws {
        #expect(try edit("a = 1\nb = 2\n") { try $0.set(["a"], to: nil) } == "b = 2\n")
        #expect(try edit("x = 0\n\n[a]\nb = 1\n") { try $0.set(["a"], to: 5) } == "x = 0\na = 5\n")
        // An implicit table inside an inline table is replaced inside it, never by a dotted key outside.
        let inline = try edit("t = { a.b = 1, c = 2 }\n") { try $0.set(["t", "a"], to: 5) }
        #expect(inline == "t = { c = 2, a = 5 }\n")
        #expect(try edit("t = { a.b = 1 }\n") { try $0.set(["t", "a"], to: [:]) } == "t = { a = {} }\n")
    }

    @Test("setting below a value that is not a table is a path conflict")
    func pathConflict() throws {
        var editor = TOMLDocumentEditor(text: "model = \"o3\"\n[tui]\ntheme = [1]\n")
        #expect(
            throws: TOMLEditError.pathConflict(
                path: ["model", "x"], existing: ["model"], message: "holds a value that is not a table")
        ) {
            try editor.set(["model", "x"], to: 1)
        }
        let error = #expect(throws: TOMLEditError.self) { try editor.set(["tui", "theme", "dark"], to: true) }
        #expect(error?.description == "cannot edit tui.theme.dark: tui.theme holds a value that is not a table")
        #expect(throws: TOMLEditError.emptyPath) { try editor.set([], to: 1) }
        #expect(TOMLDocumentEditor.keyPath("a.b.c") == ["a", "b", "c"])
        #expect(try editor.set(dotted: "tui.theme", to: "x"))
        #expect(try tomlKitValue(editor.text, at: ["tui", "theme"]) == "x")
    }

    @Test("arrays of tables cannot be edited by key path")
    func arrayOfTables() throws {
        var editor = TOMLDocumentEditor(text: "[[hooks]]\nname = \"a\"\n")
        #expect(throws: TOMLEditError.arrayOfTables(path: ["hooks", "name"], existing: ["hooks"])) {
            try editor.set(["hooks", "name"], to: "b")
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
