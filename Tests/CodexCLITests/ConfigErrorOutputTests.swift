import CodexTestSupport
import Testing

/// A syntax error in config.toml is printed as the reference prints it: the header, `PATH:LINE:COLUMN: message`,
/// then the line and a caret under the column.
@Suite struct ConfigErrorOutputTests {
    @Test(arguments: [["exec", "hi"], ["mcp-server"]])
    func syntaxErrorShowsTheLineAndACaret(arguments: [String]) async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        try home.root.write("model = \"x\"\nfoo = [1, 2\n", to: "codex_home/config.toml")
        let spec = home.codexSpec(arguments, binary: try CodexBinary.locate(), standardInput: .none)
        let result = try await ChildProcess.run(spec, timeout: .seconds(60))
        #expect(result.exit == .exited(1))
        #expect(
            result.stderr == """
                Error loading config.toml:
                \(home.codexHome)/config.toml:2:12: unclosed array, expected `]`
                  |
                2 | foo = [1, 2
                  |            ^

                """)
        #expect(result.stdout.isEmpty)
    }

    @Test func theGutterIsAsWideAsTheLineNumber() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        try home.root.write(String(repeating: "\n", count: 11) + "x = 'open\n", to: "codex_home/config.toml")
        let spec = home.codexSpec(["exec", "hi"], binary: try CodexBinary.locate(), standardInput: .none)
        let result = try await ChildProcess.run(spec, timeout: .seconds(60))
        #expect(result.exit == .exited(1))
        #expect(
            result.stderr.hasSuffix(
                """
                   |
                12 | x = 'open
                   |     ^

                """))
    }
}
