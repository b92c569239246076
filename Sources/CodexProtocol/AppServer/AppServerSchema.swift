import FoundationEssentials

/// Generates the app-server JSON Schema bundle and TypeScript bindings from the types' schema descriptions.
///
/// `codex app-server generate-json-schema --out DIR` writes one bundle, `app-server.schema.json`, shaped like
/// the reference's (`definitions` plus `ClientRequest`, `ServerNotification`, `ServerRequest`, `ClientNotification`
/// unions). `generate-ts --out DIR` writes one `<Type>.ts` per definition plus `index.ts`. Output is deterministic.
public enum AppServerSchema {
    /// File name of the JSON Schema bundle.
    public static let bundleFileName = "app-server.schema.json"

    /// All definitions by name: the wire types plus the method unions, experimental methods included.
    public static var definitions: [String: SchemaNode] { definitions(experimental: true) }

    /// The definitions of the protocol as `generate-json-schema` writes it: without `experimental`, as the
    /// reference's default output, the experimental methods leave the request unions and the types only
    /// they use leave the definitions.
    public static func definitions(experimental: Bool) -> [String: SchemaNode] {
        var result = unions(experimental: true)
        for type in definitionTypes { result[type.schemaName] = type.schema }
        guard !experimental else { return result }
        let stableUnions = unions(experimental: false)
        var everywhere = Set<String>()
        var stable = Set<String>()
        for name in ["ClientRequest", "ServerRequest", "ServerNotification", "ClientNotification"] {
            if let node = result[name] { everywhere.formUnion(referencedClosure(of: node, in: result)) }
            if let node = stableUnions[name] { stable.formUnion(referencedClosure(of: node, in: result)) }
        }
        // Responses are reached through their methods, not the unions.
        for method in AppServerRegistry.clientRequests + AppServerRegistry.serverRequests {
            guard let type = method.result else { continue }
            let names = referencedClosure(of: type.schema, in: result).union([type.schemaName])
            everywhere.formUnion(names)
            if !method.isExperimental { stable.formUnion(names) }
        }
        for name in everywhere.subtracting(stable) { result[name] = nil }
        return result.merging(stableUnions) { _, stableUnion in stableUnion }
    }

    /// The four method unions.
    private static func unions(experimental: Bool) -> [String: SchemaNode] {
        var result: [String: SchemaNode] = [:]
        result["ClientRequest"] = requestUnion(AppServerRegistry.clientRequests.filter { experimental || !$0.isExperimental })
        result["ServerRequest"] = requestUnion(AppServerRegistry.serverRequests.filter { experimental || !$0.isExperimental })
        result["ServerNotification"] = .oneOf(
            AppServerRegistry.serverNotifications.map { entry in
                var properties = [SchemaProperty("method", .stringEnum([entry.method]), required: true)]
                if let params = entry.params {
                    properties.append(SchemaProperty("params", .ref(params.schemaName), required: true))
                }
                return .object(properties)
            })
        result["ClientNotification"] = .oneOf(
            AppServerRegistry.clientNotifications.map {
                .object([SchemaProperty("method", .stringEnum([$0]), required: true)])
            })
        return result
    }

    private static func requestUnion(_ entries: [AppServerMethod]) -> SchemaNode {
        .oneOf(
            entries.map { entry in
                var properties = [
                    SchemaProperty("id", .ref("RequestId"), required: true),
                    SchemaProperty("method", .stringEnum([entry.method]), required: true),
                ]
                if let params = entry.params {
                    properties.append(SchemaProperty("params", .ref(params.schemaName), required: true))
                } else {
                    properties.append(SchemaProperty("params", .null))
                }
                return .object(properties)
            })
    }

    /// The JSON Schema (draft-07) bundle; `strict` adds `additionalProperties: false` to every object
    /// (the tests use it to catch encoders that write members the description lacks).
    public static func jsonSchemaBundle(strict: Bool = false, experimental: Bool = true) -> JSONValue {
        var definitionsObject = JSONObject()
        for (name, node) in definitions(experimental: experimental).sorted(by: { $0.key < $1.key }) {
            var schema = jsonSchema(for: node, strict: strict)
            if case .object(var object) = schema {
                object["title"] = .string(name)
                schema = .object(object)
            }
            definitionsObject[name] = schema
        }
        return .object([
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "CodexAppServerProtocol",
            "type": "object",
            "definitions": .object(definitionsObject),
        ])
    }

    /// The JSON Schema of one node; references point into `#/definitions/`.
    public static func jsonSchema(for node: SchemaNode, strict: Bool = false) -> JSONValue {
        switch node {
        case .string: return ["type": "string"]
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .null: return ["type": "null"]
        case .any: return .bool(true)
        case .array(let items): return ["type": "array", "items": jsonSchema(for: items, strict: strict)]
        case .map(let values):
            return ["type": "object", "additionalProperties": jsonSchema(for: values, strict: strict)]
        case .object(let properties):
            var object: JSONObject = ["type": "object"]
            var members = JSONObject()
            for property in properties { members[property.name] = jsonSchema(for: property.node, strict: strict) }
            object["properties"] = .object(members)
            let required = properties.filter(\.required).map { JSONValue.string($0.name) }
            if !required.isEmpty { object["required"] = .array(required) }
            if strict { object["additionalProperties"] = false }
            return .object(object)
        case .stringEnum(let values): return ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .oneOf(let options): return ["oneOf": .array(options.map { jsonSchema(for: $0, strict: strict) })]
        case .anyOf(let options): return ["anyOf": .array(options.map { jsonSchema(for: $0, strict: strict) })]
        case .ref(let name): return ["$ref": .string("#/definitions/\(name)")]
        case .nullable(let inner):
            let innerSchema = jsonSchema(for: inner, strict: strict)
            if case .object(let object) = innerSchema, object.count == 1, let type = object["type"]?.stringValue {
                return ["type": [.string(type), "null"]]
            }
            return ["anyOf": [innerSchema, ["type": "null"]]]
        }
    }

    /// The bundle as pretty-printed text with sorted keys and a trailing newline.
    public static func jsonSchemaText(experimental: Bool = true) -> String {
        JSONPrettyPrinter.render(jsonSchemaBundle(experimental: experimental)) + "\n"
    }

    /// Writes the reference's layout (`jsonSchemaLayout()`: per-type files in `v1/`, `v2/` and the top, the two
    /// bundles) plus `app-server.schema.json` into `directory` (created when missing), each file atomically.
    public static func write(jsonSchemaTo directory: String, experimental: Bool = true) throws {
        try writeLayout(jsonSchemaLayout(experimental: experimental), into: directory)
    }

    /// Writes the reference's TypeScript layout (`typeScriptLayout()`: top, `v2/`, `serde_json/`, each with
    /// its `index.ts`) into `directory`, each file atomically.
    public static func write(typeScriptTo directory: String, experimental: Bool = true) throws {
        try writeLayout(typeScriptLayout(experimental: experimental), into: directory)
    }
}

/// Pretty JSON with two-space indentation: keys sorted as committed in `schema/`, or in their stored order
/// (`JSONValue.prettySerialized()`).
enum JSONPrettyPrinter {
    static func render(_ value: JSONValue, sortingKeys: Bool = true) -> String {
        var output = ""
        write(value, indent: "", sortingKeys: sortingKeys, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: String, sortingKeys: Bool, to output: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output += "[\n"
            for (position, element) in elements.enumerated() {
                output += inner
                write(element, indent: inner, sortingKeys: sortingKeys, to: &output)
                output += position + 1 < elements.count ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let object) where !object.isEmpty:
            output += "{\n"
            let keys = sortingKeys ? object.keys.sorted() : object.keys
            for (position, key) in keys.enumerated() {
                output += inner + JSONValue.string(key).serialized() + ": "
                write(object[key] ?? .null, indent: inner, sortingKeys: sortingKeys, to: &output)
                output += position + 1 < keys.count ? ",\n" : "\n"
            }
            output += indent + "}"
        default:
            output += value.serialized()
        }
    }
}

/// Writes generated files atomically (Foundation's `.atomic`: temp file in the same directory, then rename),
/// keeping the mode of a file that already exists.
enum GeneratedFileWriter {
    static func write(_ files: [String: String], into directory: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = directory + "/" + name
            let mode = (try? manager.attributesOfItem(atPath: path))?[.posixPermissions]
            try Data(text.utf8).write(to: URL(filePath: path), options: .atomic)
            if let mode { try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: path) }
        }
    }
}
