import CodexConfig
import CodexProtocol

/// A tool call that cannot go ahead; its message becomes the `isError` result's text.
struct ToolCallError: Error, Sendable, Hashable {
    let message: String
    /// The thread the call named or started, for `structuredContent.threadId`.
    var threadID: String?
}

/// The arguments of a `codex` call (kebab-case, as upstream's `CodexToolCallParam`).
struct CodexToolArguments: Sendable, Hashable {
    var prompt: String
    var model: String?
    var profile: String?
    var cwd: String?
    var approvalPolicy: AskForApproval?
    var sandbox: SandboxMode?
    /// Dotted config keys to JSON values, applied like `-c`.
    var config: JSONValue?
    var baseInstructions: String?
    var developerInstructions: String?
    var compactPrompt: String?

    /// Reads the call's arguments; unknown members (e.g. the retired `include-plan-tool`) are ignored.
    init(_ arguments: JSONObject?) throws(ToolCallError) {
        guard let arguments else {
            throw ToolCallError(message: "Missing arguments for codex tool-call; the `prompt` field is required.")
        }
        let reader = ArgumentReader(arguments)
        prompt = try reader.requiredString("prompt")
        model = try reader.string("model")
        profile = try reader.string("profile")
        cwd = try reader.string("cwd")
        approvalPolicy = try reader.enumeration("approval-policy", AskForApproval.self)
        sandbox = try reader.enumeration("sandbox", SandboxMode.self)
        config = try reader.object("config")
        baseInstructions = try reader.string("base-instructions")
        developerInstructions = try reader.string("developer-instructions")
        compactPrompt = try reader.string("compact-prompt")
    }
}

/// The arguments of a `codex-reply` call.
struct ReplyToolArguments: Sendable, Hashable {
    var prompt: String
    var threadID: String

    /// Reads the call's arguments: `threadId`, else the deprecated `conversationId`, else the older `sessionId`.
    init(_ arguments: JSONObject?) throws(ToolCallError) {
        guard let arguments else {
            throw ToolCallError(
                message: "Missing arguments for codex-reply tool-call; the `threadId` and `prompt` fields are required.")
        }
        let reader = ArgumentReader(arguments)
        prompt = try reader.requiredString("prompt")
        let threadIDArgument = try reader.string("threadId")
        let conversationID = try reader.string("conversationId")
        let sessionID = try reader.string("sessionId")
        guard let named = threadIDArgument ?? conversationID ?? sessionID else { throw ToolCallError(message: "either threadId or conversationId must be provided") }
        threadID = named
    }
}

/// Typed reads of tool arguments with serde's wording for what is wrong.
private struct ArgumentReader {
    let arguments: JSONObject

    init(_ arguments: JSONObject) {
        self.arguments = arguments
    }

    func requiredString(_ key: String) throws(ToolCallError) -> String {
        guard let value = try string(key) else { throw Self.failure("missing field `\(key)`") }
        return value
    }

    func string(_ key: String) throws(ToolCallError) -> String? {
        switch arguments[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw Self.failure("invalid type: \(Self.describe(other)), expected a string", key: key)
        }
    }

    func object(_ key: String) throws(ToolCallError) -> JSONValue? {
        switch arguments[key] {
        case nil, .null?: return nil
        case let value? where value.objectValue != nil: return value
        case let other?: throw Self.failure("invalid type: \(Self.describe(other)), expected a map", key: key)
        }
    }

    func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(ToolCallError)
        -> Value? where Value.RawValue == String
    {
        guard let text = try string(key) else { return nil }
        guard let value = Value(rawValue: text) else {
            let expected = Value.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw Self.failure("unknown variant `\(text)`, expected one of \(expected)", key: key)
        }
        return value
    }

    private static func failure(_ detail: String, key: String? = nil) -> ToolCallError {
        let located = key.map { "\($0): \(detail)" } ?? detail
        return ToolCallError(message: "Failed to parse configuration for Codex tool: \(located)")
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "boolean `\(flag)`"
        case .int(let number): return "integer `\(number)`"
        case .double(let number): return "floating point `\(number)`"
        case .string(let text): return "string \"\(text)\""
        case .array: return "sequence"
        case .object: return "map"
        }
    }
}
