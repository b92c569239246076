import CodexProtocol
import Testing

@Suite struct JSONValueTests {
    @Test func roundTripKeepsKeyOrder() throws {
        let text = #"{"zeta":1,"alpha":[true,false,null],"mid":{"b":"x/y","a":-2.5}}"#
        let value = try JSONParser.parse(text)
        #expect(value.serialized() == text)
        #expect(value["alpha"] == [true, false, nil])
    }

    @Test func integersStayExactAndDoublesKeepFraction() throws {
        #expect(try JSONParser.parse("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int64.min))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("1e2") == .double(100))
        #expect(JSONValue.double(3).serialized() == "3.0")
        #expect(JSONValue.double(.nan).serialized() == "null")
    }

    @Test func stringEscapesRoundTrip() throws {
        let original = JSONValue.string("quote\" backslash\\ slash/ nl\n tab\t bell\u{07} é 😀")
        let text = original.serialized()
        #expect(text == #""quote\" backslash\\ slash/ nl\n tab\t bell\u0007 é 😀""#)
        #expect(try JSONParser.parse(text) == original)
        #expect(try JSONParser.parse(#""\ud83d\ude00\u00e9""#) == .string("😀é"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "01", "1.", "-", "tru", "\"abc", "\"\\x\"", "\"\\ud800\"",
        "\"a\u{01}\"", "[1] [2]", "{'a':1}", "NaN",
    ])
    func rejectsMalformedInput(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    /// A number beyond every range keeps the document readable (issue 9: the request keeps its id); the
    /// typed decoder then reports it as out of range.
    @Test func numbersBeyondEveryRangeReadAsInfinity() throws {
        #expect(try JSONParser.parse("1e999") == .double(.infinity))
        #expect(try JSONParser.parse("[-1e999]") == [.double(-.infinity)])
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: bytes) }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        #expect(error?.reason.contains("nesting") == true)
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func objectEqualityIgnoresOrderButSerializationKeepsIt() throws {
        let first = try JSONParser.parse(#"{"a":1,"b":2}"#)
        let second = try JSONParser.parse(#"{"b":2,"a":1}"#)
        #expect(first == second)
        #expect(second.serialized() == #"{"b":2,"a":1}"#)
    }

    @Test func objectMutationAppendsAndRemoves() {
        var object = JSONObject()
        object["b"] = 1
        object["a"] = 2
        object["b"] = 3
        #expect(object.keys == ["b", "a"])
        object["b"] = nil
        #expect(object.keys == ["a"])
        #expect(JSONValue.object(object).serialized() == #"{"a":2}"#)
    }

    @Test func codableBridge() throws {
        struct Sample: Codable, Equatable {
            let name: String
            let count: Int
            let tags: [String]
        }
        let sample = Sample(name: "x/y", count: 3, tags: ["a"])
        let value = try JSONValue(encoding: sample)
        #expect(value.serialized() == #"{"count":3,"name":"x/y","tags":["a"]}"#)
        #expect(try value.decode(Sample.self) == sample)
    }
}
