import CodexAppServer
import CodexProtocol
import Testing

@Suite struct ParamsReaderTests {
    @Test func missingParamsAndFields() throws {
        #expect(throws: JSONRPCErrorObject.invalidRequest("Invalid request: missing field `params`")) {
            try ParamsReader(nil)
        }
        let reader = try ParamsReader(["threadId": nil])
        #expect(throws: JSONRPCErrorObject.invalidRequest("Invalid request: missing field `threadId`")) {
            try reader.string("threadId")
        }
        #expect(try reader.optionalString("threadId") == nil)
    }

    @Test func invalidTypesUseSerdeWording() throws {
        let reader = try ParamsReader([
            "n": 5, "f": 1.5, "s": "x", "b": true, "a": [1], "o": [:], "strings": ["a", 2],
        ])
        let expectations: [(() throws(JSONRPCErrorObject) -> Void, String)] = [
            ({ () throws(JSONRPCErrorObject) in _ = try reader.string("n") }, "invalid type: integer `5`, expected a string"),
            ({ () throws(JSONRPCErrorObject) in _ = try reader.int("f") }, "invalid type: floating point `1.5`, expected i64"),
            ({ () throws(JSONRPCErrorObject) in _ = try reader.bool("s") }, "invalid type: string \"x\", expected a boolean"),
            ({ () throws(JSONRPCErrorObject) in _ = try reader.string("b") }, "invalid type: boolean `true`, expected a string"),
            ({ () throws(JSONRPCErrorObject) in _ = try reader.object("a") }, "invalid type: sequence, expected a map"),
            ({ () throws(JSONRPCErrorObject) in _ = try reader.stringArray("o") }, "invalid type: map, expected a sequence"),
            ({ () throws(JSONRPCErrorObject) in _ = try reader.stringArray("strings") }, "invalid type: integer `2`, expected a string"),
        ]
        for (read, message) in expectations {
            #expect(throws: JSONRPCErrorObject.invalidRequest("Invalid request: " + message)) { try read() }
        }
        #expect(throws: JSONRPCErrorObject.invalidRequest("Invalid request: invalid type: sequence, expected a map")) {
            try ParamsReader([1])
        }
    }

    @Test func readsValuesAndNestedObjects() throws {
        let reader = try ParamsReader(["id": "t", "n": 3, "flag": false, "list": ["a"], "inner": ["k": "v"]])
        #expect(try reader.string("id") == "t")
        #expect(try reader.int("n") == 3)
        #expect(try reader.bool("flag") == false)
        #expect(try reader.stringArray("list") == ["a"])
        #expect(try reader.nested("inner").string("k") == "v")
        #expect(try reader.optionalNested("absent") == nil)
    }

    @Test func lenientReaderTreatsMissingParamsAsEmpty() throws {
        #expect(try ParamsReader(lenient: nil).object.isEmpty)
        #expect(try ParamsReader(lenient: .null).object.isEmpty)
        #expect(throws: JSONRPCErrorObject.self) { try ParamsReader(lenient: "x") }
    }
}
