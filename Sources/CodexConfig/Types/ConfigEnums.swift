/// A closed set of string values in config.toml; decoding reports the allowed spellings.
public protocol ConfigEnum: RawRepresentable, CaseIterable, Sendable, Hashable, Codable where RawValue == String {}

extension ConfigEnum {
    /// The allowed spellings, comma-separated, for error messages.
    static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// How much of the filesystem model commands may touch (`sandbox_mode`).
public enum SandboxMode: String, ConfigEnum {
    case readOnly = "read-only"
    case workspaceWrite = "workspace-write"
    case dangerFullAccess = "danger-full-access"
}

/// When the user is asked before a command runs (`approval_policy`).
public enum AskForApproval: String, ConfigEnum {
    /// Only known-safe read-only commands run without asking.
    case untrusted
    /// Run sandboxed; ask to rerun without the sandbox when that fails.
    case onFailure = "on-failure"
    /// The model decides when to ask.
    case onRequest = "on-request"
    /// Never ask; failures go back to the model.
    case never
}

/// `model_reasoning_effort`.
public enum ReasoningEffort: String, ConfigEnum {
    case none, minimal, low, medium, high, xhigh
}

/// `model_reasoning_summary`.
public enum ReasoningSummary: String, ConfigEnum {
    case auto, concise, detailed, none
}

/// `web_search`: whether the model gets the provider's `web_search` tool, and with live or cached results.
public enum WebSearchMode: String, ConfigEnum {
    case disabled, cached, live
}

/// `model_verbosity` (sent as `text.verbosity`).
public enum Verbosity: String, ConfigEnum {
    case low, medium, high
}

/// `projects."<path>".trust_level`.
public enum TrustLevel: String, ConfigEnum {
    case trusted, untrusted
}

/// `cli_auth_credentials_store`: where login credentials are kept.
public enum AuthCredentialsStoreMode: String, ConfigEnum {
    case file, keyring, auto
}

/// `forced_login_method`.
public enum ForcedLoginMethod: String, ConfigEnum {
    case chatgpt, api
}

/// `model_providers.<id>.wire_api`: which HTTP API the provider speaks.
public enum WireAPI: String, ConfigEnum {
    /// `POST {base_url}/responses`.
    case responses
    /// `POST {base_url}/chat/completions` (kept in this port; 0.163 removed it).
    case chat
}

/// `history.persistence`.
public enum HistoryPersistence: String, ConfigEnum {
    case saveAll = "save-all"
    case none
}

/// `shell_environment_policy.inherit`: the starting environment of spawned commands.
public enum ShellEnvironmentInherit: String, ConfigEnum {
    case all, core, none
}
