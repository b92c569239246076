// The `codex` executable: settle process state (arg0 personality), then run the command tree.
import CodexCLI

CodexEntryPoint.run()
