import CodexCore
import Testing

@Suite("Shell script parser")
struct CommandTokenizerTests {
    struct Accepted: Sendable, CustomTestStringConvertible {
        let script: String
        let commands: [[String]]
        var testDescription: String { script }
    }

    static let accepted: [Accepted] = [
        Accepted(script: "ls -1", commands: [["ls", "-1"]]),
        Accepted(
            script: "ls && pwd; echo 'hi there' | wc -l",
            commands: [["ls"], ["pwd"], ["echo", "hi there"], ["wc", "-l"]]
        ),
        Accepted(script: "echo \"hello world\"", commands: [["echo", "hello world"]]),
        Accepted(script: "git commit -m \"line1\nline2\"", commands: [["git", "commit", "-m", "line1\nline2"]]),
        Accepted(script: #"echo "/usr"'/'"local"/bin"#, commands: [["echo", "/usr/local/bin"]]),
        Accepted(script: "rg -n \"foo\" -g\"*.py\"", commands: [["rg", "-n", "foo", "-g*.py"]]),
        Accepted(script: "grep -n 'pattern' -g'*.txt'", commands: [["grep", "-n", "pattern", "-g*.txt"]]),
        Accepted(script: "echo 123 456", commands: [["echo", "123", "456"]]),
        Accepted(script: #"echo a\ b"#, commands: [["echo", "a b"]]),
        Accepted(script: #"echo "a\"b" "c\\d" "e\f""#, commands: [["echo", "a\"b", "c\\d", "e\\f"]]),
        Accepted(script: "echo ''", commands: [["echo", ""]]),
        Accepted(script: "ls||pwd", commands: [["ls"], ["pwd"]]),
        Accepted(script: "ls;", commands: [["ls"]]),
        Accepted(script: "ls\npwd\n", commands: [["ls"], ["pwd"]]),
        Accepted(script: "ls &&\n  pwd", commands: [["ls"], ["pwd"]]),
        Accepted(script: "ls *.rs src/?.c", commands: [["ls", "*.rs", "src/?.c"]]),
        Accepted(script: "echo a#b", commands: [["echo", "a#b"]]),
        Accepted(script: "'FOO=bar' ls", commands: [["FOO=bar", "ls"]]),
        Accepted(script: "env FOO=bar ls", commands: [["env", "FOO=bar", "ls"]]),
        Accepted(script: "'if' x", commands: [["if", "x"]]),
    ]

    @Test(arguments: accepted)
    func acceptsPlainSequences(_ example: Accepted) {
        #expect(ShellScriptParser.plainCommands(example.script) == example.commands)
    }

    struct Refused: Sendable, CustomTestStringConvertible {
        let script: String
        let reason: ShellScriptRefusal
        var testDescription: String { script }
    }

    static let refused: [Refused] = [
        Refused(script: "(ls)", reason: .subshell),
        Refused(script: "ls || (pwd && echo hi)", reason: .subshell),
        Refused(script: "ls > out.txt", reason: .redirection),
        Refused(script: "cat < in.txt", reason: .redirection),
        Refused(script: "ls 2>&1", reason: .redirection),
        Refused(script: "echo hi & echo bye", reason: .backgroundOrUnsupportedOperator),
        Refused(script: "echo $(pwd)", reason: .variableExpansion),
        Refused(script: "echo `pwd`", reason: .commandSubstitution),
        Refused(script: "echo $HOME", reason: .variableExpansion),
        Refused(script: "echo \"hi $USER\"", reason: .variableExpansion),
        Refused(script: "echo \"hi `id`\"", reason: .commandSubstitution),
        Refused(script: "FOO=bar ls", reason: .variableAssignment),
        Refused(script: "ls &&", reason: .emptyCommand),
        Refused(script: "&& ls", reason: .emptyCommand),
        Refused(script: "ls ;; pwd", reason: .backgroundOrUnsupportedOperator),
        Refused(script: "ls | | wc", reason: .emptyCommand),
        Refused(script: "ls |& wc", reason: .backgroundOrUnsupportedOperator),
        Refused(script: "echo 'unterminated", reason: .unterminatedQuote),
        Refused(script: "echo \"unterminated", reason: .unterminatedQuote),
        Refused(script: "ls # comment", reason: .comment),
        Refused(script: "echo {a,b}", reason: .braceExpansionOrGroup),
        Refused(script: "if true; then ls; fi", reason: .reservedWord("if")),
        Refused(script: "! ls", reason: .reservedWord("!")),
        Refused(script: "[ -f x ]", reason: .reservedWord("[")),
    ]

    @Test(arguments: refused)
    func refusesWhatItCannotAnalyse(_ example: Refused) {
        guard case .failure(let reason) = ShellScriptParser.parse(example.script) else {
            Issue.record("expected a refusal for \(example.script)")
            return
        }
        #expect(reason == example.reason)
        #expect(ShellScriptParser.plainCommands(example.script) == nil)
    }

    @Test func emptyScriptHasNoPlainCommands() {
        #expect(ShellScriptParser.parse("") == .success([]))
        #expect(ShellScriptParser.plainCommands("   ") == nil)
    }

    @Test func tokenizeKeepsOperators() {
        let tokens = try? ShellScriptParser.tokenize("a 'b c' | d && e || f; g").get()
        #expect(tokens == [
            .word("a"), .word("b c"), .op(.pipe), .word("d"), .op(.and), .word("e"), .op(.or), .word("f"),
            .op(.semicolon), .word("g"),
        ])
    }

    @Test(arguments: [
        (["bash", "-lc", "ls"], "ls"),
        (["bash", "-c", "ls"], "ls"),
        (["/bin/bash", "-lc", "ls"], "ls"),
        (["zsh", "-lc", "ls"], "ls"),
        (["/usr/bin/zsh", "-c", "ls"], "ls"),
        (["sh", "-c", "ls"], "ls"),
    ])
    func unwrapsShellWrappers(_ argv: [String], _ script: String) {
        #expect(ShellScriptParser.extractShellScript(argv)?.script == script)
    }

    @Test(arguments: [
        ["bash", "-lc"],
        ["bash", "-lc", "git", "status"],
        ["bash", "-x", "ls"],
        ["fish", "-c", "ls"],
        ["python3", "-c", "print(1)"],
        ["bashful", "-lc", "ls"],
    ])
    func leavesOtherArgvAlone(_ argv: [String]) {
        #expect(ShellScriptParser.extractShellScript(argv) == nil)
    }

    @Test(arguments: [
        (["ls", "-la"], "ls -la"),
        (["/bin/bash", "-lc", "echo hi > x"], "/bin/bash -lc 'echo hi > x'"),
        (["echo", ""], "echo ''"),
        (["eza", "--color=always", "src"], "eza '--color=always' src"),
        (["grep", "-R", "COD`EX_SANDBOX", "-n"], "grep -R 'COD`EX_SANDBOX' -n"),
        (["sed", "-n", "1,200p", "a.rs"], "sed -n '1,200p' a.rs"),
        (["rg", "-n", "foo bar", "-S"], "rg -n 'foo bar' -S"),
        (["find", ".", "-name", "*.rs"], "find . -name '*.rs'"),
        (["echo", "it's"], "echo \"it's\""),
        (["echo", "it's $x"], "echo \"it's \"'$x'"),
        (["a+b-c.d/e:f@g]h_i"], "a+b-c.d/e:f@g]h_i"),
        (["~/x", "#y", "a=b"], "'~/x' '#y' 'a=b'"),
        (["bad\u{0}nul"], "<command included NUL byte>"),
    ])
    func quotesForDisplay(_ argv: [String], _ expected: String) {
        #expect(ShellQuoting.join(argv) == expected)
    }

    @Test(arguments: [
        ["echo", "it's a \"test\" with $HOME and `x` \\ !"],
        ["printf", "%s\n", "tab\there"],
        ["sed", "-n", "1,5p", "file with spaces.txt"],
        ["weird", "'", "\"", "''", "$'x'"],
    ])
    func quotedTextParsesBackToTheSameWords(_ argv: [String]) {
        #expect(ShellScriptParser.plainCommands(ShellQuoting.join(argv)) == [argv])
    }
}
