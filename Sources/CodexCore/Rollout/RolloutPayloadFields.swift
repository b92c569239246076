import CodexProtocol

/// A rollout payload field is missing or has the wrong JSON type.
struct RolloutFieldError: Error, Sendable, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension JSONObject {
    /// A required string member.
    func requiredString(_ key: String, in context: String) throws(RolloutFieldError) -> String {
        guard let value = self[key] else { throw RolloutFieldError(message: "\(context): missing field `\(key)`") }
        guard let text = value.stringValue else {
            throw RolloutFieldError(message: "\(context): field `\(key)` must be a string, not \(value.typeName)")
        }
        return text
    }

    /// An optional string member: missing and null give nil, another type is an error.
    func optionalString(_ key: String, in context: String) throws(RolloutFieldError) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw RolloutFieldError(message: "\(context): field `\(key)` must be a string, not \(value.typeName)")
        }
        return text
    }

    /// A copy without the given keys (the ones a typed record models itself).
    func removing(_ keys: Set<String>) -> JSONObject {
        JSONObject(filter { !keys.contains($0.key) }.map { ($0.key, $0.value) })
    }

    /// Appends every member of `other` whose key is not present yet.
    mutating func merge(missingFrom other: JSONObject) {
        for (key, value) in other where self[key] == nil { self[key] = value }
    }
}

extension JSONValue {
    /// The value as an object, or an error naming what it was.
    func requireObject(in context: String) throws(RolloutFieldError) -> JSONObject {
        guard let object = objectValue else {
            throw RolloutFieldError(message: "\(context) must be a JSON object, not \(typeName)")
        }
        return object
    }
}
