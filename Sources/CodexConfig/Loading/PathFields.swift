import CodexBasics
import CodexProtocol

extension AbsolutePath {
    /// A path value from config or the command line: `~` and `~/...` expand to `home` when it is known;
    /// an absolute result stays, a relative one is taken from `base`; then normalized.
    init(configValue path: String, relativeTo base: AbsolutePath, home: String?) {
        var expanded = path
        if let home, !home.isEmpty {
            if path == "~" {
                expanded = home
            } else if path.hasPrefix("~/") {
                expanded = home + "/" + path.dropFirst(2)
            }
        }
        self.init(expanded, relativeTo: base)
    }
}

/// The keys whose values are filesystem paths; relative values resolve against the defining file's folder.
enum PathFields {
    /// Patterns of dotted key paths; `*` matches any one key.
    static let patterns: [[String]] = [
        ["model_instructions_file"],
        ["experimental_instructions_file"],
        ["model_catalog_json"],
        ["experimental_compact_prompt_file"],
        ["log_dir"],
        ["sqlite_home"],
        ["sandbox_workspace_write", "writable_roots"],
        ["profiles", "*", "model_instructions_file"],
        ["profiles", "*", "experimental_instructions_file"],
        ["profiles", "*", "sandbox_workspace_write", "writable_roots"],
    ]

    /// Rewrites every relative path in a layer to an absolute one.
    /// Values of the wrong type are left alone for the typed decoder to report.
    static func resolve(in layer: JSONObject, base: AbsolutePath, home: String?) -> JSONObject {
        var result = layer
        for pattern in patterns {
            result = resolve(result, pattern: pattern[...], base: base, home: home)
        }
        return result
    }

    private static func resolve(_ table: JSONObject, pattern: ArraySlice<String>, base: AbsolutePath, home: String?) -> JSONObject {
        guard let head = pattern.first else { return table }
        let rest = pattern.dropFirst()
        var result = table
        let keys = head == "*" ? table.keys : [head]
        for key in keys {
            guard let value = table[key] else { continue }
            if rest.isEmpty {
                result[key] = resolveValue(value, base: base, home: home)
            } else if case .object(let child) = value {
                result[key] = .object(resolve(child, pattern: rest, base: base, home: home))
            }
        }
        return result
    }

    private static func resolveValue(_ value: JSONValue, base: AbsolutePath, home: String?) -> JSONValue {
        switch value {
        case .string(let path) where !path.isEmpty:
            return .string(AbsolutePath(configValue: path, relativeTo: base, home: home).string)
        case .array(let items):
            return .array(items.map { resolveValue($0, base: base, home: home) })
        default:
            return value
        }
    }
}
