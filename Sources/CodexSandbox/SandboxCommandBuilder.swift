/// One command ready to spawn: the program to exec, its full argv (argv[0] may differ from the
/// program path) and the environment variables to add.
public struct SandboxedCommand: Sendable, Equatable {
    /// Path (or, when `searchesPath`, bare name) of the program to exec.
    public var executablePath: String
    /// The complete argv, argv[0] included.
    public var arguments: [String]
    /// True when `executablePath` must be looked up in PATH (the unsandboxed direct case).
    public var searchesPath: Bool
    /// Variables to set on top of the command's environment.
    public var environmentOverrides: [String: String]

    public init(executablePath: String, arguments: [String], searchesPath: Bool, environmentOverrides: [String: String]) {
        self.executablePath = executablePath
        self.arguments = arguments
        self.searchesPath = searchesPath
        self.environmentOverrides = environmentOverrides
    }
}

/// Builds the argv that runs a command through the `codex-linux-sandbox` helper (reference layout:
/// `codex-linux-sandbox --sandbox-policy-cwd CWD --sandbox-policy JSON -- CMD...`).
public enum SandboxCommandBuilder {
    /// Set to "1" for sandboxed commands whenever the network is not fully allowed.
    public static let networkDisabledVariable = "CODEX_SANDBOX_NETWORK_DISABLED"
    /// The running executable; exec'ing it keeps working even if the file is replaced meanwhile.
    public static let currentExecutable = "/proc/self/exe"

    /// The launch for `command` under `policy`. danger-full-access runs the command directly; every
    /// other policy goes through `helperExecutable` (the codex binary) with argv[0] set to
    /// `codex-linux-sandbox`, or the full path when the binary already has that name.
    public static func build(
        command: [String], policy: SandboxPolicy, policyCwd: String,
        helperExecutable: String = currentExecutable
    ) -> SandboxedCommand {
        var environment: [String: String] = [:]
        if !policy.hasFullNetworkAccess { environment[networkDisabledVariable] = "1" }

        if policy == .dangerFullAccess {
            return SandboxedCommand(
                executablePath: command.first ?? "", arguments: command, searchesPath: true,
                environmentOverrides: environment)
        }
        let baseName = helperExecutable.split(separator: "/").last.map(String.init) ?? helperExecutable
        let argv0 = baseName == LinuxSandboxHelper.arg0Name ? helperExecutable : LinuxSandboxHelper.arg0Name
        let arguments =
            [argv0, "--sandbox-policy-cwd", policyCwd, "--sandbox-policy", policy.jsonString(), "--"] + command
        return SandboxedCommand(
            executablePath: helperExecutable, arguments: arguments, searchesPath: false,
            environmentOverrides: environment)
    }
}
