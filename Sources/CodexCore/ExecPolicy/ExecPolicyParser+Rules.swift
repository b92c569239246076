extension ExecPolicyParser {
    /// Binds a call's arguments to the function's parameters (positional in order, then by name).
    private static func bind(
        _ call: Call, parameters: [String], required: Set<String>, path: String
    ) throws(ExecPolicyParseError) -> [String: Value] {
        var bound: [String: Value] = [:]
        guard call.positional.count <= parameters.count else {
            throw failure(call, path, "Too many positional arguments for call to \(call.name)")
        }
        for (offset, value) in call.positional.enumerated() { bound[parameters[offset]] = value }
        for (name, value) in call.named {
            guard parameters.contains(name) else {
                throw failure(call, path, "Found `\(name)` extra named parameter(s) for call to \(call.name)")
            }
            guard bound[name] == nil else {
                throw failure(call, path, "Parameter `\(name)` occurs more than once in call to \(call.name)")
            }
            bound[name] = value
        }
        for name in parameters where required.contains(name) && bound[name] == nil {
            throw failure(call, path, "Missing parameter `\(name)` for call to \(call.name)")
        }
        return bound.filter { $0.value != .none }
    }

    static func apply(_ call: Call, to policy: inout ExecPolicy, path: String) throws(ExecPolicyParseError) {
        switch call.name {
        case "prefix_rule":
            let arguments = try bind(
                call, parameters: ["pattern", "decision", "match", "not_match", "justification"], required: ["pattern"],
                path: path)
            try applyPrefixRule(call, arguments, to: &policy, path: path)
        case "network_rule":
            let arguments = try bind(
                call, parameters: ["host", "protocol", "decision", "justification"],
                required: ["host", "protocol", "decision"], path: path)
            let host = try string(arguments["host"], "host", call, path)
            let scheme = try string(arguments["protocol"], "protocol", call, path)
            let decision = try string(arguments["decision"], "decision", call, path)
            guard !host.isBlank else { throw failure(call, path, "invalid rule: network rule host cannot be empty") }
            guard ["http", "https", "socks5_tcp", "socks5_udp"].contains(scheme) else {
                throw failure(call, path, "invalid rule: unsupported network protocol: \(scheme)")
            }
            guard decision == "deny" || ExecPolicyVerdict(ruleName: decision) != nil else {
                throw failure(call, path, "invalid decision: \(decision)")
            }
            _ = try justification(arguments, call, path)
            policy.addNetworkRule()
        default:
            let arguments = try bind(call, parameters: ["name", "paths"], required: ["name", "paths"], path: path)
            let name = try string(arguments["name"], "name", call, path)
            guard !name.isEmpty, !name.contains("/") else {
                throw failure(call, path, "invalid rule: host_executable name must be a bare executable name (got \(name))")
            }
            guard case .list(let values) = arguments["paths"] ?? .list([]) else {
                throw failure(call, path, "invalid rule: host_executable paths must be a list")
            }
            var paths: [String] = []
            for value in values {
                guard case .string(let raw) = value else {
                    throw failure(call, path, "invalid rule: host_executable paths must be strings (got \(value.typeName))")
                }
                guard raw.hasPrefix("/") || raw.hasPrefix("~/") else {
                    throw failure(call, path, "invalid rule: host_executable paths must be absolute or use `~/...` home-relative syntax (got \(raw))")
                }
                guard raw.split(separator: "/").last.map(String.init) == name else {
                    throw failure(call, path, "invalid rule: host_executable path `\(raw)` must have basename `\(name)`")
                }
                if !paths.contains(raw) { paths.append(raw) }
            }
            policy.addHostExecutable(name: name, paths: paths)
        }
    }

    private static func applyPrefixRule(
        _ call: Call, _ arguments: [String: Value], to policy: inout ExecPolicy, path: String
    ) throws(ExecPolicyParseError) {
        var decision = ExecPolicyVerdict.allow
        if let raw = arguments["decision"] {
            let name = try string(raw, "decision", call, path)
            guard let parsed = ExecPolicyVerdict(ruleName: name) else { throw failure(call, path, "invalid decision: \(name)") }
            decision = parsed
        }
        let justification = try justification(arguments, call, path)
        guard case .list(let elements) = arguments["pattern"] ?? .none else {
            throw failure(call, path, "invalid pattern element: pattern must be a list")
        }
        var tokens: [ExecPolicyPatternToken] = []
        for element in elements {
            switch element {
            case .string(let word):
                tokens.append(.single(word))
            case .list(let options):
                var words: [String] = []
                for option in options {
                    guard case .string(let word) = option else {
                        throw failure(call, path, "invalid pattern element: pattern alternative must be a string (got \(option.typeName))")
                    }
                    words.append(word)
                }
                guard !words.isEmpty else { throw failure(call, path, "invalid pattern element: pattern alternatives cannot be empty") }
                tokens.append(words.count == 1 ? .single(words[0]) : .alternatives(words))
            default:
                throw failure(call, path, "invalid pattern element: pattern element must be a string or list of strings (got \(element.typeName))")
            }
        }
        guard let first = tokens.first else { throw failure(call, path, "invalid pattern element: pattern cannot be empty") }
        let heads: [String]
        switch first {
        case .single(let word): heads = [word]
        case .alternatives(let words): heads = words
        }
        let rules = heads.map {
            ExecPolicyPrefixRule(program: $0, rest: Array(tokens.dropFirst()), decision: decision, justification: justification)
        }
        var local = ExecPolicy()
        for rule in rules { local.add(rule) }
        let matches = try examples(arguments["match"], call, path)
        let unmatched = matches.filter { local.ruleMatches(for: $0).isEmpty }
        if !unmatched.isEmpty {
            throw failure(
                call, path,
                "expected every example to match at least one rule. rules: \(rules.map(render)); unmatched examples: \(unmatched.map(ShellQuoting.join))"
            )
        }
        for example in try examples(arguments["not_match"], call, path) {
            if let rule = rules.first(where: { $0.matchedPrefix(of: example) != nil }) {
                throw failure(call, path, "expected example to not match rule `\(render(rule))`: \(ShellQuoting.join(example))")
            }
        }
        for rule in rules { policy.add(rule) }
    }

    private static func render(_ rule: ExecPolicyPrefixRule) -> String {
        let rest = rule.rest.map { token in
            switch token {
            case .single(let word): word
            case .alternatives(let words): "[" + words.joined(separator: "|") + "]"
            }
        }
        return ([rule.program] + rest).joined(separator: " ")
    }

    private static func justification(_ arguments: [String: Value], _ call: Call, _ path: String) throws(ExecPolicyParseError) -> String? {
        guard let value = arguments["justification"] else { return nil }
        let text = try string(value, "justification", call, path)
        guard !text.isBlank else { throw failure(call, path, "invalid rule: justification cannot be empty") }
        return text
    }

    private static func examples(_ value: Value?, _ call: Call, _ path: String) throws(ExecPolicyParseError) -> [[String]] {
        guard let value else { return [] }
        guard case .list(let items) = value else { throw failure(call, path, "invalid example: examples must be a list") }
        var result: [[String]] = []
        for item in items {
            switch item {
            case .string(let text):
                guard let words = ShellWords.split(text) else {
                    throw failure(call, path, "invalid example: example string has invalid shell syntax")
                }
                guard !words.isEmpty else { throw failure(call, path, "invalid example: example cannot be an empty string") }
                result.append(words)
            case .list(let values):
                var words: [String] = []
                for value in values {
                    guard case .string(let word) = value else {
                        throw failure(call, path, "invalid example: example tokens must be strings (got \(value.typeName))")
                    }
                    words.append(word)
                }
                guard !words.isEmpty else { throw failure(call, path, "invalid example: example cannot be an empty list") }
                result.append(words)
            default:
                throw failure(call, path, "invalid example: example must be a string or list of strings (got \(item.typeName))")
            }
        }
        return result
    }

    private static func string(_ value: Value?, _ name: String, _ call: Call, _ path: String) throws(ExecPolicyParseError) -> String {
        guard case .string(let text) = value else {
            throw failure(call, path, "Type of parameter `\(name)` doesn't match, expected `str`, actual `\(value?.typeName ?? "NoneType")`")
        }
        return text
    }

    private static func failure(_ call: Call, _ path: String, _ message: String) -> ExecPolicyParseError {
        ExecPolicyParseError(path: path, line: call.line, column: call.column, message: message)
    }
}

/// POSIX-shell-like word splitting for rule examples (`shlex` rules: quotes, backslashes, whitespace).
enum ShellWords {
    /// The words of `text`, or nil when a quote is not closed.
    static func split(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    guard let next = iterator.next() else { return nil }
                    if !"\\\"$`\n".contains(next) { current.append("\\") }
                    if next != "\n" { current.append(next) }
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                guard let next = iterator.next() else { return nil }
                if next != "\n" { current.append(next) }
                inWord = true
            default:
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }
}

extension String {
    /// True when the text is empty or only whitespace.
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
