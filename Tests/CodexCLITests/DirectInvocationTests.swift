import ArgumentParser
@testable import CodexCLI
import Testing

@Suite struct DirectInvocationTests {
    @Test func aBareAppServerSkipsTheParser() {
        #expect(DirectInvocation.recognize(["app-server"]) == .appServer)
    }

    @Test func aBareMCPServerSkipsTheParser() {
        #expect(DirectInvocation.recognize(["mcp-server"]) == .mcpServer)
    }

    @Test(arguments: [
        [String](), ["--version"], ["-V"], ["--version", "x"], ["app-server", "--listen", "stdio://"], ["-c", "a=1", "app-server"],
        ["app-server", "generate-ts", "-o", "x"], ["exec", "--version"], ["--help"],
        ["mcp-server", "-c", "a=1"], ["-m", "x", "mcp-server"],
    ])
    func everythingElseIsParsed(arguments: [String]) {
        #expect(DirectInvocation.recognize(arguments) == nil)
    }

    @Test func versionTextIsTheParsersVersionText() {
        #expect(CodexCommand.configuration.version == CodexCommand.versionText)
        #expect(CodexCommand.versionLine.description == CodexCommand.versionText + "\n")
        #expect(CodexCommand.versionText == "codex-cli \(CodexCommand.version) (swiftcodex \(CodexCommand.buildVersion))")
    }
}
