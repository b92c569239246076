import CodexProtocol
import CodexTestSupport
import Testing

@Suite struct AppServerJSONSchemaValidatorTests {
    let validator = JSONSchemaValidator(
        root: [
            "definitions": [
                "v2": ["Name": ["type": "string", "minLength": 1]],
                "Pair": [
                    "type": "object",
                    "properties": [
                        "name": ["$ref": "#/definitions/v2/Name"],
                        "count": ["type": ["integer", "null"], "minimum": 0],
                    ],
                    "required": ["name"],
                    "additionalProperties": false,
                ],
                "Tagged": [
                    "oneOf": [
                        [
                            "type": "object", "properties": ["type": ["enum": ["a"], "type": "string"]],
                            "required": ["type"],
                        ],
                        [
                            "type": "object", "properties": ["type": ["enum": ["b"], "type": "string"]],
                            "required": ["type"],
                        ],
                    ]
                ],
                "Loose": ["oneOf": [["type": "string"], ["enum": ["x"]]]],
                "Either": ["anyOf": [["type": "string"], ["type": "array", "items": ["type": "integer"]]]],
                "Both": ["allOf": [["type": "object", "required": ["a"]], ["type": "object", "required": ["b"]]]],
                "Nothing": false,
                "Anything": true,
                "Map": ["type": "object", "additionalProperties": ["type": "boolean"]],
            ]
        ])

    private func errors(_ value: JSONValue, _ name: String) -> [String] {
        validator.errors(validating: value, definition: "#/definitions/\(name)")
    }

    @Test func objectsRefsAndTypeArrays() {
        #expect(errors(["name": "n", "count": 3], "Pair") == [])
        #expect(errors(["name": "n", "count": nil], "Pair") == [])
        #expect(errors(["count": 1], "Pair") == ["$: missing required member `name`"])
        #expect(errors(["name": "", "count": -1], "Pair").count == 2)
        #expect(errors(["name": "n", "other": true], "Pair") == ["$: unexpected member `other`"])
        #expect(errors(["name": 5], "Pair") == ["$.name: expected string, found number"])
        #expect(errors(["name": "n", "count": 1.5], "Pair") == ["$.count: expected integer or null, found number"])
    }

    @Test func unions() {
        #expect(errors(["type": "a"], "Tagged") == [])
        #expect(errors(["type": "c"], "Tagged").count == 1)
        #expect(errors("x", "Loose") == ["$: matches 2 oneOf alternatives"])
        #expect(errors("y", "Loose") == [])
        #expect(errors([1, 2], "Either") == [])
        #expect(errors([1, "2"], "Either").count == 1)
        #expect(errors(["a": 1], "Both") == ["$: missing required member `b`"])
    }

    @Test func booleanSchemasMapsAndBadRefs() {
        #expect(errors(1, "Nothing") == ["$: no value is allowed here"])
        #expect(errors(["deep": [1, nil]], "Anything") == [])
        #expect(errors(["a": true, "b": 1], "Map") == ["$.b: expected boolean, found number"])
        #expect(errors(1, "Missing") == ["$: unresolved $ref #/definitions/Missing"])
    }
}
