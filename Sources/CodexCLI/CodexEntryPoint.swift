import ArgumentParser
import CodexConfig
import CodexCore
import CodexSandbox
import CodexProtocol
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

/// The whole program behind the `codex` executable.
public enum CodexEntryPoint {
    /// Answers `codex --version` (or `-V`) straight from the C argv, before `CommandLine.arguments` is built:
    /// the answer needs no Swift strings, arrays or type metadata, and the runtime machinery they would wake
    /// roughly doubles the pages such a run touches. Returns without effect for any other command line, and
    /// when argv[0] names another personality (`codex-linux-sandbox`, `apply_patch`).
    public static func answerVersionRequest(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) {
        guard argc == 2, let program = argv[0], let flag = argv[1] else { return }
        guard strcmp(flag, "--version") == 0 || strcmp(flag, "-V") == 0 else { return }
        let base = strrchr(program, Int32(UInt8(ascii: "/"))).map { $0 + 1 } ?? program
        if strcmp(base, "codex-linux-sandbox") == 0 || strcmp(base, "apply_patch") == 0
            || strcmp(base, "applypatch") == 0
        {
            return
        }
        let line = CodexCommand.versionLine
        _ = write(1, line.utf8Start, line.utf8CodeUnitCount)
        exit(0)
    }

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

    /// Runs the command line on the concurrency runtime's threads while the calling (main) thread waits for its
    /// exit status, then exits with it.
    ///
    /// Why not an async `main` that awaits the command: an async main hands the main thread to `dispatch_main`,
    /// which parks it with `pthread_exit`. That unwinds the thread's stack, and in a statically linked binary
    /// libgcc first sorts every unwind entry of the binary for it: about 30 ms of CPU on every run.
    public static func runCommandLineToExit(arguments: [String]) -> Never {
        let status = Mutex<Int32>(1)
        let finished = DispatchSemaphore(value: 0)
        Task {
            let code = await runCommandLine(arguments: arguments)
            status.withLock { $0 = code }
            finished.signal()
        }
        finished.wait()
        exit(status.withLock { $0 })
    }

    /// Parses the command line and runs the chosen subcommand; returns its exit status.
    public static func runCommandLine(arguments: [String]) async -> Int32 {
        if let direct = DirectInvocation.recognize(Array(arguments.dropFirst())) {
            return await direct.run()
        }
        let hoisted = GlobalArgumentHoisting.hoist(Array(arguments.dropFirst()))
        do {
            var command = try CodexCommand.parseAsRoot(hoisted)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let status as ExitStatus {
            return status.code
        } catch {
            // Usage errors exit 2, as the reference's argument parser does; help and --version exit 0.
            let code = CodexCommand.exitCode(for: error)
            var message = CodexCommand.fullMessage(for: error)
            if code == .validationFailure {
                StandardError.writeLine(message)
                return 2
            }
            if code == .success {
                message = DefaultSubcommandHelp.expand(message)
                if !message.isEmpty { StandardStreams.writeOutput(message + "\n") }
            } else if !message.isEmpty {
                StandardError.writeLine(message)
            }
            return code.rawValue
        }
    }
}
