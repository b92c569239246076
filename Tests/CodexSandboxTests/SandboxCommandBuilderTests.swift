import CodexSandbox
import Testing

@Suite struct SandboxCommandBuilderTests {
    @Test func sandboxedCommandsGoThroughTheHelperPersonality() {
        let launch = SandboxCommandBuilder.build(
            command: ["ls", "-l"], policy: .readOnly(), policyCwd: "/work", helperExecutable: "/usr/bin/codex")
        #expect(launch.executablePath == "/usr/bin/codex")
        #expect(!launch.searchesPath)
        #expect(
            launch.arguments == [
                "codex-linux-sandbox", "--sandbox-policy-cwd", "/work", "--sandbox-policy", #"{"type":"read-only"}"#,
                "--", "ls", "-l",
            ])
        #expect(launch.environmentOverrides == ["CODEX_SANDBOX_NETWORK_DISABLED": "1"])
    }

    @Test func defaultsToTheRunningExecutable() {
        let launch = SandboxCommandBuilder.build(command: ["true"], policy: .readOnly(), policyCwd: "/")
        #expect(launch.executablePath == "/proc/self/exe")
        #expect(launch.arguments.first == "codex-linux-sandbox")
    }

    @Test func keepsTheFullPathWhenTheBinaryIsAlreadyNamedLikeTheHelper() {
        let launch = SandboxCommandBuilder.build(
            command: ["true"], policy: .readOnly(), policyCwd: "/", helperExecutable: "/opt/codex-linux-sandbox")
        #expect(launch.arguments.first == "/opt/codex-linux-sandbox")
    }

    @Test func fullAccessRunsDirectlyAndNetworkAccessDropsTheMarker() {
        let direct = SandboxCommandBuilder.build(command: ["echo", "hi"], policy: .dangerFullAccess, policyCwd: "/")
        #expect(direct == SandboxedCommand(
            executablePath: "echo", arguments: ["echo", "hi"], searchesPath: true, environmentOverrides: [:]))
        let networked = SandboxCommandBuilder.build(
            command: ["true"], policy: .workspaceWrite(.init(networkAccess: true)), policyCwd: "/")
        #expect(networked.environmentOverrides.isEmpty)
    }
}
