import ArgumentParser
import CodexConfig
import CodexCore
import CodexSandbox
import FoundationEssentials
import Glibc

/// The whole program behind the `codex` executable.
public enum CodexEntryPoint {
    /// Settles process-wide state while the process is still single-threaded: runs another
    /// personality when argv[0] asks for one (never returns then).
    ///
    /// - Important: Call first thing in `main`, before any task, thread or async work exists.
    public static func settleProcessState(arguments: [String]) {
        switch Arg0Personality.detect(arguments: arguments) {
        case .codex:
            loadDotEnv()
        case .linuxSandbox:
            LinuxSandboxHelper.main(arguments: arguments)
        case .applyPatch, .applyPatchFlag:
            exit(ApplyPatchCommand.main(arguments: arguments, standardInput: ApplyPatchCommand.readStandardInput))
        }
    }

    /// Exports `$CODEX_HOME/.env` (keys starting with `CODEX_` are skipped), as the
    /// reference does, over variables already set. Runs while the process is single-threaded: setenv is not thread-safe.
    private static func loadDotEnv() {
        guard let home = try? CodexHome.resolve(environment: ProcessInfo.processInfo.environment) else { return }
        for (key, value) in DotEnv.load(codexHome: home) { setenv(key, value, 1) }
    }

    /// Parses the command line and runs the chosen subcommand, then exits with its status.
    public static func runCommandLine(arguments: [String]) async -> Never {
        let hoisted = GlobalArgumentHoisting.hoist(Array(arguments.dropFirst()))
        do {
            var command = try CodexCommand.parseAsRoot(hoisted)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let status as ExitStatus {
            exit(status.code)
        } catch {
            // Usage errors exit 2, as the reference's argument parser does; help and --version exit 0.
            let code = CodexCommand.exitCode(for: error)
            if code == .validationFailure {
                StandardError.writeLine(CodexCommand.fullMessage(for: error))
                exit(2)
            }
            CodexCommand.exit(withError: error)
        }
    }
}
