import CodexBasics
public import CodexProtocol

/// The dedicated CLI flags that apply after every layer (`-m`, `-s`, `-a`, `-C`, `--enable`, ...).
public struct ConfigOverrides: Sendable, Equatable {
    public var model: String?
    public var modelProvider: String?
    public var sandboxMode: SandboxMode?
    public var approvalPolicy: AskForApproval?
    /// `--cd`: the working directory, relative to the process cwd.
    public var cwd: String?
    /// `--enable FEATURE`: `features.FEATURE = true`.
    public var enabledFeatures: [String] = []
    /// `--disable FEATURE`: `features.FEATURE = false` (wins over `--enable` of the same name).
    public var disabledFeatures: [String] = []
    /// workspace-write + on-request.
    public var fullAuto = false
    /// danger-full-access + never (wins over `fullAuto`).
    public var dangerouslyBypassApprovalsAndSandbox = false

    public init() {}
}

/// Everything `ConfigLoader.load` reads: where the files are, the raw `-c` strings and the flags.
public struct ConfigLoadOptions: Sendable {
    public var codexHome: CodexHome
    /// The process working directory (absolute); `-c` paths and `--cd` resolve against it.
    public var cwd: String
    /// Raw `-c key=value` strings, in command-line order.
    public var cliOverrides: [String] = []
    /// `--profile NAME`.
    public var profile: String?
    /// `--strict-config`: unknown keys are errors.
    public var strict = false
    public var overrides = ConfigOverrides()
    /// The process environment (HOME for `~`, OPENAI_BASE_URL, CODEX_OSS_*).
    public var environment: [String: String]
    public var systemConfigPath = "/etc/codex/config.toml"
    public var managedConfigPath = "/etc/codex/managed_config.toml"
    public var requirementsPath = "/etc/codex/requirements.toml"

    public init(codexHome: CodexHome, cwd: String, environment: [String: String]) {
        self.codexHome = codexHome
        self.cwd = cwd
        self.environment = environment
    }
}

/// The result of loading: the typed config, every layer with its source, the merged tree and its origins.
public struct LoadedConfig: Sendable {
    public let config: Config
    /// All layers, lowest precedence first; disabled project layers included (see `disabledReason`).
    public let layers: [ConfigLayer]
    /// The enabled layers folded together (snake_case keys as in config.toml). Legacy profile tables and
    /// dedicated flags are not folded in: they only shape `config`.
    public let merged: JSONValue
    /// Dotted key path -> the layer that supplied it, for every leaf of `merged`.
    public let origins: [String: ConfigLayerSource]

    /// The layer that supplied a key path of `merged`; for a table, the source of its first leaf.
    public func origin(of keyPath: String) -> ConfigLayerSource? {
        if let exact = origins[keyPath] { return exact }
        let prefix = keyPath + "."
        return origins.keys.filter { $0.hasPrefix(prefix) }.min().flatMap { origins[$0] }
    }
}

/// Builds the effective configuration from the layer stack.
///
/// Layers, lowest first: system config < user config < `--profile` file < trusted project layers
/// (root to cwd) < `-c` flags < managed config. Then the legacy `[profiles.NAME]` table overrides
/// top-level keys, then dedicated flags, then requirements are enforced.
public enum ConfigLoader {
    public static let defaultProjectRootMarkers = [".git"]

    public static func load(_ options: ConfigLoadOptions) throws(ConfigError) -> LoadedConfig {
        let home = options.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let processCwd = AbsolutePath(configValue: options.cwd, relativeTo: .root, home: home).string
        var sessionOverrides: [ConfigOverride] = []
        for raw in options.cliOverrides { sessionOverrides.append(try ConfigOverride.parse(raw)) }

        var layers: [ConfigLayer] = []
        let systemFile = options.systemConfigPath
        layers.append(
            ConfigLayer(source: .system(file: systemFile), config: try ConfigFileReader.readLayer(file: systemFile, home: home) ?? JSONObject()))
        let userFile = options.codexHome.appending("config.toml")
        layers.append(
            ConfigLayer(source: .user(file: userFile), config: try ConfigFileReader.readLayer(file: userFile, home: home) ?? JSONObject()))
        if let profile = options.profile {
            guard !profile.isEmpty, !profile.contains("/"), profile != ".", profile != ".." else {
                throw ConfigError(kind: .unknownProfile, message: "invalid profile name `\(profile)`")
            }
            let file = options.codexHome.appending("\(profile).config.toml")
            if let table = try ConfigFileReader.readLayer(file: file, home: home) {
                layers.append(ConfigLayer(source: .profile(name: profile, file: file), config: table))
            }
        }

        let cwd =
            options.overrides.cwd.map {
                AbsolutePath(configValue: $0, relativeTo: AbsolutePath(normalizing: processCwd), home: home).string
            } ?? processCwd
        var beforeProjects = SourcedTree()
        for layer in layers { beforeProjects.merge(layer: layer) }
        let markers = try projectRootMarkers(ConfigReader(tree: beforeProjects))
        let project = ProjectContext.discover(cwd: cwd, markers: markers)
        layers += try ProjectLayers.load(
            cwd: cwd, context: project, projects: beforeProjects.root["projects"]?.objectValue, userConfigFile: userFile,
            codexHome: options.codexHome.path, home: home)

        if !sessionOverrides.isEmpty {
            var table = JSONObject()
            for override in sessionOverrides { table.setValue(override.value, at: override.keyPath) }
            layers.append(
                ConfigLayer(source: .sessionFlags, config: PathFields.resolve(in: table, base: AbsolutePath(normalizing: processCwd), home: home)))
        }
        var managedLayer: ConfigLayer?
        if let table = try ConfigFileReader.readLayer(file: options.managedConfigPath, home: home) {
            let layer = ConfigLayer(source: .legacyManagedConfig(file: options.managedConfigPath), config: table)
            layers.append(layer)
            managedLayer = layer
        }

        if options.strict {
            for layer in layers where layer.isEnabled {
                if let unknown = KeySchema.configToml.firstUnknownKey(in: layer.config) {
                    throw .unknownField(unknown, source: layer.source.displayName)
                }
            }
        }

        var merged = SourcedTree()
        for layer in layers where layer.isEnabled { merged.merge(layer: layer) }
        let (effective, activeProfile) = try applyLegacyProfile(to: merged, cliProfile: options.profile)
        let requirements = try ConfigRequirements.load(requirementsPath: options.requirementsPath, managedLayer: managedLayer)
        let config = try ConfigBuilder(
            reader: ConfigReader(tree: effective), options: options, cwd: cwd, project: project,
            activeProfile: activeProfile, requirements: requirements
        ).build()
        return LoadedConfig(
            config: config, layers: layers, merged: .object(merged.root),
            origins: merged.origins.mapValues(\.source))
    }

    private static func projectRootMarkers(_ reader: ConfigReader) throws(ConfigError) -> [String] {
        guard reader.value(["project_root_markers"]) != nil else { return defaultProjectRootMarkers }
        guard let markers = try? reader.stringArray(["project_root_markers"]) else {
            throw reader.invalid(["project_root_markers"], "project_root_markers must be an array of strings")
        }
        return markers
    }

    /// Overlays `[profiles.NAME]` on the top-level keys. NAME is `--profile`, else the top-level `profile` key.
    /// A `--profile` naming no table is fine (it may name only a file); a `profile` key naming none is an error.
    private static func applyLegacyProfile(to tree: SourcedTree, cliProfile: String?) throws(ConfigError)
        -> (SourcedTree, String?)
    {
        let reader = ConfigReader(tree: tree)
        let configuredProfile = try reader.string(["profile"])
        guard let name = cliProfile ?? configuredProfile else { return (tree, nil) }
        let path = ["profiles", name]
        guard let table = try reader.table(path) else {
            if cliProfile != nil { return (tree, nil) }
            throw ConfigError(
                kind: .unknownProfile,
                message: "config profile `\(name)` not found (set by `profile` in \(reader.sourceName(["profile"])))")
        }
        var effective = tree
        effective.merge(table) { dotted in
            let original = (path + [dotted]).joined(separator: ".")
            return tree.origins[original] ?? ValueOrigin(source: .sessionFlags, keyPath: original)
        }
        return (effective, name)
    }
}
