import CodexProtocol

/// Dotted config key paths as `config/value/write` takes them: `a.b.c`, with `"quoted.segments"`.
enum ConfigKeyPath {
    /// Why a key path is not usable.
    struct Invalid: Error {
        let message: String
    }

    /// The segments of `keyPath`; a quoted segment may contain dots. Empty segments are rejected.
    static func segments(_ keyPath: String) throws(Invalid) -> [String] {
        var segments: [String] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        for character in keyPath {
            switch character {
            case "\"":
                quoted.toggle()
                wasQuoted = true
            case "." where !quoted:
                guard !current.isEmpty || wasQuoted else { throw Invalid(message: "keyPath segments must not be empty") }
                segments.append(current)
                current = ""
                wasQuoted = false
            default:
                current.append(character)
            }
        }
        guard !quoted else { throw Invalid(message: "keyPath has an unterminated quote: \(keyPath)") }
        guard !current.isEmpty || wasQuoted else { throw Invalid(message: "keyPath segments must not be empty") }
        segments.append(current)
        return segments
    }

    /// One segment written so that `segments` reads it back whole (dots allowed; a `"` in it cannot be written).
    static func quoted(_ segment: String) -> String {
        "\"" + segment + "\""
    }

    /// The value at `segments` inside a JSON tree, nil when absent.
    static func value(at segments: [String], in tree: JSONValue) -> JSONValue? {
        var node: JSONValue? = tree
        for segment in segments { node = node?.objectValue?[segment] }
        return node
    }

    /// `allowed_sandbox_modes` → `allowedSandboxModes`.
    static func camelCase(_ snake: String) -> String {
        var result = ""
        var upperNext = false
        for character in snake {
            if character == "_" {
                upperNext = !result.isEmpty
                continue
            }
            result += upperNext ? character.uppercased() : String(character)
            upperNext = false
        }
        return result
    }
}
