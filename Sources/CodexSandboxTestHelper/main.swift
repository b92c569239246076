// Test-only entry point: the sandbox tests spawn this binary with argv[0] = `codex-linux-sandbox`,
// exactly as the real `codex` binary is spawned by the core.
import CodexSandbox

LinuxSandboxHelper.main(arguments: CommandLine.arguments)
