@testable import CodexMCPClient
import CodexProtocol
import Testing

/// Input schemas as the model gets them (spec §4.4, observed on 0.163.0's request bodies).
@Suite struct MCPInputSchemaTests {
    static func sanitized(_ properties: JSONValue) throws -> JSONValue? {
        try MCPInputSchema.sanitize(["type": "object", "properties": properties])["properties"]?["p"]
    }

    @Test func theRootAlwaysHasProperties() throws {
        #expect(try MCPInputSchema.sanitize([:]) == ["type": "object", "properties": [:]])
        #expect(try MCPInputSchema.sanitize(["properties": ["a": ["type": "string"]]])
            == ["type": "object", "properties": ["a": ["type": "string"]]])
        #expect(try MCPInputSchema.sanitize(["type": "string"]) == ["type": "string", "properties": [:]])
    }

    @Test func missingTypesAreInferred() throws {
        #expect(try Self.sanitized(["p": ["properties": [:]]]) == ["type": "object", "properties": [:]])
        #expect(try Self.sanitized(["p": ["items": ["type": "number"]]]) == ["type": "array", "items": ["type": "number"]])
        #expect(try Self.sanitized(["p": ["type": "array"]]) == ["type": "array", "items": ["type": "string"]])
        #expect(try Self.sanitized(["p": ["enum": [1, "a"]]]) == ["type": "string", "enum": [1, "a"]])
        #expect(try Self.sanitized(["p": ["const": "x"]]) == ["type": "string", "enum": ["x"]])
        #expect(try Self.sanitized(["p": true]) == ["type": "string"])
    }

    @Test func schemasWithNothingUsableBecomeEmpty() throws {
        #expect(try Self.sanitized(["p": ["description": "only words"]]) == [:])
        #expect(try Self.sanitized(["p": [:]]) == [:])
        #expect(try Self.sanitized(["p": ["not": ["type": "string"]]]) == [:])
    }

    @Test func unsupportedKeywordsAreDroppedAndStructureKept() throws {
        let raw: JSONValue = [
            "type": "string", "title": "T", "format": "uri", "default": "d", "pattern": "^a", "minLength": 1,
            "maxLength": 9, "examples": ["a"], "nullable": true, "description": "kept",
        ]
        #expect(try Self.sanitized(["p": raw]) == ["type": "string", "description": "kept"])
        let composite: JSONValue = ["anyOf": [["type": "string"], ["type": "number", "minimum": 1]]]
        #expect(try Self.sanitized(["p": composite]) == ["anyOf": [["type": "string"], ["type": "number"]]])
        let nullable: JSONValue = ["type": ["string", "null"]]
        #expect(try Self.sanitized(["p": nullable]) == nullable)
        let object: JSONValue = ["type": "object", "additionalProperties": false, "required": ["absent"]]
        #expect(try Self.sanitized(["p": object]) == [
            "type": "object", "properties": [:], "required": ["absent"], "additionalProperties": false,
        ])
        #expect(try Self.sanitized(["p": ["$ref": "#/$defs/x"]]) == ["$ref": "#/$defs/x"])
    }

    @Test func tupleItemsMakeTheToolUnusable() {
        #expect(throws: MCPInputSchema.Unsupported.self) {
            try MCPInputSchema.sanitize(["type": "object", "properties": ["p": ["items": [["type": "string"]]]]])
        }
    }
}
