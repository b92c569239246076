import CodexProtocol

/// Parses TOML text into the JSON trees the loader merges.
enum TOMLReader {
    /// Parses a whole document.
    /// - Parameter sourceName: how errors name the text (a file path).
    /// - Throws: `ConfigError` naming the source, line and column of the first syntax error.
    static func parseDocument(_ text: String, sourceName: String) throws(ConfigError) -> JSONObject {
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw ConfigError(
                kind: .malformedFile, message: "\(sourceName):\(error.line):\(error.column): \(error.message)",
                location: ConfigErrorLocation(line: error.line, column: error.column, in: text))
        }
    }

    /// Parses the right-hand side of `key = VALUE`, or returns nil when it is not one TOML value.
    static func parseValue(_ text: String) -> JSONValue? {
        guard !text.utf8.contains(10), !text.utf8.contains(13),
            let table = try? TOMLParser.parse("_x_ = " + text), table.count == 1
        else { return nil }
        return table["_x_"]
    }
}
