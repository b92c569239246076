public import CodexProtocol

/// Writes keys and JSON values as TOML text: bare keys where allowed, escaped basic strings,
/// inline arrays and inline tables.
public enum TOMLValueWriter {
    /// True for the characters a bare key may use: `A-Z a-z 0-9 _ -`.
    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// One key segment: bare when possible, else a quoted basic string.
    static func key(_ segment: String) -> String {
        if !segment.isEmpty, segment.utf8.allSatisfy(isBareKeyByte) { return segment }
        return basicString(segment)
    }

    /// A dotted key (`projects."/home/u/my repo".trust_level`).
    static func dottedKey(_ path: some Sequence<String>) -> String {
        path.map(key).joined(separator: ".")
    }

    /// A `"..."` string with TOML escapes.
    static func basicString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{08}": result += "\\b"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\u{0C}": result += "\\f"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A value on one line; objects become inline tables, a null member of an object is left out.
    /// - Throws: `TOMLEditError.unrepresentableValue` for a null at the top or inside an array.
    public static func inlineValue(_ value: JSONValue, path: [String]) throws(TOMLEditError) -> String {
        switch value {
        case .null:
            throw .unrepresentableValue(path: path, message: "TOML has no null value")
        case .bool(let flag):
            return flag ? "true" : "false"
        case .int(let integer):
            return String(integer)
        case .double(let double):
            return float(double)
        case .string(let text):
            return basicString(text)
        case .array(let elements):
            var parts: [String] = []
            for element in elements {
                if element.isNull {
                    throw .unrepresentableValue(path: path, message: "TOML arrays cannot hold null")
                }
                parts.append(try inlineValue(element, path: path))
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .object(let object):
            var parts: [String] = []
            for (member, memberValue) in object where !memberValue.isNull {
                parts.append(key(member) + " = " + (try inlineValue(memberValue, path: path + [member])))
            }
            return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
        }
    }

    /// A TOML float: always with a fraction or exponent, `inf`/`nan` spelled the TOML way.
    static func float(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let text = value.description
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return text }
        return text + ".0"
    }
}
