@testable import CodexConfig
import CodexProtocol
import Testing

@Suite("TOML parser: invalid documents report line and column")
struct TOMLParserErrorTests {
    /// A malformed document and where its first error is.
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let line: Int
        let column: Int
        var testDescription: String { text.debugDescription }
        init(_ text: String, _ line: Int, _ column: Int) {
            self.text = text
            self.line = line
            self.column = column
        }
    }

    static let cases: [Case] = [
        // Redefinitions.
        Case("a = 1\na = 2", 2, 1),
        Case("[t]\n[t]", 2, 2),
        Case("[t]\nx = 1\n[t.x]", 3, 2),
        Case("[fruit]\napple.color = 'red'\n[fruit.apple]", 3, 2),
        Case("a.b = 1\n[a]", 2, 2),
        Case("a = { b = 1 }\n[a]", 2, 2),
        Case("a = { b = 1 }\n[a.c]", 2, 2),
        Case("a = { b = 1 }\na.c = 2", 2, 1),
        Case("p = { x = 1, x = 2 }", 1, 14),
        Case("p = { b = { c = 1 }, b.d = 2 }", 1, 22),
        Case("a = [1]\n[[a]]", 2, 3),
        Case("[[a]]\n[a]", 2, 2),
        Case("[a]\n[[a]]", 2, 3),
        Case("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", 4, 1),
        // Headers and keys.
        Case("[", 1, 2),
        Case("[a", 1, 3),
        Case("[[a]", 1, 5),
        Case("[a]]", 1, 4),
        Case("[.a]", 1, 2),
        Case("[a.]", 1, 4),
        Case("a.=1", 1, 3),
        Case("=1", 1, 1),
        Case("a", 1, 2),
        Case("a = 1 b = 2", 1, 7),
        Case("\"\"\"k\"\"\" = 1", 1, 1),
        Case("k\u{e9} = 1", 1, 2),
        // Values.
        Case("a =", 1, 4),
        Case("a = [1,,2]", 1, 8),
        Case("a = [1 2]", 1, 8),
        Case("a = [1,\n2", 2, 2),
        Case("a = {", 1, 6),
        Case("a = { b = }", 1, 11),
        Case("a = { b = 1, }", 1, 14),
        Case("a = { b = 1,\n c = 2 }", 1, 13),
        Case("a = truex", 1, 9),
        Case("a = tru", 1, 5),
        // Strings.
        Case("a = \"abc", 1, 5),
        Case("a = \"ab\ncd\"", 1, 5),
        Case("a = 'ab", 1, 5),
        Case("a = \"\\q\"", 1, 6),
        Case("a = \"\\uD800\"", 1, 6),
        Case("a = \"\\U00110000\"", 1, 6),
        Case("a = \"\\u12\"", 1, 6),
        Case("a = \"x\u{01}\"", 1, 7),
        Case("a = \"x\u{7F}\"", 1, 7),
        Case("a = \"x\0\"", 1, 7),
        Case("a = '''x\u{01}'''", 1, 9),
        Case("a = \"\"\"\nabc", 1, 5),
        Case("a = '''abc''''''", 1, 16),
        Case("a = \"\"\"x \\ y\"\"\"", 1, 10),
        Case("# bad \u{01} comment", 1, 7),
        Case("a = 1\rb = 2", 1, 6),
        // Numbers, dates and times.
        Case("a = 01", 1, 5),
        Case("a = 1__0", 1, 5),
        Case("a = _1", 1, 5),
        Case("a = 1_", 1, 5),
        Case("a = +0x1F", 1, 5),
        Case("a = 0x", 1, 5),
        Case("a = 0o8", 1, 5),
        Case("a = 9223372036854775808", 1, 5),
        Case("a = -9223372036854775809", 1, 5),
        Case("a = 0x8000000000000000", 1, 5),
        Case("a = 1.", 1, 5),
        Case("a = .5", 1, 5),
        Case("a = 1e", 1, 5),
        Case("a = 1.e5", 1, 5),
        Case("a = 1979-13-45", 1, 5),
        Case("a = 2023-02-29", 1, 5),
        Case("a = 1979-05-27T25:00:00", 1, 5),
        Case("a = 07:32", 1, 5),
        Case("a = 1979-05-27T07:32:00+7:00", 1, 5),
        Case("a = 1979-05-27T07:32:00.", 1, 5),
        Case("\n\nx = { y = \"\u{e9}\u{e9}\" } z", 3, 18),
    ]

    @Test(arguments: cases)
    func reportsPosition(_ sample: Case) {
        #expect {
            _ = try TOMLDocument.parse(sample.text)
        } throws: { error in
            guard let error = error as? TOMLSyntaxError else { return false }
            return error.line == sample.line && error.column == sample.column && !error.message.isEmpty
        }
    }

    @Test("syntax errors through the config reader name the file, line and column")
    func readerMessageFormat() {
        #expect {
            _ = try TOMLReader.parseDocument("a = 1\na = 2\n", sourceName: "/x/config.toml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.kind == .malformedFile && error.message == "/x/config.toml:2:1: key 'a' is already defined"
        }
    }

    @Test("hostile nesting is an error, not a stack overflow")
    func nestingLimit() {
        let deepArray = "a = " + String(repeating: "[", count: 100_000)
        #expect(throws: TOMLSyntaxError.self) { try TOMLDocument.parse(deepArray) }
        let deepTable = "a = " + String(repeating: "{b=", count: 100_000)
        #expect(throws: TOMLSyntaxError.self) { try TOMLDocument.parse(deepTable) }
        let deepKey = "[" + Array(repeating: "k", count: 100_000).joined(separator: ".") + "]"
        #expect(throws: TOMLSyntaxError.self) { try TOMLDocument.parse(deepKey) }
        let mixed = "a = " + String(repeating: "{" + Array(repeating: "k", count: 200).joined(separator: ".") + "=", count: 100)
        #expect(throws: TOMLSyntaxError.self) { try TOMLDocument.parse(mixed) }
    }
}
