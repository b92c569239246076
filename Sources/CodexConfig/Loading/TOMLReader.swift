import CodexProtocol
import TOMLKit

/// Parses TOML text into the JSON trees the loader merges.
enum TOMLReader {
    /// Parses a whole document.
    /// - Parameter sourceName: how errors name the text (a file path).
    /// - Throws: `ConfigError` naming the source, line and column of the first syntax error.
    static func parseDocument(_ text: String, sourceName: String) throws(ConfigError) -> JSONObject {
        if text.utf8.contains(0) {
            throw ConfigError(kind: .malformedFile, message: "\(sourceName): the file contains a NUL byte")
        }
        if let failure = TOMLPreflight.check(text) {
            throw ConfigError(
                kind: .malformedFile, message: "\(sourceName):\(failure.line):\(failure.column): \(failure.message)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let position = error.source.begin
            throw ConfigError(
                kind: .malformedFile,
                message: "\(sourceName):\(position.line):\(position.column): \(error.description)")
        } catch {
            throw ConfigError(kind: .malformedFile, message: "\(sourceName): \(error)")
        }
        return object(from: table)
    }

    /// Parses the right-hand side of `key = VALUE`, or returns nil when it is not one TOML value.
    static func parseValue(_ text: String) -> JSONValue? {
        let document = "_x_ = " + text
        guard !text.utf8.contains(0), !text.utf8.contains(10), !text.utf8.contains(13), TOMLPreflight.check(document) == nil
        else { return nil }
        guard let table = try? TOMLTable(string: document), table.count == 1 else { return nil }
        return table["_x_"].map(value(from:))
    }

    private static func object(from table: TOMLTable) -> JSONObject {
        var result = JSONObject()
        for key in table.keys {
            if let item = table[key] { result[key] = value(from: item) }
        }
        return result
    }

    private static func value(from item: any TOMLValueConvertible) -> JSONValue {
        switch item.type {
        case .table: return item.table.map { .object(object(from: $0)) } ?? .object(JSONObject())
        case .array:
            guard let array = item.array else { return .array([]) }
            return .array(array.map { value(from: $0) })
        case .string: return .string(item.string ?? "")
        case .int: return item.int.map { .int(Int64($0)) } ?? .null
        case .double: return item.double.map { .double($0) } ?? .null
        case .bool: return item.bool.map { .bool($0) } ?? .null
        case .date: return .string(item.date?.debugDescription ?? "")
        case .time: return .string(item.time?.debugDescription ?? "")
        case .dateTime: return .string(item.dateTime?.debugDescription ?? "")
        }
    }
}
