import CodexCore
import Testing

/// Cases mirror the reference's own parse_command expectations.
@Suite("parsed_cmd summaries")
struct CommandParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let argv: [String]
        let expected: [ParsedCommand]
        var testDescription: String { argv.joined(separator: " ") }

        static func bash(_ script: String, _ expected: ParsedCommand...) -> Case {
            Case(argv: ["bash", "-lc", script], expected: expected)
        }

        static func argv(_ argv: [String], _ expected: ParsedCommand...) -> Case {
            Case(argv: argv, expected: expected)
        }
    }

    static let readCases: [Case] = [
        .bash("cat webview/README.md", .read(cmd: "cat webview/README.md", name: "README.md", path: "webview/README.md")),
        .argv(["zsh", "-lc", "cat README.md"], .read(cmd: "cat README.md", name: "README.md", path: "README.md")),
        .bash("bat --theme TwoDark README.md", .read(cmd: "bat --theme TwoDark README.md", name: "README.md", path: "README.md")),
        .bash("batcat README.md", .read(cmd: "batcat README.md", name: "README.md", path: "README.md")),
        .bash("less -p TODO README.md", .read(cmd: "less -p TODO README.md", name: "README.md", path: "README.md")),
        .bash("more README.md", .read(cmd: "more README.md", name: "README.md", path: "README.md")),
        .argv(["cd", "foo", "&&", "cat", "foo.txt"], .read(cmd: "cat foo.txt", name: "foo.txt", path: "foo/foo.txt")),
        .argv(["cd", "--", "-weird", "&&", "cat", "foo.txt"], .read(cmd: "cat foo.txt", name: "foo.txt", path: "-weird/foo.txt")),
        .argv(["cd", "dir1", "dir2", "&&", "cat", "foo.txt"], .read(cmd: "cat foo.txt", name: "foo.txt", path: "dir2/foo.txt")),
        .bash("cd foo && cat foo.txt", .read(cmd: "cat foo.txt", name: "foo.txt", path: "foo/foo.txt")),
        .bash("head -n 50 Cargo.toml", .read(cmd: "head -n 50 Cargo.toml", name: "Cargo.toml", path: "Cargo.toml")),
        .bash("head Cargo.toml", .read(cmd: "head Cargo.toml", name: "Cargo.toml", path: "Cargo.toml")),
        .bash("head -n50 Cargo.toml", .read(cmd: "head -n50 Cargo.toml", name: "Cargo.toml", path: "Cargo.toml")),
        .bash(
            "cat tui/Cargo.toml | sed -n '1,200p'",
            .read(cmd: "cat tui/Cargo.toml | sed -n '1,200p'", name: "Cargo.toml", path: "tui/Cargo.toml")
        ),
        .bash("tail -n +522 README.md", .read(cmd: "tail -n +522 README.md", name: "README.md", path: "README.md")),
        .bash("tail -n 30 README.md", .read(cmd: "tail -n 30 README.md", name: "README.md", path: "README.md")),
        .bash("tail README.md", .read(cmd: "tail README.md", name: "README.md", path: "README.md")),
        .bash("tail -n+10 README.md", .read(cmd: "tail -n+10 README.md", name: "README.md", path: "README.md")),
        .bash(
            "nl -ba core/src/parse_command.rs | sed -n '1200,1720p'",
            .read(
                cmd: "nl -ba core/src/parse_command.rs | sed -n '1200,1720p'",
                name: "parse_command.rs",
                path: "core/src/parse_command.rs"
            )
        ),
        .bash(
            "sed -n '2000,2200p' tui/src/history_cell.rs",
            .read(cmd: "sed -n '2000,2200p' tui/src/history_cell.rs", name: "history_cell.rs", path: "tui/src/history_cell.rs")
        ),
        .bash("awk '{print $1}' Cargo.toml", .read(cmd: "awk '{print $1}' Cargo.toml", name: "Cargo.toml", path: "Cargo.toml")),
        .bash(
            #"printf "\n===== ansi-escape/Cargo.toml =====\n"; cat -- ansi-escape/Cargo.toml"#,
            .read(cmd: "cat -- ansi-escape/Cargo.toml", name: "Cargo.toml", path: "ansi-escape/Cargo.toml")
        ),
        .argv(
            ["sed", "-n", "260,640p", "exec/src/event_processor_with_human_output.rs", "|", "nl", "-ba"],
            .read(
                cmd: "sed -n '260,640p' exec/src/event_processor_with_human_output.rs",
                name: "event_processor_with_human_output.rs",
                path: "exec/src/event_processor_with_human_output.rs"
            )
        ),
        .argv(["cat", "--", "./-strange-file-name"], .read(cmd: "cat -- ./-strange-file-name", name: "-strange-file-name", path: "./-strange-file-name")),
        .argv(["sed", "-n", "12,20p", "Cargo.toml"], .read(cmd: "sed -n '12,20p' Cargo.toml", name: "Cargo.toml", path: "Cargo.toml")),
        .argv(["/bin/bash", "-lc", "sed -n '1,10p' Cargo.toml"], .read(cmd: "sed -n '1,10p' Cargo.toml", name: "Cargo.toml", path: "Cargo.toml")),
    ]

    static let listCases: [Case] = [
        .argv(["git", "ls-files"], .listFiles(cmd: "git ls-files", path: nil)),
        .argv(["git", "ls-files", "src"], .listFiles(cmd: "git ls-files src", path: "src")),
        .argv(["git", "ls-files", "--exclude", "target", "src"], .listFiles(cmd: "git ls-files --exclude target src", path: "src")),
        .bash("rg --files webview/src | sed -n", .listFiles(cmd: "rg --files webview/src", path: "webview")),
        .bash("rg --files | head -n 50", .listFiles(cmd: "rg --files", path: nil)),
        .argv(["cd", "codex-rs", "&&", "rg", "--files"], .listFiles(cmd: "rg --files", path: nil)),
        .bash("ls -la | sed -n '1,120p'", .listFiles(cmd: "ls -la", path: nil)),
        .argv(["eza", "--color=always", "src"], .listFiles(cmd: "eza '--color=always' src", path: "src")),
        .argv(["exa", "-I", "target", "."], .listFiles(cmd: "exa -I target .", path: ".")),
        .argv(["tree", "-L", "2", "src"], .listFiles(cmd: "tree -L 2 src", path: "src")),
        .argv(["du", "-d", "2", "."], .listFiles(cmd: "du -d 2 .", path: ".")),
        .bash(#"python -c "import os; print(os.listdir('.'))""#, .listFiles(cmd: #"python -c "import os; print(os.listdir('.'))""#, path: nil)),
        .bash("yes | rg --files", .listFiles(cmd: "rg --files", path: nil)),
        .argv(["ls", "-I", "*.test.js"], .listFiles(cmd: "ls -I '*.test.js'", path: nil)),
        .argv(["true", "&&", "rg", "--files"], .listFiles(cmd: "rg --files", path: nil)),
        .argv(["rg", "--files", "&&", "true"], .listFiles(cmd: "rg --files", path: nil)),
        .bash("true && rg --files", .listFiles(cmd: "rg --files", path: nil)),
        .bash("rg --files || true", .listFiles(cmd: "rg --files", path: nil)),
        .argv(["bash", "-c", "rg --files | head -n 1"], .listFiles(cmd: "rg --files", path: nil)),
        .argv(["rg", "--files", "|", "nl", "-ba"], .listFiles(cmd: "rg --files", path: nil)),
        .argv(["ls", "--time-style=long-iso", "./dist"], .listFiles(cmd: "ls '--time-style=long-iso' ./dist", path: ".")),
        .argv(["fd", "-t", "f", "src/"], .listFiles(cmd: "fd -t f src/", path: "src")),
        .argv(["find", "src", "-type", "f"], .listFiles(cmd: "find src -type f", path: "src")),
    ]

    static let searchCases: [Case] = [
        .argv(["git", "grep", "TODO", "src"], .search(cmd: "git grep TODO src", query: "TODO", path: "src")),
        .argv(["git", "grep", "-l", "TODO", "src"], .search(cmd: "git grep -l TODO src", query: "TODO", path: "src")),
        .bash("rg -n \"navigate-to-route\" -S", .search(cmd: "rg -n navigate-to-route -S", query: "navigate-to-route", path: nil)),
        .bash(
            "rg -n \"BUG|FIXME|TODO|XXX|HACK\" -S | head -n 200",
            .search(cmd: "rg -n 'BUG|FIXME|TODO|XXX|HACK' -S", query: "BUG|FIXME|TODO|XXX|HACK", path: nil)
        ),
        .argv(["rg", "-l", "TODO", "src"], .search(cmd: "rg -l TODO src", query: "TODO", path: "src")),
        .argv(["rga", "-l", "TODO", "src"], .search(cmd: "rga -l TODO src", query: "TODO", path: "src")),
        .argv(["grep", "-R", "CODEX_SANDBOX_ENV_VAR", "-n", "."], .search(cmd: "grep -R CODEX_SANDBOX_ENV_VAR -n .", query: "CODEX_SANDBOX_ENV_VAR", path: ".")),
        .argv(
            ["grep", "-R", "CODEX_SANDBOX_ENV_VAR", "-n", "core/src/spawn.rs"],
            .search(cmd: "grep -R CODEX_SANDBOX_ENV_VAR -n core/src/spawn.rs", query: "CODEX_SANDBOX_ENV_VAR", path: "spawn.rs")
        ),
        .argv(["egrep", "-R", "TODO", "src"], .search(cmd: "egrep -R TODO src", query: "TODO", path: "src")),
        .argv(["fgrep", "-l", "TODO", "src"], .search(cmd: "fgrep -l TODO src", query: "TODO", path: "src")),
        .argv(["grep", "-R", "src/main.rs", "-n", "."], .search(cmd: "grep -R src/main.rs -n .", query: "src/main.rs", path: ".")),
        .argv(["grep", "-R", "COD`EX_SANDBOX", "-n"], .search(cmd: "grep -R 'COD`EX_SANDBOX' -n", query: "COD`EX_SANDBOX", path: nil)),
        .argv(["grep", "-e", "foo", "src"], .search(cmd: "grep -e foo src", query: "foo", path: "src")),
        .bash(
            #"cd /Users/pakrym/code/codex && rg -n "codex_api" codex-rs -S | head -n 50"#,
            .search(cmd: "rg -n codex_api codex-rs -S", query: "codex_api", path: "codex-rs")
        ),
        .argv(["yes", "|", "rg", "-n", "foo bar", "-S"], .search(cmd: "rg -n 'foo bar' -S", query: "foo bar", path: nil)),
        .argv(["ag", "TODO", "src"], .search(cmd: "ag TODO src", query: "TODO", path: "src")),
        .argv(["ack", "-l", "TODO", "src"], .search(cmd: "ack -l TODO src", query: "TODO", path: "src")),
        .argv(["pt", "TODO", "src"], .search(cmd: "pt TODO src", query: "TODO", path: "src")),
        .argv(["rg", "--colors=never", "-n", "foo", "src"], .search(cmd: "rg '--colors=never' -n foo src", query: "foo", path: "src")),
        .argv(["fd", "main", "src"], .search(cmd: "fd main src", query: "main", path: "src")),
        .argv(["find", ".", "-name", "*.rs"], .search(cmd: "find . -name '*.rs'", query: "*.rs", path: ".")),
    ]

    static let unknownCases: [Case] = [
        .argv(["git", "status"], .unknown(cmd: "git status")),
        .bash("git status | wc -l", .unknown(cmd: "git status | wc -l")),
        .bash("echo foo > bar", .unknown(cmd: "echo foo > bar")),
        .bash(
            "rg --version && node -v && pnpm -v && rg --files | wc -l && rg --files | head -n 40",
            .unknown(cmd: "rg --version && node -v && pnpm -v && rg --files | wc -l && rg --files | head -n 40")
        ),
        .bash(
            "rg -l QkBindingController presentation/src/main/java | xargs perl -pi -e 's/QkBindingController/QkController/g'",
            .unknown(cmd: "rg -l QkBindingController presentation/src/main/java | xargs perl -pi -e 's/QkBindingController/QkController/g'")
        ),
        .argv(
            ["rg", "-l", "QkBindingController", "presentation/src/main/java", "|", "xargs", "perl", "-pi", "-e", "s/QkBindingController/QkController/g"],
            .unknown(cmd: "rg -l QkBindingController presentation/src/main/java '|' xargs perl -pi -e s/QkBindingController/QkController/g")
        ),
        .argv(["rg", "--files", "|", "nl", "-ba", "|", "foo"], .unknown(cmd: "rg --files '|' nl -ba '|' foo")),
        .bash("cd foo && bar", .unknown(cmd: "cd foo && bar")),
        .argv(["npm", "run", "build"], .unknown(cmd: "npm run build")),
        .bash(#"python -c "print('hello')""#, .unknown(cmd: #"python -c "print('hello')""#)),
        .argv(["cat", "a", "b"], .unknown(cmd: "cat a b")),
        .argv(["head", "-n", "5"], .unknown(cmd: "head -n 5")),
        .bash("wc -l", .unknown(cmd: "wc -l")),
    ]

    @Test(arguments: readCases)
    func reads(_ example: Case) {
        #expect(CommandParser.parse(example.argv) == example.expected)
    }

    @Test(arguments: listCases)
    func listings(_ example: Case) {
        #expect(CommandParser.parse(example.argv) == example.expected)
    }

    @Test(arguments: searchCases)
    func searches(_ example: Case) {
        #expect(CommandParser.parse(example.argv) == example.expected)
    }

    @Test(arguments: unknownCases)
    func unknownsCollapseToOneEntry(_ example: Case) {
        #expect(CommandParser.parse(example.argv) == example.expected)
    }

    @Test func sequencesKeepEachPartInOrder() {
        #expect(CommandParser.parse(["bash", "-lc", "cat a.txt && ls src"]) == [
            .read(cmd: "cat a.txt", name: "a.txt", path: "a.txt"),
            .listFiles(cmd: "ls src", path: "src"),
        ])
    }

    @Test func consecutiveDuplicatesAreMerged() {
        #expect(CommandParser.parse(["bash", "-lc", "cat a.txt; cat a.txt"]) == [
            .read(cmd: "cat a.txt", name: "a.txt", path: "a.txt"),
        ])
    }

    @Test func displayTextUsesTheScriptOfShellWrappers() {
        #expect(CommandParser.displayText(["/bin/bash", "-lc", "echo hi > x"]) == "echo hi > x")
        #expect(CommandParser.displayText(["echo", "a b"]) == "echo 'a b'")
    }
}
