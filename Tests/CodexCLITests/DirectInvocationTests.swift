import ArgumentParser
@testable import CodexCLI
import Testing

@Suite struct DirectInvocationTests {
    @Test(arguments: [
        (["--version"], DirectInvocation.version),
        (["-V"], .version),
        (["app-server"], .appServer),
    ])
    func exactFormsSkipTheParser(arguments: [String], expected: DirectInvocation) {
        #expect(DirectInvocation.recognize(arguments) == expected)
    }

    @Test(arguments: [
        [String](), ["--version", "x"], ["app-server", "--listen", "stdio://"], ["-c", "a=1", "app-server"],
        ["app-server", "generate-ts", "-o", "x"], ["exec", "--version"], ["--help"],
    ])
    func everythingElseIsParsed(arguments: [String]) {
        #expect(DirectInvocation.recognize(arguments) == nil)
    }

    @Test func versionTextIsTheParsersVersionText() {
        #expect(CodexCommand.configuration.version == "codex-cli \(CodexCommand.version)")
    }
}
