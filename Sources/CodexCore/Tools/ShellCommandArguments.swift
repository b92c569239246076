import CodexProtocol

/// The parsed arguments of a `shell_command` call.
struct ShellCommandArguments: Sendable, Hashable {
    /// The reference's default command timeout when the model gives none.
    static let defaultTimeoutMilliseconds: Int64 = 10_000

    var command: String
    var workdir: String?
    var timeoutMilliseconds: Int64?
    var sandboxPermissions: SandboxPermissions
    var justification: String?
    /// The model's suggested prefix for an "always allow" rule (`prefix_rule`).
    var prefixRule: [String]?

    /// Reads the JSON arguments; the error text is what the model sees after
    /// "failed to parse function arguments: ".
    static func parse(_ arguments: String) throws(ToolArgumentError) -> ShellCommandArguments {
        let json: JSONValue
        do {
            json = try JSONParser.parse(arguments)
        } catch {
            throw ToolArgumentError("\(error)")
        }
        guard case .object = json else { throw ToolArgumentError("expected a JSON object") }
        guard let commandValue = json["command"], commandValue != .null else {
            throw ToolArgumentError("missing field `command`")
        }
        guard let command = commandValue.stringValue else {
            throw ToolArgumentError("invalid type for `command`: expected a string")
        }
        let workdir = try optionalString(json, "workdir")
        var timeout: Int64?
        if let value = json["timeout_ms"], value != .null {
            guard let number = value.doubleValue, number >= 0, number.isFinite else {
                throw ToolArgumentError("invalid value for `timeout_ms`: expected a non-negative number")
            }
            timeout = Int64(min(number, Double(Int64.max / 2)))
        }
        var permissions = SandboxPermissions.useDefault
        if let text = try optionalString(json, "sandbox_permissions") {
            guard let parsed = SandboxPermissions(rawValue: text) else {
                throw ToolArgumentError(
                    "unknown variant `\(text)` for `sandbox_permissions`, expected `use_default` or `require_escalated`"
                )
            }
            permissions = parsed
        }
        var prefixRule: [String]?
        if let value = json["prefix_rule"], value != .null {
            guard let items = value.arrayValue else {
                throw ToolArgumentError("invalid type for `prefix_rule`: expected a sequence")
            }
            prefixRule = try items.map { item throws(ToolArgumentError) in
                guard let word = item.stringValue else {
                    throw ToolArgumentError("invalid type for `prefix_rule`: expected a sequence of strings")
                }
                return word
            }
        }
        return ShellCommandArguments(
            command: command, workdir: workdir, timeoutMilliseconds: timeout, sandboxPermissions: permissions,
            justification: try optionalString(json, "justification"), prefixRule: prefixRule)
    }

    private static func optionalString(_ json: JSONValue, _ key: String) throws(ToolArgumentError) -> String? {
        guard let value = json[key], value != .null else { return nil }
        guard let text = value.stringValue else {
            throw ToolArgumentError("invalid type for `\(key)`: expected a string")
        }
        return text
    }
}

/// Why a tool call's arguments could not be read.
struct ToolArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// The tool output the model gets for this error.
    var modelOutput: String { "failed to parse function arguments: \(description)" }
}
