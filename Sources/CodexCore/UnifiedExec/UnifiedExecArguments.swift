import CodexProtocol

/// The parsed arguments of an `exec_command` call.
struct ExecCommandArguments: Sendable, Hashable {
    /// The reference's default wait before `exec_command` returns.
    static let defaultYieldMilliseconds = 10_000

    var cmd: String
    var workdir: String?
    var shell: String?
    var login: Bool
    var tty: Bool
    var yieldMilliseconds: Int
    var maxOutputTokens: Int
    var sandboxPermissions: SandboxPermissions
    var justification: String?

    /// Reads the JSON arguments; the error text follows "failed to parse function arguments: ".
    static func parse(_ arguments: String) throws(ToolArgumentError) -> ExecCommandArguments {
        let json = try ToolArguments.object(arguments)
        guard let cmd = try ToolArguments.string(json, "cmd") else { throw ToolArgumentError("missing field `cmd`") }
        var permissions = SandboxPermissions.useDefault
        if let text = try ToolArguments.string(json, "sandbox_permissions") {
            guard let parsed = SandboxPermissions(rawValue: text) else {
                throw ToolArgumentError(
                    "unknown variant `\(text)` for `sandbox_permissions`, expected `use_default` or `require_escalated`")
            }
            permissions = parsed
        }
        return ExecCommandArguments(
            cmd: cmd, workdir: try ToolArguments.string(json, "workdir"), shell: try ToolArguments.string(json, "shell"),
            login: try ToolArguments.bool(json, "login") ?? true, tty: try ToolArguments.bool(json, "tty") ?? false,
            yieldMilliseconds: try ToolArguments.count(json, "yield_time_ms") ?? defaultYieldMilliseconds,
            maxOutputTokens: try ToolArguments.count(json, "max_output_tokens") ?? UnifiedExecOutput.defaultMaxOutputTokens,
            sandboxPermissions: permissions, justification: try ToolArguments.string(json, "justification"))
    }
}

/// The parsed arguments of a `write_stdin` call.
struct WriteStdinArguments: Sendable, Hashable {
    /// The reference's default wait after a non-empty write.
    static let defaultYieldMilliseconds = 250

    var sessionID: Int
    var chars: String
    var yieldMilliseconds: Int
    var maxOutputTokens: Int

    static func parse(_ arguments: String) throws(ToolArgumentError) -> WriteStdinArguments {
        let json = try ToolArguments.object(arguments)
        guard let sessionID = try ToolArguments.count(json, "session_id") else {
            throw ToolArgumentError("missing field `session_id`")
        }
        return WriteStdinArguments(
            sessionID: sessionID, chars: try ToolArguments.string(json, "chars") ?? "",
            yieldMilliseconds: try ToolArguments.count(json, "yield_time_ms") ?? defaultYieldMilliseconds,
            maxOutputTokens: try ToolArguments.count(json, "max_output_tokens") ?? UnifiedExecOutput.defaultMaxOutputTokens)
    }
}

/// Typed reads of a tool call's JSON arguments, with the messages the model sees.
enum ToolArguments {
    static func object(_ arguments: String) throws(ToolArgumentError) -> JSONValue {
        let json: JSONValue
        do {
            json = try JSONParser.parse(arguments)
        } catch {
            throw ToolArgumentError("\(error)")
        }
        guard case .object = json else { throw ToolArgumentError("expected a JSON object") }
        return json
    }

    static func string(_ json: JSONValue, _ key: String) throws(ToolArgumentError) -> String? {
        guard let value = json[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw ToolArgumentError("invalid type for `\(key)`: expected a string") }
        return text
    }

    static func bool(_ json: JSONValue, _ key: String) throws(ToolArgumentError) -> Bool? {
        guard let value = json[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw ToolArgumentError("invalid type for `\(key)`: expected a boolean") }
        return flag
    }

    /// A non-negative whole number (fractions are dropped; huge values saturate).
    static func count(_ json: JSONValue, _ key: String) throws(ToolArgumentError) -> Int? {
        guard let value = json[key], value != .null else { return nil }
        guard let number = value.doubleValue, number.isFinite, number >= 0 else {
            throw ToolArgumentError("invalid value for `\(key)`: expected a non-negative number")
        }
        return Int(min(number, Double(Int32.max)))
    }
}
