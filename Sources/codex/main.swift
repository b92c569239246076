// The `codex` executable. Process state (the arg0 personality) is settled first, while the
// process is still single-threaded; only then does async work begin, on the runtime's threads.
import CodexCLI

CodexEntryPoint.answerVersionRequest(argc: CommandLine.argc, argv: CommandLine.unsafeArgv)
CodexEntryPoint.settleProcessState(arguments: CommandLine.arguments)
CodexEntryPoint.runCommandLineToExit(arguments: CommandLine.arguments)
