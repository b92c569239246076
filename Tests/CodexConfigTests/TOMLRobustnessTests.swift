@testable import CodexConfig
import CodexProtocol
import Testing

/// Malformed TOML must come back as an error, never stop the process (toml++ asserts on some inputs).
@Suite struct TOMLRobustnessTests {
    @Test(arguments: [
        "[", "[[", "[[[", "[.a]", "[=]", "[ #", "[\n", "[[\n]]", "[ {", "a = [\n[ [1] ]\n]", "[a]\n[.b]", "x = \"\"\"\n[.\n\"\"\"",
        "a = {", "a = { b = }", "a.=1", "=1", ".a=1", "a = [1,,2]", "a = 1979-13-45", "a = '''", "\"a", "[\"a\"\n",
    ])
    func malformedDocumentsAreErrorsOrTables(text: String) {
        do {
            _ = try TOMLReader.parseDocument(text, sourceName: "t.toml")
        } catch {
            #expect(error.kind == .malformedFile)
            #expect(error.message.hasPrefix("t.toml:"))
        }
    }

    @Test func headerPreflightKeepsValidNesting() throws {
        let table = try TOMLReader.parseDocument("a = [\n[ [1] ],\n]\n['q.k']\nb = \"[.x\"\n", sourceName: "t.toml")
        #expect(table["a"] == .array([.array([.array([.int(1)])])]))
        #expect(table["q.k"]?["b"] == .string("[.x"))
        #expect(throws: ConfigError.self) { try TOMLReader.parseDocument("[.a]\n", sourceName: "t.toml") }
    }

    @Test func randomTokenSoupNeverCrashes() {
        let tokens = [
            "[", "]", "[[", "]]", "{", "}", "=", ".", ",", "\"", "'", "\"\"\"", "'''", "#", "\n", " ", "a", "b.c", "1",
            "1.5", "true", "1979-05-27", "07:32:00", "\\", "-", "+", "inf", "nan", "0x1F", "\t", "é", "_", "\u{2028}", "\r", "T", "Z", ":", "e", "x", "0", "= ", "{a=", "[a]\n", "a = ", "\na = [", "1979-05-27T", "+07:00", "07:32", "\"\"\"\n",
        ]
        var generator = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 24) { text += tokens[Int(generator.next() % UInt64(tokens.count))] }
            _ = try? TOMLReader.parseDocument(text, sourceName: "fuzz.toml")
            _ = TOMLReader.parseValue(text)
        }
    }
}

/// A tiny deterministic generator for the fuzz test.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
