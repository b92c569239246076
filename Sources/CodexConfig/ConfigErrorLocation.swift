/// A line and column in a configuration file, with that line's text, for showing an error in place.
public struct ConfigErrorLocation: Sendable, Equatable {
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, counted in Unicode scalars.
    public let column: Int
    /// The text of the line, without its line ending.
    public let lineText: String

    public init(line: Int, column: Int, lineText: String) {
        self.line = line
        self.column = column
        self.lineText = lineText
    }

    /// The location of `line`:`column` in `text`, with the line's text taken from it.
    public init(line: Int, column: Int, in text: String) {
        self.init(line: line, column: column, lineText: Self.line(line, of: text))
    }

    /// Line `number` (1-based) of `text` without its `\n` or `\r\n` (and without a leading byte-order mark);
    /// empty past the end.
    static func line(_ number: Int, of text: String) -> String {
        var utf8 = Substring(text).utf8
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }
        var current = 1
        while current < number {
            guard let newline = utf8.firstIndex(of: UInt8(ascii: "\n")) else { return "" }
            utf8 = utf8[utf8.index(after: newline)...]
            current += 1
        }
        var line = utf8.prefix { $0 != UInt8(ascii: "\n") }
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return String(Substring(line))
    }

    /// The excerpt the reference prints under the message: a gutter as wide as the line number, the line,
    /// and a caret under the column.
    ///
    ///       |
    ///     2 | foo = [1, 2
    ///       |            ^
    public var excerpt: String {
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        let indent = String(repeating: " ", count: max(column - 1, 0))
        return "\(gutter) |\n\(number) | \(lineText)\n\(gutter) | \(indent)^"
    }
}

extension ConfigError {
    /// What the command line prints for this error. A syntax error comes as the reference prints it: the
    /// header on its own line, `PATH:LINE:COLUMN: message`, then the line and a caret under the column.
    /// Other errors are `description`, one line.
    public var report: String {
        guard let location else { return description }
        switch kind {
        case .invalidOverride, .codexHome: return "\(description)\n\(location.excerpt)"
        default: return "Error loading config.toml:\n\(message)\n\(location.excerpt)"
        }
    }
}
