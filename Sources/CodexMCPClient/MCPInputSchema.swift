import CodexProtocol

/// An MCP tool's `inputSchema` made acceptable to the model as 0.163.0 does (spec §4.4): only the keys the
/// Responses API takes survive, missing `type`s are inferred, `const` becomes a one-value `enum`, and a tuple
/// `items` makes the whole tool unusable.
enum MCPInputSchema {
    /// A schema the model cannot be given; the tool is left out.
    struct Unsupported: Error, Sendable, Hashable {
        var reason: String
    }

    /// The sanitised root schema (always with `properties`; `type: "object"` when it had no type).
    static func sanitize(_ schema: JSONValue) throws(Unsupported) -> JSONValue {
        guard case .object(var object) = schema else { return ["type": "object", "properties": [:]] }
        if object["type"] == nil { object["type"] = "object" }
        guard case .object(var root) = try sanitizeNode(.object(object)) else {
            return ["type": "object", "properties": [:]]
        }
        if root["properties"] == nil { root["properties"] = .object(JSONObject()) }
        return .object(root)
    }

    /// One nested schema.
    static func sanitizeNode(_ schema: JSONValue) throws(Unsupported) -> JSONValue {
        guard case .object(let source) = schema else {
            // `true` (or any non-object schema) accepts anything: offered as a string.
            return ["type": "string"]
        }
        var type = source["type"]
        var enumValues = source["enum"]
        if let constant = source["const"] {
            enumValues = .array([constant])
            type = "string"
        }
        var properties: JSONValue?
        if case .object(let props)? = source["properties"] {
            var sanitized = JSONObject()
            for (name, value) in props { sanitized[name] = try sanitizeNode(value) }
            properties = .object(sanitized)
        }
        var items: JSONValue?
        if let rawItems = source["items"] {
            if case .array = rawItems { throw Unsupported(reason: "tuple `items` is not supported") }
            items = try sanitizeNode(rawItems)
        }
        if type == nil {
            if properties != nil {
                type = "object"
            } else if items != nil {
                type = "array"
            } else if enumValues != nil {
                type = "string"
            }
        }
        let composite = ["anyOf", "oneOf", "allOf"].filter { source[$0] != nil }
        let reference = source["$ref"]
        guard type != nil || !composite.isEmpty || reference != nil else {
            // Only a description, `{}`, `not`, ...: nothing the model can use.
            return .object(JSONObject())
        }
        if type == "object", properties == nil { properties = .object(JSONObject()) }
        if type == "array", items == nil { items = ["type": "string"] }
        var result = JSONObject()
        if let type { result["type"] = type }
        if let description = source["description"] { result["description"] = description }
        if let enumValues { result["enum"] = enumValues }
        if let items { result["items"] = items }
        if let properties { result["properties"] = properties }
        if let required = source["required"] { result["required"] = required }
        if let additional = source["additionalProperties"] {
            if case .bool = additional {
                result["additionalProperties"] = additional
            } else {
                result["additionalProperties"] = try sanitizeNode(additional)
            }
        }
        for key in composite {
            guard case .array(let options)? = source[key] else { continue }
            var sanitized: [JSONValue] = []
            for option in options { sanitized.append(try sanitizeNode(option)) }
            result[key] = .array(sanitized)
        }
        if let reference { result["$ref"] = reference }
        if case .object(let definitions)? = source["$defs"] {
            var sanitized = JSONObject()
            for (name, value) in definitions { sanitized[name] = try sanitizeNode(value) }
            result["$defs"] = .object(sanitized)
        }
        return .object(result)
    }
}
