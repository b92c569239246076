import Glibc

/// `codex sandbox [--] CMD...`: runs one command under the sandbox with stdio passed through.
public enum SandboxCLIRunner {
    /// Runs `argv` under `policy` (policy cwd and command cwd = `cwd`) through the helper personality
    /// of `executablePath` (normally the codex binary). Returns the command's exit code, 128+signal
    /// when a signal ended it, or 1 after printing a one-line error when it could not be started.
    public static func runCommand(
        _ argv: [String], policy: SandboxPolicy, cwd: String, executablePath: String
    ) -> Int32 {
        guard !argv.isEmpty else {
            writeStderr("Error: no command given to run in the sandbox")
            return 1
        }
        let launch = SandboxCommandBuilder.build(
            command: argv, policy: policy, policyCwd: cwd, helperExecutable: executablePath)
        var environment = currentEnvironment()
        environment.merge(launch.environmentOverrides) { _, new in new }
        let request = LaunchRequest(
            executable: launch.executablePath, arguments: launch.arguments, searchesPath: launch.searchesPath,
            environment: environment, workingDirectory: cwd)

        // Like system(3): a terminal's Ctrl-C reaches the child (same process group); the parent
        // only waits for it and reports how it ended.
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        let pid: pid_t
        do {
            pid = try ProcessLauncher.spawnInheriting(request)
        } catch {
            writeStderr("Error: \(error.description)")
            return 1
        }
        return ProcessLauncher.waitForExit(pid)
    }
}
