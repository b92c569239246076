// A small JSON Schema (draft-07 subset) validator for the app-server schemas: a test oracle.

public import CodexProtocol

/// Validates JSON values against a JSON Schema document; supports the keywords the app-server schemas use:
/// `$ref` (JSON pointers into the root), `type` (string or array), `enum`, `properties`, `required`,
/// `additionalProperties`, `items`, `oneOf`, `anyOf`, `allOf`, `minimum`, `minLength`, and boolean schemas.
/// `format`, `default`, `title` and `description` are ignored.
@PublicMemberwiseInit
public struct JSONSchemaValidator: Sendable {
    public let root: JSONValue

    /// Problems found validating `value` against the definition at `pointer` (e.g. `#/definitions/v2/Thread`);
    /// empty when valid.
    public func errors(validating value: JSONValue, definition pointer: String) -> [String] {
        errors(validating: value, against: ["$ref": .string(pointer)], path: "$")
    }

    /// Problems found validating `value` against `schema`; empty when valid.
    public func errors(validating value: JSONValue, against schema: JSONValue, path: String = "$") -> [String] {
        switch schema {
        case .bool(let accepts): return accepts ? [] : ["\(path): no value is allowed here"]
        case .object(let keywords): return errors(validating: value, keywords: keywords, path: path)
        default: return ["\(path): invalid schema \(schema.serialized())"]
        }
    }

    /// Resolves a `#/a/b` pointer inside the root document.
    public func resolve(_ pointer: String) -> JSONValue? {
        guard pointer.hasPrefix("#") else { return nil }
        var current = root
        for segment in pointer.dropFirst().split(separator: "/") {
            let key = String(segment).replacing("~1", with: "/").replacing("~0", with: "~")
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }

    private func errors(validating value: JSONValue, keywords: JSONObject, path: String) -> [String] {
        if let pointer = keywords["$ref"]?.stringValue {
            guard let target = resolve(pointer) else { return ["\(path): unresolved $ref \(pointer)"] }
            return errors(validating: value, against: target, path: path)
        }
        var problems: [String] = []
        if let type = keywords["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            if !allowed.contains(where: { matches(value, type: $0) }) {
                return ["\(path): expected \(allowed.joined(separator: " or ")), found \(value.typeName)"]
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(value) {
            problems.append("\(path): \(value.serialized()) is not one of \(JSONValue.array(options).serialized())")
        }
        if let minimum = keywords["minimum"]?.doubleValue, let number = value.doubleValue, number < minimum {
            problems.append("\(path): \(number) is below the minimum \(minimum)")
        }
        if let minLength = keywords["minLength"]?.intValue, let text = value.stringValue, text.count < minLength {
            problems.append("\(path): string shorter than \(minLength)")
        }
        if case .object(let object) = value {
            problems += objectErrors(object, keywords: keywords, path: path)
        }
        if case .array(let elements) = value, let items = keywords["items"] {
            for (index, element) in elements.enumerated() {
                problems += errors(validating: element, against: items, path: "\(path)[\(index)]")
            }
        }
        if let options = keywords["allOf"]?.arrayValue {
            for option in options { problems += errors(validating: value, against: option, path: path) }
        }
        if let options = keywords["anyOf"]?.arrayValue {
            let results = options.map { errors(validating: value, against: $0, path: path) }
            if !results.contains(where: \.isEmpty) {
                problems.append("\(path): matches no anyOf alternative (\(closest(results)))")
            }
        }
        if let options = keywords["oneOf"]?.arrayValue {
            let results = options.map { errors(validating: value, against: $0, path: path) }
            let matching = results.filter(\.isEmpty).count
            if matching == 0 {
                problems.append("\(path): matches no oneOf alternative (\(closest(results)))")
            } else if matching > 1 {
                problems.append("\(path): matches \(matching) oneOf alternatives")
            }
        }
        return problems
    }

    private func objectErrors(_ object: JSONObject, keywords: JSONObject, path: String) -> [String] {
        var problems: [String] = []
        let properties = keywords["properties"]?.objectValue ?? JSONObject()
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            problems.append("\(path): missing required member `\(name)`")
        }
        for (name, member) in object {
            if let schema = properties[name] {
                problems += errors(validating: member, against: schema, path: "\(path).\(name)")
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    problems.append("\(path): unexpected member `\(name)`")
                } else {
                    problems += errors(validating: member, against: additional, path: "\(path).\(name)")
                }
            }
        }
        return problems
    }

    /// The shortest error list among failed alternatives, to keep messages readable.
    private func closest(_ results: [[String]]) -> String {
        (results.min { $0.count < $1.count } ?? []).joined(separator: "; ")
    }

    private func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("number", .int), ("number", .double): return true
        case ("integer", .int): return true
        case ("integer", .double(let number)): return number.rounded() == number
        default: return false
        }
    }
}
