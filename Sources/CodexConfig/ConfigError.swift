import CodexProtocol

/// Why the configuration could not be loaded; `description` is the one-line message for the user.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of failure, for callers that map errors to exit codes or RPC errors.
    public enum Kind: Sendable, Equatable {
        /// A `-c key=value` argument could not be parsed.
        case invalidOverride
        /// A TOML file could not be read or parsed.
        case malformedFile
        /// A key holds a value of the wrong type or outside its allowed set.
        case invalidValue
        /// Strict mode met a key the loader does not know.
        case unknownField
        /// An admin requirement rejected a configured value.
        case requirementViolated
        /// A selected profile does not exist.
        case unknownProfile
        /// `CODEX_HOME` could not be used.
        case codexHome
    }

    public let kind: Kind
    /// The message without the "Error loading config.toml:" style prefix.
    public let message: String
    /// Where a syntax error is, for `report`'s excerpt of the file; nil for errors without one place.
    public let location: ConfigErrorLocation?

    public init(kind: Kind, message: String, location: ConfigErrorLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String {
        switch kind {
        case .invalidOverride: return "Error parsing -c overrides: \(message)"
        case .codexHome: return message
        default: return "Error loading config.toml: \(message)"
        }
    }
}

extension ConfigError {
    static func invalidValue(key: String, source: String, expected: String, found: JSONValue) -> ConfigError {
        ConfigError(
            kind: .invalidValue,
            message: "invalid value for `\(key)` in \(source): expected \(expected), found \(found.configDisplay)")
    }

    static func invalid(key: String, source: String, _ detail: String) -> ConfigError {
        ConfigError(kind: .invalidValue, message: "invalid value for `\(key)` in \(source): \(detail)")
    }

    static func unknownField(_ keyPath: String, source: String) -> ConfigError {
        ConfigError(kind: .unknownField, message: "unknown configuration field `\(keyPath)` in \(source)")
    }
}

extension JSONValue {
    /// The TOML type name used in messages ("string", "integer", "table", ...).
    var tomlTypeName: String {
        switch self {
        case .null: return "nothing"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "float"
        case .string: return "string"
        case .array: return "array"
        case .object: return "table"
        }
    }

    /// A short rendering of the value for error messages: strings quoted, tables and arrays as JSON.
    var configDisplay: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .object, .array: return "\(tomlTypeName) \(serialized())"
        default: return serialized()
        }
    }
}

extension ConfigError {
    /// Wraps a CODEX_HOME failure so callers that load config handle a single error type.
    public init(_ error: CodexHomeError) {
        self.init(kind: .codexHome, message: error.description)
    }
}
