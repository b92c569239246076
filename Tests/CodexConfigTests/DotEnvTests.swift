import CodexConfig
import Testing

@Suite struct DotEnvTests {
    private func pairs(_ text: String) -> [String] { DotEnv.parse(text).map { "\($0.key)=\($0.value)" } }

    @Test func parsesCommonSyntax() {
        let text = """
            # comment
            PLAIN=value
            export EXPORTED=yes
            SPACED = padded value  
            SINGLE='raw $HOME \\n'
            DOUBLE="line1\\nline2 \\"q\\""
            COMMENTED=abc # trailing
            HASH=a#b
            MULTI="first
            second"
            EMPTY=
            not a pair
            9BAD=x
            """
        #expect(pairs(text) == [
            "PLAIN=value", "EXPORTED=yes", "SPACED=padded value", "SINGLE=raw $HOME \\n",
            "DOUBLE=line1\nline2 \"q\"", "COMMENTED=abc", "HASH=a#b", "MULTI=first\nsecond", "EMPTY=",
        ])
    }

    @Test func skipsCodexPrefixedKeysInAnyCase() {
        #expect(pairs("CODEX_HOME=/x\ncodex_x=1\nCodex_Y=2\nCODEXY=3\nOTHER=4\n") == ["CODEXY=3", "OTHER=4"])
    }

    @Test func handlesCRLFAndUnterminatedQuotes() {
        #expect(pairs("A=1\r\nB=\"2\"\r\n") == ["A=1", "B=2"])
        #expect(pairs("A=\"never closed\nB=2") == [])
    }

    @Test func loadsFromCodexHome() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        #expect(DotEnv.load(codexHome: CodexHome(path: fixture.codexHome)).isEmpty)
        try fixture.write("home/.codex/.env", "KEY=v\nCODEX_SECRET=no\n")
        #expect(DotEnv.load(codexHome: CodexHome(path: fixture.codexHome)).map(\.key) == ["KEY"])
    }
}
