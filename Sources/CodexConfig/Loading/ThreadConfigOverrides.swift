public import CodexProtocol

/// The `config` map a front end receives when it opens a thread (app-server thread/start, resume and fork;
/// the mcp-server `codex` tool): dotted keys → JSON values, turned into `-c key=value` overrides with TOML
/// values.
public enum ThreadConfigOverrides {
    /// One `key=value` string per non-null member; nil or a non-object gives none.
    public static func cliOverrides(_ config: JSONValue?) -> [String] {
        guard case .object(let object)? = config else { return [] }
        return object.compactMap { key, value in
            if case .null = value { return nil }
            return "\(key)=\(toml(value))"
        }
    }

    /// The TOML inline form of a JSON value, written by the config editor's writer.
    public static func toml(_ value: JSONValue) -> String {
        (try? TOMLValueWriter.inlineValue(value, path: [])) ?? "\"\""
    }
}
