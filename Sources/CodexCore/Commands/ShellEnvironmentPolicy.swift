public import CodexConfig

/// Building the environment of spawned commands from `[shell_environment_policy]` (spec config.md §5.4).
extension ShellEnvironmentPolicy {
    /// The variable names `inherit = "core"` keeps.
    public static let coreVariables: Set<String> = [
        "HOME", "LOGNAME", "PATH", "SHELL", "USER", "USERNAME", "TMPDIR", "TEMP", "TMP",
    ]
    /// Patterns dropped when `ignore_default_excludes = false` is set explicitly.
    public static let defaultExcludes = ["*KEY*", "*SECRET*", "*TOKEN*"]
    /// Set in the child environment when the sandbox blocks network access.
    public static let networkDisabledVariable = "CODEX_SANDBOX_NETWORK_DISABLED"

    /// A policy with the given fields (the others as the config defaults them).
    public init(
        inherit: ShellEnvironmentInherit = .all,
        ignoreDefaultExcludes: Bool? = nil,
        exclude: [String] = [],
        set: [String: String] = [:],
        includeOnly: [String] = []
    ) {
        self.init()
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
