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

    static func toml(_ value: JSONValue) -> String {
        switch value {
        case .null: return "\"\""
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? String(number) : "0"
        case .string(let text): return quoted(text)
        case .array(let items): return "[" + items.map(toml).joined(separator: ", ") + "]"
        case .object(let object):
            let members = object.filter { _, value in value != .null }.map { key, value in
                "\(quoted(key)) = \(toml(value))"
            }
            return "{" + members.joined(separator: ", ") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
