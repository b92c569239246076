public import CodexProtocol

/// Where one configuration layer came from.
public enum ConfigLayerSource: Sendable, Hashable {
    /// `/etc/codex/config.toml` (or the path given in the load options).
    case system(file: String)
    /// `$CODEX_HOME/config.toml`.
    case user(file: String)
    /// `$CODEX_HOME/NAME.config.toml`, selected with `--profile NAME`.
    case profile(name: String, file: String)
    /// `<dir>/.codex/config.toml` of a project between its root and the cwd.
    case project(dotCodexFolder: String)
    /// The `-c key=value` arguments of this invocation.
    case sessionFlags
    /// `/etc/codex/managed_config.toml`, the legacy admin-managed layer.
    case legacyManagedConfig(file: String)

    /// The file this layer was read from, if any.
    public var file: String? {
        switch self {
        case .system(let file), .user(let file), .profile(_, let file), .legacyManagedConfig(let file): return file
        case .project(let folder): return folder.hasSuffix("/") ? folder + "config.toml" : folder + "/config.toml"
        case .sessionFlags: return nil
        }
    }

    /// How messages name this source: the file path, or `-c/--config override`.
    public var displayName: String { file ?? "-c/--config override" }
}

extension ConfigLayerSource {
    /// The app-server wire form: `{"type": "user", "file": ...}` and friends.
    public var wireValue: JSONValue {
        switch self {
        case .system(let file): return ["type": "system", "file": .string(file)]
        case .user(let file): return ["type": "user", "file": .string(file)]
        case .profile(let name, let file): return ["type": "user", "file": .string(file), "profile": .string(name)]
        case .project(let folder): return ["type": "project", "dotCodexFolder": .string(folder)]
        case .sessionFlags: return ["type": "sessionFlags"]
        case .legacyManagedConfig(let file): return ["type": "legacyManagedConfigTomlFromFile", "file": .string(file)]
        }
    }
}

/// One configuration layer: its source, its TOML tree (relative paths already made absolute) and,
/// when it does not take part in the merge, why.
public struct ConfigLayer: Sendable, Equatable {
    public let source: ConfigLayerSource
    /// The layer's table as JSON (TOML datetimes become strings).
    public let config: JSONObject
    /// Set when the layer is kept for display but not merged (an untrusted project).
    public let disabledReason: String?

    public init(source: ConfigLayerSource, config: JSONObject, disabledReason: String? = nil) {
        self.source = source
        self.config = config
        self.disabledReason = disabledReason
    }

    public var isEnabled: Bool { disabledReason == nil }
}
