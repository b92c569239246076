import CodexConfig
public import CodexProtocol
import FoundationEssentials

/// The settings a resume or fork was given explicitly (flags, request fields, `-c` keys); every other
/// setting comes back from the rollout's last turn context.
public struct ExplicitSettings: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let model = ExplicitSettings(rawValue: 1 << 0)
    public static let modelProvider = ExplicitSettings(rawValue: 1 << 1)
    public static let cwd = ExplicitSettings(rawValue: 1 << 2)
    public static let approvalPolicy = ExplicitSettings(rawValue: 1 << 3)
    public static let sandbox = ExplicitSettings(rawValue: 1 << 4)
    public static let reasoningEffort = ExplicitSettings(rawValue: 1 << 5)
    public static let reasoningSummary = ExplicitSettings(rawValue: 1 << 6)

    /// The settings a set of configuration overrides names: the dotted keys of `-c key=value` or of
    /// the app-server's `config` map (`model`, `sandbox_mode`, `sandbox_workspace_write.network_access`, ...).
    public init(configKeys: some Sequence<String>) {
        self = []
        for key in configKeys {
            let name = String(key.prefix { $0 != "=" }.filter { !$0.isWhitespace })
            switch name {
            case "model": insert(.model)
            case "model_provider": insert(.modelProvider)
            case "approval_policy": insert(.approvalPolicy)
            case "sandbox_mode": insert(.sandbox)
            case "model_reasoning_effort": insert(.reasoningEffort)
            case "model_reasoning_summary": insert(.reasoningSummary)
            default:
                if name.hasPrefix("sandbox_workspace_write.") || name == "sandbox_workspace_write" { insert(.sandbox) }
            }
        }
    }
}

extension ThreadSettings {
    /// These settings with the last turn's recorded ones put back where nothing explicit replaces them:
    /// cwd (when it still exists), approval policy, sandbox policy, model, reasoning effort and summary.
    /// A new model given explicitly keeps the configured effort, as the reference does.
    public func restoring(_ context: TurnContextRecord, keeping explicit: ExplicitSettings) -> ThreadSettings {
        var settings = self
        if !explicit.contains(.cwd), !context.cwd.isEmpty, FileManager.default.fileExists(atPath: context.cwd) {
            settings.cwd = context.cwd
        }
        if !explicit.contains(.approvalPolicy), let policy = AskForApproval(rawValue: context.approvalPolicy) {
            settings.approvalPolicy = policy
        }
        if !explicit.contains(.sandbox), let sandbox = SandboxSettings(rolloutPolicy: context.sandboxPolicy) {
            settings.sandbox = sandbox
        }
        if !explicit.contains(.model), !context.model.isEmpty {
            settings.model = context.model
            if !explicit.contains(.reasoningEffort) { settings.reasoningEffort = context.effort }
        }
        if !explicit.contains(.reasoningSummary) {
            settings.reasoningSummary = context.summary == "none" ? nil : context.summary
        }
        return settings
    }

    /// The `turn_context` record of a turn run with these settings.
    public func turnContextRecord(turnID: String?) -> TurnContextRecord {
        TurnContextRecord(
            turnID: turnID, cwd: cwd, approvalPolicy: approvalPolicy.rawValue, sandboxPolicy: sandbox.rolloutPolicy,
            model: model, effort: reasoningEffort, summary: reasoningSummary ?? "none")
    }
}

extension SandboxSettings {
    /// The sandbox policy as rollouts record it (`{"type":"workspace-write","network_access":false,...}`).
    public var rolloutPolicy: JSONValue {
        var object = JSONObject([("type", .string(mode.rawValue))])
        switch mode {
        case .readOnly:
            if networkAccess { object["network_access"] = true }
        case .workspaceWrite:
            if !writableRoots.isEmpty { object["writable_roots"] = .array(writableRoots.map(JSONValue.string)) }
            object["network_access"] = .bool(networkAccess)
            object["exclude_tmpdir_env_var"] = .bool(excludeTmpdirEnvVar)
            object["exclude_slash_tmp"] = .bool(excludeSlashTmp)
        case .dangerFullAccess:
            break
        }
        return .object(object)
    }

    /// The settings a recorded sandbox policy describes; nil for a shape this version does not know.
    public init?(rolloutPolicy: JSONValue) {
        guard let object = rolloutPolicy.objectValue, let type = object["type"]?.stringValue,
            let mode = SandboxMode(rawValue: type)
        else { return nil }
        let roots = object["writable_roots"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.init(
            mode: mode, writableRoots: mode == .workspaceWrite ? roots : [],
            networkAccess: object["network_access"]?.boolValue ?? false,
            excludeTmpdirEnvVar: object["exclude_tmpdir_env_var"]?.boolValue ?? false,
            excludeSlashTmp: object["exclude_slash_tmp"]?.boolValue ?? false)
    }
}

extension LoadedRollout {
    /// The usage of the last `token_count` record: the thread's running total and the last response's.
    public var lastTokenUsage: TokenUsageInfo? {
        for line in lines.reversed() {
            guard case .eventMsg(.tokenCount(let info, _)) = line.item else { continue }
            guard let total = info["total_token_usage"].flatMap(TokenUsage.init(rolloutJSON:)) else { continue }
            let last = info["last_token_usage"].flatMap(TokenUsage.init(rolloutJSON:)) ?? .zero
            return TokenUsageInfo(total: total, last: last, modelContextWindow: info["model_context_window"]?.intValue.map(Int.init))
        }
        return nil
    }
}

extension TokenUsage {
    /// Reads the snake_case object of a rollout `token_count`; nil when it is not one.
    init?(rolloutJSON value: JSONValue) {
        guard let object = value.objectValue, let input = object["input_tokens"]?.intValue,
            let output = object["output_tokens"]?.intValue
        else { return nil }
        let cached = object["cached_input_tokens"]?.intValue ?? 0
        let reasoning = object["reasoning_output_tokens"]?.intValue ?? 0
        self.init(
            inputTokens: Int(input), cachedInputTokens: Int(cached), outputTokens: Int(output),
            reasoningOutputTokens: Int(reasoning), totalTokens: Int(object["total_tokens"]?.intValue ?? input + output))
    }
}
