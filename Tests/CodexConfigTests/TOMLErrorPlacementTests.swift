@testable import CodexConfig
import CodexProtocol
import Testing

/// Where each kind of syntax error is reported, and with what message. The positions follow the reference
/// (codex-cli 0.163.0) except where a test in TOMLParserErrorTests fixes ours: an unclosed string and a bad
/// escape are placed at their opening quote and backslash (the reference: where the closing quote was expected,
/// and at the escaped letter).
@Suite("TOML parser: each error kind at its place, with its message")
struct TOMLErrorPlacementTests {
    /// A malformed document, where its first error is, and the message.
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { text.debugDescription }
        init(_ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.text = text
            self.line = line
            self.column = column
            self.message = message
        }
    }

    static let cases: [Case] = [
        // Unclosed array: after its last value or comma, not at the end of the file (reference: the same).
        Case("model = \"x\"\nfoo = [1, 2\n", 2, 12, "unclosed array, expected `]`"),
        Case("model = \"x\"\nfoo = [1, 2", 2, 12, "unclosed array, expected `]`"),
        Case("foo = [1,\n 2,\n\n# a comment\n\n", 2, 4, "unclosed array, expected `]`"),
        Case("x = 1\ny = [1, # tail\n", 2, 8, "unclosed array, expected `]`"),
        Case("a = [\n", 1, 6, "unclosed array, expected `]`"),
        Case("foo = [1, 2\nbar = 3\n", 2, 1, "missing comma between array elements, expected `,` or `]`, found 'b'"),
        Case("a = [1,,2]", 1, 8, "extra comma in array, expected a value or `]`"),
        // Unclosed inline table: after its last value (reference: the same).
        Case("x = 1\nfoo = {a = 1\n", 2, 13, "unclosed inline table, expected `}`"),
        Case("foo = {a = 1, b = 2", 1, 20, "unclosed inline table, expected `}`"),
        Case("foo = {a = 1   \n", 1, 13, "unclosed inline table, expected `}`"),
        Case("a = {", 1, 6, "unclosed inline table, expected `}`"),
        // Unclosed strings: at the opening quote.
        Case("foo = \"abc\n", 1, 7, "unclosed basic string, expected `\"` before the end of the line"),
        Case("foo = \"abc", 1, 7, "unclosed basic string, expected `\"`"),
        Case("foo = 'abc\n", 1, 7, "unclosed literal string, expected `'` before the end of the line"),
        Case("foo = \"\"\"abc\n\n", 1, 7, "unclosed multi-line basic string, expected `\"\"\"`"),
        Case("foo = '''abc\n", 1, 7, "unclosed multi-line literal string, expected `'''`"),
        // Bad escape: at the backslash.
        Case("foo = \"a\\qb\"\n", 1, 9, "invalid escape sequence, expected `b`, `t`, `n`, `f`, `r`, `\\`, `\"`, `u`, `U`"),
        Case("foo = \"a\\u12\"\n", 1, 9, "a \\u escape needs 4 hex digits"),
        // Duplicate key: at the key (reference: the same).
        Case("a = 1\na = 2\n", 2, 1, "key 'a' is already defined"),
        Case("[t]\nx=1\n[t]\ny=2\n", 3, 2, "table 't' is already defined"),
        // Bad value: at the value (reference: the same, and the same words).
        Case("foo = bar\n", 1, 7, "string values must be quoted"),
        Case("foo = tomato\n", 1, 7, "string values must be quoted"),
        Case("foo = \n", 1, 7, "expected a value, found a newline"),
        Case("foo = 1 2\n", 1, 9, "unexpected '2' after the value, expected a newline or `#`"),
        // Missing `=`: where it was expected (reference: the same, and the same words).
        Case("foo 1\n", 1, 5, "key with no value, expected `=`"),
        Case("foo\n", 1, 4, "key with no value, expected `=`"),
        // Unclosed table header (reference: the same).
        Case("[t\nx=1\n", 1, 3, "unclosed table, expected `]`"),
        Case("[[t]\n", 1, 5, "unclosed array of tables, expected `]]`"),
    ]

    @Test(arguments: cases)
    func placesAndNamesTheError(_ sample: Case) {
        #expect {
            _ = try TOMLDocument.parse(sample.text)
        } throws: { error in
            guard let error = error as? TOMLSyntaxError else { return false }
            #expect(error.line == sample.line)
            #expect(error.column == sample.column)
            #expect(error.message == sample.message)
            return true
        }
    }

    @Test("the config reader's error carries the line's text for the excerpt")
    func readerErrorCarriesTheLine() {
        #expect {
            _ = try TOMLReader.parseDocument("model = \"x\"\r\nfoo = [1, 2\r\n", sourceName: "/h/config.toml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            #expect(error.message == "/h/config.toml:2:12: unclosed array, expected `]`")
            #expect(error.location == ConfigErrorLocation(line: 2, column: 12, lineText: "foo = [1, 2"))
            #expect(!error.description.contains("\n"))
            #expect(
                error.report == """
                    Error loading config.toml:
                    /h/config.toml:2:12: unclosed array, expected `]`
                      |
                    2 | foo = [1, 2
                      |            ^
                    """)
            return true
        }
    }

    @Test("the excerpt's gutter is as wide as the line number; columns count Unicode scalars")
    func excerptShape() {
        let location = ConfigErrorLocation(line: 12, column: 10, in: String(repeating: "\n", count: 11) + "x = \"éé\" z\n")
        #expect(location.lineText == "x = \"éé\" z")
        #expect(location.excerpt == "   |\n12 | x = \"éé\" z\n   |          ^")
        #expect(ConfigErrorLocation.line(1, of: "\u{FEFF}a = [\n") == "a = [")
        #expect(ConfigErrorLocation.line(3, of: "a\n") == "")
    }

    @Test("errors without a place stay one line")
    func errorsWithoutLocation() {
        let error = ConfigError(kind: .invalidValue, message: "invalid value for `model`")
        #expect(error.report == error.description)
    }
}
