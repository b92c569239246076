import CodexProtocol

/// Typed reads from the effective tree; every failure names the key as written, its value and its source.
struct ConfigReader {
    let root: JSONObject
    let origins: SourcedTree

    init(tree: SourcedTree) {
        self.root = tree.root
        self.origins = tree
    }

    func value(_ path: [String]) -> JSONValue? { root.value(at: path) }

    /// The key path as written in its layer (a profile value names `profiles.NAME.key`).
    func displayKey(_ path: [String]) -> String {
        let dotted = path.joined(separator: ".")
        return origins.origins[dotted]?.keyPath ?? dotted
    }

    func sourceName(_ path: [String]) -> String {
        origins.origin(of: path.joined(separator: "."))?.source.displayName ?? "the configuration"
    }

    func mismatch(_ path: [String], expected: String, found: JSONValue) -> ConfigError {
        .invalidValue(key: displayKey(path), source: sourceName(path), expected: expected, found: found)
    }

    func invalid(_ path: [String], _ detail: String) -> ConfigError {
        .invalid(key: displayKey(path), source: sourceName(path), detail)
    }

    func string(_ path: [String]) throws(ConfigError) -> String? {
        guard let value = value(path) else { return nil }
        guard case .string(let text) = value else { throw mismatch(path, expected: "a string", found: value) }
        return text
    }

    func bool(_ path: [String]) throws(ConfigError) -> Bool? {
        guard let value = value(path) else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(path, expected: "a boolean", found: value) }
        return flag
    }

    /// A non-negative integer.
    func count(_ path: [String]) throws(ConfigError) -> Int? {
        guard let value = value(path) else { return nil }
        guard case .int(let number) = value, number >= 0, let exact = Int(exactly: number) else {
            throw mismatch(path, expected: "a non-negative integer", found: value)
        }
        return exact
    }

    /// A non-negative number of seconds (integer or float).
    func seconds(_ path: [String]) throws(ConfigError) -> Double? {
        guard let value = value(path) else { return nil }
        guard let number = value.doubleValue, number >= 0, number.isFinite else {
            throw mismatch(path, expected: "a non-negative number", found: value)
        }
        return number
    }

    func stringArray(_ path: [String]) throws(ConfigError) -> [String]? {
        guard let value = value(path) else { return nil }
        guard case .array(let items) = value else { throw mismatch(path, expected: "an array of strings", found: value) }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                throw mismatch(path, expected: "an array of strings", found: value)
            }
            result.append(text)
        }
        return result
    }

    func stringMap(_ path: [String]) throws(ConfigError) -> [String: String]? {
        guard let table = try table(path) else { return nil }
        var result: [String: String] = [:]
        for (key, item) in table {
            guard case .string(let text) = item else {
                throw mismatch(path + [key], expected: "a string", found: item)
            }
            result[key] = text
        }
        return result
    }

    func table(_ path: [String]) throws(ConfigError) -> JSONObject? {
        guard let value = value(path) else { return nil }
        guard case .object(let table) = value else { throw mismatch(path, expected: "a table", found: value) }
        return table
    }

    func enumValue<E: ConfigEnum>(_ path: [String], as type: E.Type = E.self) throws(ConfigError) -> E? {
        guard let value = value(path) else { return nil }
        guard case .string(let text) = value, let parsed = E(rawValue: text) else {
            throw mismatch(path, expected: "one of \(E.allowedList)", found: value)
        }
        return parsed
    }
}
