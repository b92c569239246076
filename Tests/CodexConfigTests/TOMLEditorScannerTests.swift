import CodexConfig
import CodexProtocol
import Testing

@Suite("TOML editor: scanning malformed and unusual input")
struct TOMLEditorScannerTests {
    @Test(
        "input the scanner cannot follow is an error naming the line",
        arguments: [
            ("a = 1\nb = \"open\n", 2, "unterminated string (missing closing '\"')"),
            ("a = 1\n\nb = [1,\n 2\n", 3, "unterminated array (missing ']')"),
            ("t = { a = 1\n", 1, "unterminated inline table (missing '}')"),
            ("x = 1\ns = '''never closed\n\n", 2, "unterminated multi-line string (missing closing ''')"),
            ("[a.b\nk = 1\n", 1, "table header is not closed with ']'"),
            ("ok = 1\nkey value\n", 2, "expected '=' after the key key"),
            ("a = \n", 1, "missing value after '='"),
            ("a = hello\n", 1, "invalid value 'hello' (strings must be quoted)"),
            ("a = 1 2\n", 1, "invalid value '1 2' (strings must be quoted)"),
            ("a = \"x\" y\n", 1, "unexpected text 'y' where the line should end"),
            ("a = \"\\q\"\n", 1, "invalid escape sequence '\\q' in string"),
        ])
    func malformed(text: String, line: Int, message: String) throws {
        var editor = TOMLDocumentEditor(text: text)
        #expect(throws: TOMLEditError.malformed(line: line, message: message)) {
            try editor.set(["z"], to: 1)
        }
        #expect(throws: TOMLEditError.malformed(line: line, message: message)) { try editor.validate() }
        #expect(editor.text == text)
    }

    @Test("the error description names the line")
    func errorDescription() {
        #expect(TOMLEditError.malformed(line: 3, message: "unterminated string").description
            == "line 3: unterminated string")
    }

    @Test("dates, numbers in every notation, escapes and empty documents scan")
    func unusualValues() throws {
        let text = """
            \u{FEFF}date = 1979-05-27T07:32:00Z
            local = 1979-05-27 07:32:00 # with a space
            time = 07:32:00
            hex = 0xDEAD_BEEF
            oct = 0o755
            bin = 0b1010
            float = -1.5e-3
            special = [inf, -inf, nan]
            unicode = "caf\\u00E9 \\U0001F600"
            "quoted key" = 'C:\\path'
            multi = \"\"\"
            one \\
              two\"\"\"\"\"
            empty_array = [ ]
            nested = [[1, 2], ["a"]]

            """
        var editor = TOMLDocumentEditor(text: text)
        try editor.validate()
        #expect(try editor.set(["hex"], to: 0xDEAD_BEEF) == false)
        #expect(try editor.set(["oct"], to: 0o755) == false)
        #expect(try editor.set(["bin"], to: 10) == false)
        #expect(try editor.set(["float"], to: -1.5e-3) == false)
        #expect(try editor.set(["unicode"], to: "café 😀") == false)
        #expect(try editor.set(["quoted key"], to: "C:\\path") == false)
        #expect(try editor.set(["multi"], to: "one two\"\"") == false)
        #expect(try editor.set(["nested"], to: [[1, 2], ["a"]]) == false)
        #expect(try editor.set(["local"], to: "now"))
        #expect(editor.text.contains("local = \"now\" # with a space\n"))
        #expect(TOMLDocumentEditor(text: "").text.isEmpty)
        try TOMLDocumentEditor(text: "\n\n# just comments\n   \n").validate()
    }
}
