import CodexBasics
import CodexConfig
import CodexCore
import CodexProtocol
import CodexSandbox

/// `command/exec`: runs one command outside any thread, under the sandbox policy of the request
/// (else the configured one), and answers with its exit code and output once it has exited.
///
/// Not done: the streaming extras (`processId` with `command/exec/outputDelta`, `/write`, `/resize`,
/// `/terminate`) and `tty`; a `processId` only serializes requests that share it.
struct CommandExecService: Sendable {
    let host: any AppServerServiceHost
    /// The reference's default limit for a one-off command.
    static let defaultTimeoutMilliseconds: Int64 = 10_000
    /// Bytes kept per stream unless the request says otherwise.
    static let defaultOutputCap = 1 << 20

    func run(_ params: AppServerV2.CommandExecParams) async throws(JSONRPCErrorObject) -> AppServerV2.CommandExecResponse {
        guard !params.command.isEmpty else { throw .invalidRequest("command must not be empty") }
        let config: Config
        do {
            config = try ConfigLoader.load(host.configLoadOptions(cwd: host.defaultCwd)).config
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
        let cwd = params.cwd.map { AbsolutePath($0, relativeTo: AbsolutePath(normalizing: config.cwd)).string } ?? config.cwd
        let policy = params.sandboxPolicy.map(Self.corePolicy) ?? SandboxSettings(config: config).policy
        var environment = config.shellEnvironmentPolicy.apply(
            to: host.environment, networkDisabled: !policy.hasFullNetworkAccess)
        for (name, value) in params.env ?? [:] {
            environment[name] = value
        }
        let launch = SandboxCommandBuilder.build(
            command: params.command, policy: policy, policyCwd: cwd, helperExecutable: host.sandboxHelperExecutable)
        environment.merge(launch.environmentOverrides) { _, override in override }
        let sandboxed = policy != .dangerFullAccess
        var timeout: Duration?
        if params.disableTimeout != true {
            timeout = .milliseconds(max(params.timeoutMs ?? Self.defaultTimeoutMilliseconds, 1))
        }
        var cap = Self.defaultOutputCap
        if params.disableOutputCap == true {
            cap = Int.max / 2
        } else if let requested = params.outputBytesCap {
            cap = Int(clamping: max(requested, 0))
        }
        let invocation = CommandInvocation(
            executable: launch.executablePath, arguments: Array(launch.arguments.dropFirst()),
            argv0: sandboxed ? launch.arguments.first : nil, cwd: cwd, environment: environment, timeout: timeout,
            outputLimitBytes: cap)
        let outcome: CommandOutcome
        do {
            outcome = try await CommandRunner.run(invocation)
        } catch {
            throw .internalError("exec failed: \(error)")
        }
        return AppServerV2.CommandExecResponse(exitCode: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr)
    }

    /// The wire policy as the sandbox helper takes it.
    static func corePolicy(_ policy: AppServerV2.SandboxPolicy) -> SandboxPolicy {
        switch policy {
        case .dangerFullAccess:
            return .dangerFullAccess
        case .readOnly(let networkAccess):
            return .readOnly(networkAccess: networkAccess)
        case .externalSandbox(let networkAccess):
            return .externalSandbox(networkAccess: networkAccess == .enabled ? .enabled : .restricted)
        case .workspaceWrite(let workspace):
            return .workspaceWrite(
                SandboxPolicy.WorkspaceWrite(
                    writableRoots: workspace.writableRoots, networkAccess: workspace.networkAccess,
                    excludeTmpdirEnvVar: workspace.excludeTmpdirEnvVar, excludeSlashTmp: workspace.excludeSlashTmp))
        }
    }
}
