import CodexConfig
import CodexProtocol

/// The `config` map of thread/start, thread/resume and thread/fork (dotted keys → JSON values),
/// turned into `-c key=value` overrides with TOML values.
enum ThreadConfigOverrides {
    static func cliOverrides(_ config: JSONValue?) -> [String] {
        guard case .object(let object)? = config else { return [] }
        return object.compactMap { key, value in
            if case .null = value { return nil }
            return "\(key)=\(toml(value))"
        }
    }

    /// The TOML inline form of a JSON value, written by the config editor's writer.
    static func toml(_ value: JSONValue) -> String {
        (try? TOMLValueWriter.inlineValue(value, path: [])) ?? "\"\""
    }
}

