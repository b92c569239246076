import CodexConfig
import CodexProtocol
import Testing

/// Parses `text` with the hand-written parser and returns the document as a JSON value.
private func parsed(_ text: String) throws -> JSONValue {
    .object(try TOMLDocument.parse(text))
}

@Suite("TOML parser: valid documents")
struct TOMLParserValidTests {
    @Test("comments, bare, quoted and dotted keys, whitespace around dots")
    func keys() throws {
        let text = """
            # leading comment
            bare_key-1 = 1 # trailing
            "quoted key" = 2
            'literal "key"' = 3
            "" = 4
            a . b  .  "c.d" = 5
            1234 = 6
            "\\u00e9t\\u00E9" = 7
            """
        #expect(try parsed(text) == [
            "bare_key-1": 1, "quoted key": 2, "literal \"key\"": 3, "": 4, "a": ["b": ["c.d": 5]], "1234": 6,
            "été": 7,
        ])
    }

    @Test("tables, sub-tables, implicit parents, dotted-key sub-tables and arrays of tables")
    func tables() throws {
        let text = """
            [a.b.c]
            x = 1
            [a]
            y = 2
            [ "q" . 'r' ]
            z = 3
            [fruit]
            apple.color = "red"
            [fruit.apple.texture]
            smooth = true
            [[products]]
            name = "Hammer"
            [[products]]
            [[products]]
            name = "Nail"
            [[products.parts]]
            id = 1
            [products.extra]
            k = "v"
            """
        #expect(try parsed(text) == [
            "a": ["b": ["c": ["x": 1]], "y": 2],
            "q": ["r": ["z": 3]],
            "fruit": ["apple": ["color": "red", "texture": ["smooth": true]]],
            "products": [["name": "Hammer"], [:], ["name": "Nail", "parts": [["id": 1]], "extra": ["k": "v"]]],
        ])
    }

    @Test("inline tables and arrays: nesting, multi-line arrays, trailing comma, comments, mixed types")
    func inlineTablesAndArrays() throws {
        let text = """
            point = { x = 1, y = 2, sub.deep = "d" }
            empty = {}
            nested = { a = { b = [1, { c = 2 }] } }
            mixed = [ 1, "two", 3.0, [4], { five = 5 }, true, ]
            long = [
              1, # one
              # a comment line
              2,
            ]
            none = []
            """
        #expect(try parsed(text) == [
            "point": ["x": 1, "y": 2, "sub": ["deep": "d"]],
            "empty": [:],
            "nested": ["a": ["b": [1, ["c": 2]]]],
            "mixed": [1, "two", 3.0, [4], ["five": 5], true],
            "long": [1, 2],
            "none": [],
        ])
    }

    @Test("basic strings with every escape, literal strings")
    func strings() throws {
        let text = #"""
            basic = "tab\tnl\nq\"bs\\b\bf\fr\r \u00E9 \U0001F600"
            literal = 'C:\Users\path "quoted"'
            tab = "a	b"
            """#
        #expect(try parsed(text) == [
            "basic": .string("tab\tnl\nq\"bs\\b\u{8}f\u{C}r\r é 😀"),
            "literal": #"C:\Users\path "quoted""#,
            "tab": "a\tb",
        ])
    }

    @Test("multi-line strings: first newline trimmed, line-ending backslash, extra quotes, CRLF")
    func multilineStrings() throws {
        let text = "a = \"\"\"\nline one\nline two\"\"\"\n"
            + "b = \"\"\"\\\n   The quick \\\n\n   brown fox.\\\n   \"\"\"\n"
            + "c = \"\"\"\"\"quoted\"\"\"\"\"\n"
            + "d = '''\nraw \\n 'one' ''two'' '''\n"
            + "e = ''''single quote''''\n"
            + "f = \"\"\"\r\nx\r\ny\"\"\"\r\n"
            + "g = \"\"\"a \\t \\\"\"\"\"\n"
        #expect(try parsed(text) == [
            "a": "line one\nline two",
            "b": "The quick brown fox.",
            "c": "\"\"quoted\"\"",
            "d": "raw \\n 'one' ''two'' ",
            "e": "'single quote'",
            "f": "x\ny",
            "g": "a \t \"",
        ])
    }

    @Test("integers in every notation")
    func integers() throws {
        let text = """
            a = 42
            b = +17
            c = -17
            d = 0
            e = -0
            f = 1_000_000
            g = 0xDEAD_beef
            h = 0o755
            i = 0b1101_0110
            j = 9223372036854775807
            k = -9223372036854775808
            l = 0x7FFFFFFFFFFFFFFF
            """
        #expect(try parsed(text) == [
            "a": 42, "b": 17, "c": -17, "d": 0, "e": 0, "f": 1_000_000, "g": 0xDEAD_BEEF, "h": 0o755,
            "i": 0b1101_0110, "j": .int(Int64.max), "k": .int(Int64.min), "l": .int(Int64.max),
        ])
    }

    @Test("floats: fraction, exponent, underscores, signed inf and nan")
    func floats() throws {
        let text = """
            a = 3.1415
            b = -0.01
            c = 5e+22
            d = 1e06
            e = -2E-2
            f = 6.626e-34
            g = 224_617.445_991
            h = inf
            i = +inf
            j = -inf
            k = nan
            l = -nan
            m = 0e0
            """
        let object = try TOMLDocument.parse(text)
        #expect(object["a"] == .double(3.1415))
        #expect(object["b"] == .double(-0.01))
        #expect(object["c"] == .double(5e22))
        #expect(object["d"] == .double(1e6))
        #expect(object["e"] == .double(-0.02))
        #expect(object["f"] == .double(6.626e-34))
        #expect(object["g"] == .double(224_617.445_991))
        #expect(object["h"] == .double(.infinity))
        #expect(object["i"] == .double(.infinity))
        #expect(object["j"] == .double(-.infinity))
        #expect(object["m"] == .double(0))
        for key in ["k", "l"] {
            guard case .double(let value)? = object[key] else {
                Issue.record("\(key) is not a double")
                continue
            }
            #expect(value.isNaN)
        }
    }

    @Test("booleans, dates and times keep the text as written")
    func booleansDatesTimes() throws {
        let text = """
            t = true
            f = false
            odt1 = 1979-05-27T07:32:00Z
            odt2 = 1979-05-27T00:32:00-07:00
            odt3 = 1979-05-27T00:32:00.999999+07:00
            odt4 = 1979-05-27 07:32:00z
            ldt = 1979-05-27t07:32:00
            ld = 2024-02-29
            lt1 = 07:32:00
            lt2 = 00:32:00.999999
            arr = [1979-05-27, 07:32:00]
            """
        #expect(try parsed(text) == [
            "t": true, "f": false,
            "odt1": "1979-05-27T07:32:00Z", "odt2": "1979-05-27T00:32:00-07:00",
            "odt3": "1979-05-27T00:32:00.999999+07:00", "odt4": "1979-05-27 07:32:00z",
            "ldt": "1979-05-27t07:32:00", "ld": "2024-02-29", "lt1": "07:32:00", "lt2": "00:32:00.999999",
            "arr": ["1979-05-27", "07:32:00"],
        ])
    }

    @Test("a byte-order mark, CRLF lines and an empty document")
    func framing() throws {
        #expect(try parsed("\u{FEFF}a = 1\r\n[t]\r\nb = 2\r\n") == ["a": 1, "t": ["b": 2]])
        #expect(try parsed("") == [:])
        #expect(try parsed("\n  \t\n# only a comment") == [:])
    }

    @Test("nesting up to the depth limit parses")
    func deepButAllowedNesting() throws {
        let depth = 200
        let text = "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try #require(try TOMLDocument.parse(text)["a"])
        var levels = 0
        while case .array(let items) = value {
            levels += 1
            guard let first = items.first else { break }
            value = first
        }
        #expect(levels == depth)
    }
}
