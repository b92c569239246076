public import CodexProtocol

/// Reads fields out of a request's `params`, reporting problems in the reference's wording
/// (`-32600 "Invalid request: missing field `threadId`"`, `"... invalid type: integer `5`, expected a string"`).
public struct ParamsReader: Sendable {
    /// The params object being read.
    public let object: JSONObject

    /// Requires `params` to be present and an object, as the reference does for every method whose
    /// params are a struct (even one with only optional fields).
    public init(_ params: JSONValue?) throws(JSONRPCErrorObject) {
        guard let params else { throw Self.missingField("params") }
        guard let object = params.objectValue else { throw Self.invalidType(params, expected: "a map") }
        self.init(object: object)
    }

    /// Treats absent or null `params` as `{}` (for methods that take no params or a lenient reading).
    public init(lenient params: JSONValue?) throws(JSONRPCErrorObject) {
        guard let params, !params.isNull else {
            self.init(object: JSONObject())
            return
        }
        try self.init(params)
    }

    /// Reads an already-decoded object.
    public init(object: JSONObject) {
        self.object = object
    }

    // MARK: - Required fields

    /// A required string.
    public func string(_ key: String) throws(JSONRPCErrorObject) -> String {
        try required(key, optionalString(key))
    }

    /// A required boolean.
    public func bool(_ key: String) throws(JSONRPCErrorObject) -> Bool {
        try required(key, optionalBool(key))
    }

    /// A required integer.
    public func int(_ key: String) throws(JSONRPCErrorObject) -> Int64 {
        try required(key, optionalInt(key))
    }

    /// A required array of strings.
    public func stringArray(_ key: String) throws(JSONRPCErrorObject) -> [String] {
        try required(key, optionalStringArray(key))
    }

    /// A required object.
    public func object(_ key: String) throws(JSONRPCErrorObject) -> JSONObject {
        try required(key, optionalObject(key))
    }

    /// A required member of any JSON type (null counts as missing).
    public func value(_ key: String) throws(JSONRPCErrorObject) -> JSONValue {
        try required(key, optionalValue(key))
    }

    // MARK: - Optional fields (absent or null -> nil)

    /// An optional member of any JSON type.
    public func optionalValue(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// An optional string.
    public func optionalString(_ key: String) throws(JSONRPCErrorObject) -> String? {
        guard let value = optionalValue(key) else { return nil }
        guard let string = value.stringValue else { throw Self.invalidType(value, expected: "a string") }
        return string
    }

    /// An optional boolean.
    public func optionalBool(_ key: String) throws(JSONRPCErrorObject) -> Bool? {
        guard let value = optionalValue(key) else { return nil }
        guard let bool = value.boolValue else { throw Self.invalidType(value, expected: "a boolean") }
        return bool
    }

    /// An optional integer; a number with a fraction is rejected.
    public func optionalInt(_ key: String) throws(JSONRPCErrorObject) -> Int64? {
        guard let value = optionalValue(key) else { return nil }
        guard case .int(let int) = value else { throw Self.invalidType(value, expected: "i64") }
        return int
    }

    /// An optional array of strings.
    public func optionalStringArray(_ key: String) throws(JSONRPCErrorObject) -> [String]? {
        guard let value = optionalValue(key) else { return nil }
        guard let array = value.arrayValue else { throw Self.invalidType(value, expected: "a sequence") }
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for element in array {
            guard let string = element.stringValue else { throw Self.invalidType(element, expected: "a string") }
            strings.append(string)
        }
        return strings
    }

    /// An optional object.
    public func optionalObject(_ key: String) throws(JSONRPCErrorObject) -> JSONObject? {
        guard let value = optionalValue(key) else { return nil }
        guard let object = value.objectValue else { throw Self.invalidType(value, expected: "a map") }
        return object
    }

    /// Reads a nested object with the same rules.
    public func nested(_ key: String) throws(JSONRPCErrorObject) -> ParamsReader {
        let value = try self.value(key)
        return try ParamsReader(value)
    }

    /// Reads a nested object that may be absent or null.
    public func optionalNested(_ key: String) throws(JSONRPCErrorObject) -> ParamsReader? {
        guard let value = optionalValue(key) else { return nil }
        return try ParamsReader(value)
    }

    private func required<T>(_ key: String, _ value: T?) throws(JSONRPCErrorObject) -> T {
        guard let value else { throw Self.missingField(key) }
        return value
    }

    // MARK: - Error wording

    /// `-32600 "Invalid request: missing field `name`"`.
    public static func missingField(_ name: String) -> JSONRPCErrorObject {
        .invalidRequest("Invalid request: missing field `\(name)`")
    }

    /// `-32600 "Invalid request: invalid type: <what was found>, expected <expected>"`.
    public static func invalidType(_ found: JSONValue, expected: String) -> JSONRPCErrorObject {
        .invalidRequest("Invalid request: invalid type: \(unexpectedDescription(found)), expected \(expected)")
    }

    /// How serde names an unexpected value: "integer `5`", "string \"x\"", "sequence", "map".
    static func unexpectedDescription(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return "boolean `\(bool)`"
        case .int(let int): return "integer `\(int)`"
        case .double(let double): return "floating point `\(double)`"
        case .string(let string): return "string \(JSONValue.string(string).serialized())"
        case .array: return "sequence"
        case .object: return "map"
        }
    }
}
