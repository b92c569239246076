import CodexProtocol

/// Path arithmetic on plain strings (POSIX paths), with no filesystem access.
enum ConfigPaths {
    /// Joins and normalizes: an absolute `path` stays, a relative one is taken from `base`;
    /// `~` and `~/...` expand to `home` when it is known; `.` and `..` segments are folded.
    static func absolute(_ path: String, base: String, home: String?) -> String {
        var expanded = path
        if let home, !home.isEmpty {
            if path == "~" {
                expanded = home
            } else if path.hasPrefix("~/") {
                expanded = home + "/" + path.dropFirst(2)
            }
        }
        let joined = expanded.hasPrefix("/") ? expanded : base + "/" + expanded
        return normalize(joined)
    }

    /// Folds `.`, `..` and repeated slashes of an absolute path.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(segment)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder containing `path`.
    static func parent(of path: String) -> String {
        let normalized = normalize(path)
        guard let slash = normalized.lastIndex(of: "/"), slash != normalized.startIndex else { return "/" }
        return String(normalized[..<slash])
    }

    /// `path` followed by one more component.
    static func join(_ path: String, _ component: String) -> String {
        path.hasSuffix("/") ? path + component : path + "/" + component
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
        ["mcp_servers", "*", "cwd"],
        ["profiles", "*", "model_instructions_file"],
        ["profiles", "*", "experimental_instructions_file"],
        ["profiles", "*", "sandbox_workspace_write", "writable_roots"],
    ]

    /// Rewrites every relative path in a layer to an absolute one.
    /// Values of the wrong type are left alone for the typed decoder to report.
    static func resolve(in layer: JSONObject, base: String, home: String?) -> JSONObject {
        var result = layer
        for pattern in patterns {
            result = resolve(result, pattern: pattern[...], base: base, home: home)
        }
        return result
    }

    private static func resolve(_ table: JSONObject, pattern: ArraySlice<String>, base: String, home: String?) -> JSONObject {
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

    private static func resolveValue(_ value: JSONValue, base: String, home: String?) -> JSONValue {
        switch value {
        case .string(let path) where !path.isEmpty:
            return .string(ConfigPaths.absolute(path, base: base, home: home))
        case .array(let items):
            return .array(items.map { resolveValue($0, base: base, home: home) })
        default:
            return value
        }
    }
}
