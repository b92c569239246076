import CodexProtocol
import Testing

@Suite struct JSONRPCMessageTests {
    @Test func classifiesTheFourShapes() throws {
        #expect(
            try JSONRPCMessage(line: Array(#"{"id":1,"method":"initialize","params":{"a":1}}"#.utf8))
                == .request(id: .int(1), method: "initialize", params: ["a": 1]))
        #expect(
            try JSONRPCMessage(line: Array(#"{"method":"initialized"}"#.utf8))
                == .notification(method: "initialized", params: nil))
        #expect(
            try JSONRPCMessage(line: Array(#"{"id":"abc","result":{}}"#.utf8))
                == .response(id: .string("abc"), result: [:]))
        #expect(
            try JSONRPCMessage(line: Array(#"{"id":7,"error":{"code":-32600,"message":"no"}}"#.utf8))
                == .error(id: .int(7), error: JSONRPCErrorObject(code: -32600, message: "no")))
    }

    @Test func toleratesJSONRPCMemberOnInputAndOmitsItOnOutput() throws {
        let message = try JSONRPCMessage(line: Array(#"{"jsonrpc":"2.0","id":"x","method":"m"}"#.utf8))
        #expect(message == .request(id: .string("x"), method: "m", params: nil))
        #expect(message.serializedLine == "{\"id\":\"x\",\"method\":\"m\"}\n")
    }

    @Test func errorResponseSerialization() {
        let message = JSONRPCMessage.error(id: .int(3), error: .invalidRequest("Not initialized"))
        #expect(message.serializedLine == "{\"id\":3,\"error\":{\"code\":-32600,\"message\":\"Not initialized\"}}\n")
        let unknownID = JSONRPCMessage.error(id: nil, error: .parseError("Parse error"))
        #expect(unknownID.serializedLine == "{\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}\n")
    }

    @Test func malformedLinesGiveTypedErrors() {
        let notJSON = #expect(throws: JSONRPCDecodeError.self) { try JSONRPCMessage(line: Array("garbage".utf8)) }
        #expect(notJSON?.isParseError == true)
        #expect(notJSON?.errorObject.code == -32700)
        let wrongShape = #expect(throws: JSONRPCDecodeError.self) { try JSONRPCMessage(line: Array("[1,2]".utf8)) }
        #expect(wrongShape?.isParseError == false)
        let badID = #expect(throws: JSONRPCDecodeError.self) {
            try JSONRPCMessage(line: Array(#"{"id":1.5,"method":"m"}"#.utf8))
        }
        #expect(badID?.reason.contains("id") == true)
        let badMethod = #expect(throws: JSONRPCDecodeError.self) {
            try JSONRPCMessage(line: Array(#"{"id":4,"method":7}"#.utf8))
        }
        #expect(badMethod?.id == .int(4))
    }
}
