// The `codex` executable. Process state (the arg0 personality) is settled first, while the
// process is still single-threaded; only then does async work begin.
import CodexCLI

CodexEntryPoint.settleProcessState(arguments: CommandLine.arguments)
await CodexEntryPoint.runCommandLine(arguments: CommandLine.arguments)
