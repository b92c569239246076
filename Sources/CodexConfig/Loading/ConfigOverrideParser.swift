public import CodexProtocol
import CodexBasics

/// One parsed `-c key=value` argument: a dotted key path and its value.
public struct ConfigOverride: Sendable, Equatable {
    /// The key split on `.` (no quoting: `a.b.c` is three segments).
    public let keyPath: [String]
    public let value: JSONValue

    public init(keyPath: [String], value: JSONValue) {
        self.keyPath = keyPath
        self.value = value
    }

    /// Parses `key=value`: split on the first `=`, both halves trimmed; the value is read as a TOML value
    /// (`_x_ = VALUE`), and when that fails the trimmed text becomes a string.
    /// - Throws: `ConfigError` (`.invalidOverride`) for a missing `=` or an empty key.
    public static func parse(_ raw: String) throws(ConfigError) -> ConfigOverride {
        guard let equals = raw.firstIndex(of: "=") else {
            throw ConfigError(kind: .invalidOverride, message: "Invalid override (missing '='): \(raw)")
        }
        let key = raw[..<equals].trimmingWhitespace()
        let valueText = raw[raw.index(after: equals)...].trimmingWhitespace()
        guard !key.isEmpty else {
            throw ConfigError(kind: .invalidOverride, message: "Empty key in override: \(raw)")
        }
        let value = TOMLReader.parseValue(valueText) ?? .string(valueText)
        return ConfigOverride(keyPath: key.split(separator: ".", omittingEmptySubsequences: false).map(String.init), value: value)
    }
}

extension JSONObject {
    /// Writes `value` at a dotted path, creating tables on the way and replacing non-tables that are in the way.
    mutating func setValue(_ value: JSONValue, at path: some Collection<String>) {
        guard let head = path.first else { return }
        let rest = path.dropFirst()
        if rest.isEmpty {
            self[head] = value
            return
        }
        var child = self[head]?.objectValue ?? JSONObject()
        child.setValue(value, at: rest)
        self[head] = .object(child)
    }

    /// Reads the value at a dotted path.
    func value(at path: some Collection<String>) -> JSONValue? {
        guard let head = path.first else { return .object(self) }
        let rest = path.dropFirst()
        guard let child = self[head] else { return nil }
        if rest.isEmpty { return child }
        return child.objectValue?.value(at: rest)
    }
}
