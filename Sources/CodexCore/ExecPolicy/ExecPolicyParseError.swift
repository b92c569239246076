/// A `.rules` file that cannot be read as rules: the file, the 1-based line and column, and what is wrong.
public struct ExecPolicyParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`.
    public var description: String { "\(path):\(line):\(column): \(message)" }

    /// The reference's one-line rendering for `codex exec`: `path:line: message (problem is on or around line N)`.
    public var displayLine: String { "\(path):\(line): \(message) (problem is on or around line \(line))" }
}

extension ExecPolicyVerdict {
    /// The decision as rules files and `codex execpolicy check` spell it.
    public var ruleName: String {
        switch self {
        case .allow: "allow"
        case .prompt: "prompt"
        case .forbidden: "forbidden"
        }
    }

    /// Reads `allow`, `prompt` or `forbidden`.
    public init?(ruleName: String) {
        switch ruleName {
        case "allow": self = .allow
        case "prompt": self = .prompt
        case "forbidden": self = .forbidden
        default: return nil
        }
    }
}
