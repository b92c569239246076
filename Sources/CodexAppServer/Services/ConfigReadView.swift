import CodexProtocol

/// The `config` object of `config/read` as the reference writes it: its ConfigToml serialized, so every
/// known top-level key is present (null or its default when unset), keys it does not know are left out, and
/// the tables it models in full (providers, profiles, MCP servers, history, features, ...) carry all their
/// fields. Tables it has no shape for here are passed on as configured.
enum ConfigReadView {
    /// The parsed `referenceShapeJSON` (`root` and `tables`); empty if it could not be read.
    private static let shape: JSONValue = {
        do {
            return try JSONParser.parse(referenceShapeJSON)
        } catch {
            return .object(JSONObject())
        }
    }()

    private static var root: JSONObject { shape["root"]?.objectValue ?? JSONObject() }

    private static func table(_ name: String) -> JSONObject? { shape["tables"]?[name]?.objectValue }

    /// The reference's view of the merged configuration (snake_case keys as in config.toml).
    static func render(_ merged: JSONObject) -> JSONObject {
        var result = root
        for (key, value) in merged where result[key] != nil {
            result[key] = shaped(key, value)
        }
        return result
    }

    private static func shaped(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        switch key {
        case "model_providers", "profiles":
            guard let template = table(key + ".*") else { return value }
            return .object(JSONObject(object.map { name, entry in (name, overlay(entry, on: .object(template))) }))
        case "mcp_servers":
            return .object(JSONObject(object.map { name, entry in (name, mcpServer(entry)) }))
        case "agents":
            var renamed = object
            if let threads = renamed["max_threads"] {
                renamed["max_threads"] = nil
                renamed["max_concurrent_threads_per_session"] = threads
            }
            return table(key).map { overlay(.object(renamed), on: .object($0)) } ?? .object(renamed)
        default:
            return table(key).map { overlay(value, on: .object($0)) } ?? value
        }
    }

    /// A layer's table as the reference reports (and versions) it: MCP server timeouts as seconds with a fraction.
    static func normalizedLayer(_ table: JSONObject) -> JSONObject {
        guard case .object(let servers) = table["mcp_servers"] else { return table }
        var result = table
        result["mcp_servers"] = .object(JSONObject(servers.map { name, entry in (name, fractionalTimeouts(entry)) }))
        return result
    }

    /// `origins` keyed as the reference keys them: each element of a non-empty array is a leaf of its own
    /// (`notify.0`, `notify.1`), and `agents.max_threads` goes by its current name.
    static func originKeys<Value>(_ origins: [String: Value], merged: JSONObject) -> [String: Value] {
        var arrayLengths: [String: Int] = [:]
        collectArrays(.object(merged), path: nil, into: &arrayLengths)
        var result: [String: Value] = [:]
        for (key, value) in origins {
            let renamed = key == "agents.max_threads" ? "agents.max_concurrent_threads_per_session" : key
            if let count = arrayLengths[key], count > 0 {
                for index in 0..<count { result[renamed + ".\(index)"] = value }
            } else {
                result[renamed] = value
            }
        }
        return result
    }

    private static func collectArrays(_ value: JSONValue, path: String?, into lengths: inout [String: Int]) {
        switch value {
        case .object(let object):
            for (key, child) in object { collectArrays(child, path: path.map { $0 + "." + key } ?? key, into: &lengths) }
        case .array(let items):
            if let path { lengths[path] = items.count }
        default:
            break
        }
    }

    private static func fractionalTimeouts(_ entry: JSONValue) -> JSONValue {
        guard case .object(var object) = entry else { return entry }
        for timeout in ["startup_timeout_sec", "tool_timeout_sec"] {
            if case .int(let seconds) = object[timeout] { object[timeout] = .double(Double(seconds)) }
        }
        return .object(object)
    }

    /// An MCP server entry: the transport's fields as configured, `args` defaulting to `[]` for a command,
    /// `environment_id`, `enabled` and `tool_timeout_sec` always present, timeouts as seconds with a fraction.
    private static func mcpServer(_ entry: JSONValue) -> JSONValue {
        guard case .object(var object) = entry else { return entry }
        if object["command"] != nil, object["args"] == nil { object["args"] = .array([]) }
        if object["environment_id"] == nil { object["environment_id"] = "local" }
        if object["enabled"] == nil { object["enabled"] = true }
        if object["tool_timeout_sec"] == nil { object["tool_timeout_sec"] = .null }
        return fractionalTimeouts(.object(object))
    }

    /// `value` laid over `template`: objects merge key by key (recursively), anything else replaces.
    private static func overlay(_ value: JSONValue, on template: JSONValue) -> JSONValue {
        guard case .object(let base) = template, case .object(let top) = value else { return value }
        var result = base
        for (key, child) in top {
            result[key] = base[key].map { overlay(child, on: $0) } ?? child
        }
        return .object(result)
    }
}
