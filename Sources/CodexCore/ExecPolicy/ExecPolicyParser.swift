/// Reads `.rules` files into an `ExecPolicy`: the statements the reference's rules files use —
/// `prefix_rule(pattern, decision?, match?, not_match?, justification?)`, `network_rule(host, protocol,
/// decision, justification?)` and `host_executable(name, paths)` calls with string, list, `None`,
/// `True`/`False` arguments — and comments. Anything else is an error naming the file, line and column,
/// never a rule that allows more than written.
public struct ExecPolicyParser {
    public private(set) var policy = ExecPolicy()

    public init() {}

    /// Parses one file's contents into the policy; `path` names the file in errors.
    public mutating func parse(_ text: String, path: String) throws(ExecPolicyParseError) {
        var lexer = ExecPolicyLexer(text: text, path: path)
        var reader = TokenReader(tokens: try lexer.tokens(), path: path)
        var parsed = policy
        while true {
            let token = reader.next()
            switch token.kind {
            case .end:
                policy = parsed
                return
            case .newline, .punctuation(";"):
                continue
            case .identifier(let name):
                let call = try reader.call(named: name, at: token)
                try Self.apply(call, to: &parsed, path: path)
            default:
                throw reader.error("Parse error: expected a rule call such as prefix_rule(...)", at: token)
            }
        }
    }

    /// A value of the subset: a string, a list, `None`, a boolean or a number.
    indirect enum Value: Sendable, Hashable {
        case string(String)
        case list([Value])
        case none
        case bool(Bool)
        case number(String)

        var typeName: String {
            switch self {
            case .string: "string"
            case .list: "list"
            case .none: "NoneType"
            case .bool: "bool"
            case .number: "int"
            }
        }
    }

    /// One call statement: the function, its positional and named arguments, and where it starts.
    struct Call {
        var name: String
        var positional: [Value]
        var named: [(String, Value)]
        var line: Int
        var column: Int
    }

    private struct TokenReader {
        let tokens: [ExecPolicyToken]
        let path: String
        var index = 0

        mutating func next() -> ExecPolicyToken {
            let token = tokens[min(index, tokens.count - 1)]
            index += 1
            return token
        }

        func peek() -> ExecPolicyToken { tokens[min(index, tokens.count - 1)] }

        func error(_ message: String, at token: ExecPolicyToken) -> ExecPolicyParseError {
            ExecPolicyParseError(path: path, line: token.line, column: token.column, message: message)
        }

        mutating func expect(_ character: Character, _ what: String) throws(ExecPolicyParseError) {
            let token = next()
            guard token.kind == .punctuation(character) else {
                throw error("Parse error: unexpected \(describe(token)), expected \(what)", at: token)
            }
        }

        mutating func call(named name: String, at start: ExecPolicyToken) throws(ExecPolicyParseError) -> Call {
            guard ["prefix_rule", "network_rule", "host_executable"].contains(name) else {
                if peek().kind == .punctuation("=") {
                    throw error("Parse error: assignments are not supported in rules files", at: start)
                }
                throw error("Variable `\(name)` not found", at: start)
            }
            try expect("(", "symbol '('")
            var call = Call(name: name, positional: [], named: [], line: start.line, column: start.column)
            while peek().kind != .punctuation(")") {
                let token = peek()
                if case .identifier(let keyword) = token.kind, tokens[min(index + 1, tokens.count - 1)].kind == .punctuation("=") {
                    index += 2
                    call.named.append((keyword, try value()))
                } else {
                    guard call.named.isEmpty else {
                        throw error("Parse error: positional argument after named argument", at: token)
                    }
                    call.positional.append(try value())
                }
                guard peek().kind == .punctuation(",") else { break }
                index += 1
            }
            try expect(")", "symbol ')'")
            let after = peek()
            guard after.kind == .newline || after.kind == .punctuation(";") || after.kind == .end else {
                throw error("Parse error: unexpected \(describe(after)), expected end of statement", at: after)
            }
            return call
        }

        mutating func value() throws(ExecPolicyParseError) -> Value {
            let token = next()
            switch token.kind {
            case .string(let text):
                if case .string = peek().kind {
                    throw error("Parse error: unexpected string literal, expected symbol ','", at: peek())
                }
                return .string(text)
            case .number(let digits):
                return .number(digits)
            case .identifier("None"):
                return .none
            case .identifier("True"):
                return .bool(true)
            case .identifier("False"):
                return .bool(false)
            case .identifier(let name):
                throw error("Variable `\(name)` not found", at: token)
            case .punctuation("["):
                var items: [Value] = []
                while peek().kind != .punctuation("]") {
                    if case .identifier = peek().kind, tokens[min(index + 1, tokens.count - 1)].kind == .punctuation("=") {
                        throw error("Parse error: unexpected symbol '=', expected symbol ']'", at: tokens[index + 1])
                    }
                    items.append(try value())
                    guard peek().kind == .punctuation(",") else { break }
                    index += 1
                }
                try expect("]", "symbol ']'")
                return .list(items)
            default:
                throw error("Parse error: unexpected \(describe(token)), expected an expression", at: token)
            }
        }

        func describe(_ token: ExecPolicyToken) -> String {
            switch token.kind {
            case .identifier(let name): "identifier '\(name)'"
            case .string: "string literal"
            case .number(let digits): "number '\(digits)'"
            case .punctuation(let character): "symbol '\(character)'"
            case .newline: "new line"
            case .end: "end of file"
            }
        }
    }
}
