/// How the environment of spawned commands is built (`[shell_environment_policy]`, spec config.md §5.4).
public struct ShellEnvironmentPolicy: Sendable, Hashable {
    /// Which parent variables start the environment.
    public enum Inherit: String, Sendable, Hashable, Codable, CaseIterable {
        case all
        /// Only `HOME LOGNAME PATH SHELL USER USERNAME TMPDIR TEMP TMP`.
        case core
        case none
    }

    /// The variable names `inherit = "core"` keeps.
    public static let coreVariables: Set<String> = [
        "HOME", "LOGNAME", "PATH", "SHELL", "USER", "USERNAME", "TMPDIR", "TEMP", "TMP",
    ]
    /// Patterns dropped when `ignore_default_excludes = false` is set explicitly.
    public static let defaultExcludes = ["*KEY*", "*SECRET*", "*TOKEN*"]
    /// Set in the child environment when the sandbox blocks network access.
    public static let networkDisabledVariable = "CODEX_SANDBOX_NETWORK_DISABLED"

    public var inherit: Inherit
    /// nil when the key is absent: 0.163.0 then keeps `*KEY*`/`*SECRET*`/`*TOKEN*` variables.
    public var ignoreDefaultExcludes: Bool?
    public var exclude: [String]
    public var set: [String: String]
    public var includeOnly: [String]

    public init(
        inherit: Inherit = .all,
        ignoreDefaultExcludes: Bool? = nil,
        exclude: [String] = [],
        set: [String: String] = [:],
        includeOnly: [String] = []
    ) {
        self.inherit = inherit
        self.ignoreDefaultExcludes = ignoreDefaultExcludes
        self.exclude = exclude
        self.set = set
        self.includeOnly = includeOnly
    }

    /// The child environment built from the parent's: inherit, default excludes (only when
    /// `ignoreDefaultExcludes == false`), `exclude`, `set`, `include_only`; then
    /// `CODEX_SANDBOX_NETWORK_DISABLED=1` when `networkDisabled`.
    public func apply(to parent: [String: String], networkDisabled: Bool = false) -> [String: String] {
        var environment: [String: String]
        switch inherit {
        case .all: environment = parent
        case .core: environment = parent.filter { Self.coreVariables.contains($0.key) }
        case .none: environment = [:]
        }
        if ignoreDefaultExcludes == false {
            let globs = Self.defaultExcludes.map(EnvironmentNameGlob.init)
            environment = environment.filter { name, _ in !globs.contains { $0.matches(name) } }
        }
        if !exclude.isEmpty {
            let globs = exclude.map(EnvironmentNameGlob.init)
            environment = environment.filter { name, _ in !globs.contains { $0.matches(name) } }
        }
        environment.merge(set) { _, new in new }
        if !includeOnly.isEmpty {
            let globs = includeOnly.map(EnvironmentNameGlob.init)
            environment = environment.filter { name, _ in globs.contains { $0.matches(name) } }
        }
        if networkDisabled {
            environment[Self.networkDisabledVariable] = "1"
        }
        return environment
    }
}
