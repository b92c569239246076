/// One token of a prefix rule's pattern: a literal, or a set of alternatives any of which matches.
public enum ExecPolicyPatternToken: Sendable, Hashable {
    case single(String)
    case alternatives([String])

    /// Whether `word` matches this token.
    public func matches(_ word: String) -> Bool {
        switch self {
        case .single(let literal): literal == word
        case .alternatives(let options): options.contains(word)
        }
    }
}

/// A `prefix_rule(pattern=[...], decision=..., justification=...)`: commands starting with the
/// pattern's tokens get its decision. The first token is a single program name (a rule whose first
/// pattern element lists alternatives becomes one rule per alternative).
public struct ExecPolicyPrefixRule: Sendable, Hashable {
    public var program: String
    public var rest: [ExecPolicyPatternToken]
    public var decision: ExecPolicyVerdict
    public var justification: String?

    public init(program: String, rest: [ExecPolicyPatternToken], decision: ExecPolicyVerdict, justification: String? = nil) {
        self.program = program
        self.rest = rest
        self.decision = decision
        self.justification = justification
    }

    /// The command's words this rule matched (its prefix), or nil when it does not match.
    public func matchedPrefix(of command: [String]) -> [String]? {
        guard command.first == program, command.count > rest.count else { return nil }
        for (offset, token) in rest.enumerated() where !token.matches(command[offset + 1]) { return nil }
        return Array(command.prefix(rest.count + 1))
    }
}

/// What matched one (sub-)command: an explicit rule, or the built-in heuristics when no rule did.
public enum ExecPolicyRuleMatch: Sendable, Hashable {
    case prefixRule(matchedPrefix: [String], decision: ExecPolicyVerdict, justification: String?)
    case heuristics(command: [String], decision: ExecPolicyVerdict)

    public var decision: ExecPolicyVerdict {
        switch self {
        case .prefixRule(_, let decision, _), .heuristics(_, let decision): decision
        }
    }

    /// True for a match of a rule from a rules file (not the heuristics).
    public var isPolicyRule: Bool {
        if case .prefixRule = self { return true }
        return false
    }
}

/// The verdict over a set of commands: the strictest decision of all matches (nil when nothing matched).
public struct ExecPolicyEvaluation: Sendable, Hashable {
    public var matchedRules: [ExecPolicyRuleMatch]

    public var decision: ExecPolicyVerdict? { matchedRules.map(\.decision).max() }
}

/// The exec-policy rules loaded from `.rules` files (codex-rs `execpolicy::Policy`), keyed by program.
public struct ExecPolicy: Sendable, Hashable {
    public private(set) var rulesByProgram: [String: [ExecPolicyPrefixRule]] = [:]
    /// How many `network_rule(...)` entries were read (kept, not enforced: there is no network proxy).
    public private(set) var networkRuleCount = 0
    /// `host_executable(name=..., paths=[...])` entries by executable name.
    public private(set) var hostExecutables: [String: [String]] = [:]

    public init() {}

    /// A policy with no rules: every command goes to the heuristics.
    public static let empty = ExecPolicy()

    /// Whether no prefix rule is loaded.
    public var isEmpty: Bool { rulesByProgram.isEmpty }

    public mutating func add(_ rule: ExecPolicyPrefixRule) {
        rulesByProgram[rule.program, default: []].append(rule)
    }

    mutating func addNetworkRule() { networkRuleCount += 1 }

    mutating func addHostExecutable(name: String, paths: [String]) { hostExecutables[name] = paths }

    /// Adds `prefix_rule(pattern=prefix, decision="allow")` (what an "always allow" answer records).
    public mutating func addAllowPrefix(_ prefix: [String]) {
        guard let first = prefix.first else { return }
        add(ExecPolicyPrefixRule(program: first, rest: prefix.dropFirst().map { .single($0) }, decision: .allow))
    }

    /// Every rule match for one command; with `resolveHostExecutables`, an absolute program path with no
    /// exact rule falls back to rules for its basename (only for paths its `host_executable` lists, if any).
    public func ruleMatches(for command: [String], resolveHostExecutables: Bool = false) -> [ExecPolicyRuleMatch] {
        guard let program = command.first else { return [] }
        let exact = Self.matches(rulesByProgram[program] ?? [], command)
        guard exact.isEmpty, resolveHostExecutables, program.hasPrefix("/"),
            let basename = program.split(separator: "/").last.map(String.init), basename != program
        else { return exact }
        if let allowed = hostExecutables[basename], !allowed.contains(program) { return [] }
        var renamed = command
        renamed[0] = basename
        return Self.matches(rulesByProgram[basename] ?? [], renamed).map { match in
            guard case .prefixRule(var prefix, let decision, let justification) = match else { return match }
            prefix[0] = program
            return .prefixRule(matchedPrefix: prefix, decision: decision, justification: justification)
        }
    }

    /// Evaluates commands, asking `fallback` about any command no rule matched.
    public func evaluate(
        _ commands: [[String]], resolveHostExecutables: Bool = false, fallback: ([String]) -> ExecPolicyVerdict
    ) -> ExecPolicyEvaluation {
        var matches: [ExecPolicyRuleMatch] = []
        for command in commands {
            let ruleMatches = ruleMatches(for: command, resolveHostExecutables: resolveHostExecutables)
            matches += ruleMatches.isEmpty ? [.heuristics(command: command, decision: fallback(command))] : ruleMatches
        }
        return ExecPolicyEvaluation(matchedRules: matches)
    }

    /// Evaluates commands against the rules only (`codex execpolicy check`).
    public func check(_ commands: [[String]], resolveHostExecutables: Bool = false) -> ExecPolicyEvaluation {
        ExecPolicyEvaluation(
            matchedRules: commands.flatMap { ruleMatches(for: $0, resolveHostExecutables: resolveHostExecutables) })
    }

    private static func matches(_ rules: [ExecPolicyPrefixRule], _ command: [String]) -> [ExecPolicyRuleMatch] {
        rules.compactMap { rule in
            rule.matchedPrefix(of: command).map {
                .prefixRule(matchedPrefix: $0, decision: rule.decision, justification: rule.justification)
            }
        }
    }
}
