import CodexProtocol
import Testing

@Suite struct JSONValueTests {
    @Test func roundTripKeepsKeyOrder() throws {
        let text = #"{"zeta":1,"alpha":[true,false,null],"mid":{"b":"x/y","a":-2.5}}"#
        let value = try JSONParser.parse(text)
        #expect(value.serialized() == text)
        #expect(value["alpha"] == [true, false, nil])
    }
}
