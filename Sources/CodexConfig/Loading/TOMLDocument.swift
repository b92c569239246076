public import CodexProtocol

/// Parses TOML 1.0 documents into JSON objects (dates and times become strings as written).
public enum TOMLDocument {
    /// Parses a whole document; throws the first syntax error with its line and column.
    public static func parse(_ text: String) throws(TOMLSyntaxError) -> JSONObject {
        try TOMLParser.parse(text)
    }
}

/// A TOML syntax error at a 1-based line and column (columns count Unicode scalars).
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
