public import ArgumentParser
import CodexCore
import CodexProtocol

/// `codex execpolicy`: exec-policy tooling (the reference's only subcommand is `check`).
public struct ExecPolicyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "execpolicy", abstract: "Execpolicy tooling", subcommands: [ExecPolicyCheckCommand.self])

    public init() {}
}

/// `codex execpolicy check --rules FILE... [--pretty] [--resolve-host-executables] COMMAND...`: prints the
/// JSON evaluation of one command against the given rules files, as the reference does.
public struct ExecPolicyCheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check execpolicy files against a command")

    // The reference's `check` takes only these of the global options (it reads no configuration), so the
    // command's own `-s`, `-m`, ... reach COMMAND.
    @Option(name: [.customShort("c"), .customLong("config")], help: "Override a configuration value (accepted; unused)")
    public var config: [String] = []

    @Option(help: "Enable a feature (accepted; unused)")
    public var enable: [String] = []

    @Option(help: "Disable a feature (accepted; unused)")
    public var disable: [String] = []

    @Option(name: [.customShort("r"), .long], help: "Paths to execpolicy rule files to evaluate (repeatable)")
    public var rules: [String] = []

    @Flag(help: "Pretty-print the JSON output")
    public var pretty = false

    @Flag(
        help:
            "Resolve absolute program paths against basename rules, gated by any `host_executable()` definitions in the loaded policy files"
    )
    public var resolveHostExecutables = false

    @Argument(parsing: .captureForPassthrough, help: "Command tokens to check against the policy")
    public var command: [String] = []

    public init() {}

    public mutating func validate() throws {
        if command.first == "--" { command.removeFirst() }
        if rules.isEmpty { throw ValidationError("Missing expected argument '--rules <PATH>'") }
        if command.isEmpty { throw ValidationError("Missing expected argument '<COMMAND>...'") }
    }

    public func run() async throws {
        let policy: ExecPolicy
        do {
            policy = try ExecPolicyFiles.load(files: rules)
        } catch {
            switch error {
            case .parse(let parse):
                StandardError.writeLine("Error: failed to parse policy at \(parse.path)\n\nCaused by:\n    \(parse)")
            default:
                StandardError.writeLine("Error: \(error)")
            }
            throw ExitStatus(code: 1)
        }
        let evaluation = policy.check([command], resolveHostExecutables: resolveHostExecutables)
        StandardStreams.writeOutput(ExecPolicyCheckOutput.render(evaluation, pretty: pretty) + "\n")
    }
}

/// The reference's JSON for an evaluation: `{"matchedRules":[{"prefixRuleMatch":{...}}],"decision":"..."}`
/// (key order kept; `decision` left out when nothing matched).
enum ExecPolicyCheckOutput {
    /// A JSON value whose object keys keep their order.
    indirect enum Node {
        case string(String)
        case array([Node])
        case object([(String, Node)])
    }

    static func render(_ evaluation: ExecPolicyEvaluation, pretty: Bool) -> String {
        var fields: [(String, Node)] = [("matchedRules", .array(evaluation.matchedRules.map(node)))]
        if let decision = evaluation.decision { fields.append(("decision", .string(decision.ruleName))) }
        return write(.object(fields), pretty: pretty, indent: 0)
    }

    private static func node(_ match: ExecPolicyRuleMatch) -> Node {
        switch match {
        case .prefixRule(let prefix, let decision, let justification):
            var fields: [(String, Node)] = [
                ("matchedPrefix", .array(prefix.map(Node.string))), ("decision", .string(decision.ruleName)),
            ]
            if let justification { fields.append(("justification", .string(justification))) }
            return .object([("prefixRuleMatch", .object(fields))])
        case .heuristics(let command, let decision):
            return .object([
                ("heuristicsRuleMatch", .object([("command", .array(command.map(Node.string))), ("decision", .string(decision.ruleName))]))
            ])
        }
    }

    private static func write(_ node: Node, pretty: Bool, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch node {
        case .string(let text):
            return JSONValue.string(text).serialized()
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            let parts = items.map { write($0, pretty: pretty, indent: indent + 1) }
            return pretty ? "[\n" + parts.map { pad + $0 }.joined(separator: ",\n") + "\n" + closePad + "]" : "[" + parts.joined(separator: ",") + "]"
        case .object(let fields):
            guard !fields.isEmpty else { return "{}" }
            let parts = fields.map { key, value in
                JSONValue.string(key).serialized() + (pretty ? ": " : ":") + write(value, pretty: pretty, indent: indent + 1)
            }
            return pretty ? "{\n" + parts.map { pad + $0 }.joined(separator: ",\n") + "\n" + closePad + "}" : "{" + parts.joined(separator: ",") + "}"
        }
    }
}
