import CodexCore
import Testing

@Suite("Known-safe and dangerous commands")
struct CommandSafetyTests {
    @Test(arguments: [
        ["ls"],
        ["ls", "-la", "src"],
        ["cat", "Cargo.toml"],
        ["pwd"],
        ["echo", "hi"],
        ["grep", "-R", "TODO", "."],
        ["head", "-n", "5", "a"],
        ["wc", "-l", "a"],
        ["nl", "-nrz", "Cargo.toml"],
        ["numfmt", "1000"],
        ["tac", "Cargo.toml"],
        ["base64"],
        ["base64", "-d", "x.b64"],
        ["find", ".", "-name", "file.txt"],
        ["rg", "Cargo.toml", "-n"],
        ["sed", "-n", "1,5p", "file.txt"],
        ["sed", "-n", "10p"],
        ["bash", "-lc", "ls"],
        ["bash", "-lc", "ls -1"],
        ["zsh", "-lc", "ls"],
        ["bash", "-lc", "grep -R \"Cargo.toml\" -n"],
        ["bash", "-lc", "sed -n 1,5p file.txt"],
        ["bash", "-lc", "sed -n '1,5p' file.txt"],
        ["bash", "-lc", "find . -name file.txt"],
        ["bash", "-lc", "grep -R \"Cargo.toml\" -n || true"],
        ["bash", "-lc", "ls && pwd"],
        ["bash", "-lc", "echo 'hi' ; ls"],
        ["bash", "-lc", "ls | wc -l"],
        ["/bin/bash", "-lc", "cat a | head -n 3"],
    ])
    func safe(_ argv: [String]) {
        #expect(CommandSafety.isKnownSafeCommand(argv))
    }

    @Test(arguments: [
        ["cargo", "check"],
        ["foo"],
        ["git", "status"],
        ["git", "log", "-1"],
        ["git", "diff"],
        ["git", "show", "HEAD"],
        ["git", "branch", "--show-current"],
        ["git", "fetch"],
        ["bash", "-lc", "git status"],
        ["./cat", "Cargo.toml"],
        ["/tmp/workspace/cat", "Cargo.toml"],
        ["bash", "-lc", "./cat Cargo.toml"],
        ["sed", "-n", "xp", "file.txt"],
        ["sed", "-i", "s/a/b/", "file.txt"],
        ["sed", "-n", "1p", "a", "b"],
        ["find", ".", "-name", "file.txt", "-exec", "rm", "{}", ";"],
        ["find", ".", "-name", "*.py", "-execdir", "python3", "{}", ";"],
        ["find", ".", "-name", "file.txt", "-ok", "rm", "{}", ";"],
        ["find", ".", "-name", "*.py", "-okdir", "python3", "{}", ";"],
        ["find", ".", "-delete", "-name", "file.txt"],
        ["find", ".", "-fls", "/etc/passwd"],
        ["find", ".", "-fprint", "/etc/passwd"],
        ["find", ".", "-fprint0", "/etc/passwd"],
        ["find", ".", "-fprintf", "/root/suid.txt", "%#m %u %p\n"],
        ["base64", "-o", "out.bin"],
        ["base64", "--output", "out.bin"],
        ["base64", "--output=out.bin"],
        ["base64", "-ob64.txt"],
        ["rg", "--search-zip", "files"],
        ["rg", "-z", "files"],
        ["rg", "--pre", "pwned", "files"],
        ["rg", "--pre=pwned", "files"],
        ["rg", "--hostname-bin", "pwned", "files"],
        ["rg", "--hostname-bin=pwned", "files"],
        ["bash", "-lc", "git", "status"],
        ["bash", "-lc", "'git status'"],
        ["bash", "-lc", "find . -name file.txt -delete"],
        ["bash", "-lc", "ls && rm -rf /"],
        ["bash", "-lc", "(ls)"],
        ["bash", "-lc", "ls || (pwd && echo hi)"],
        ["bash", "-lc", "ls > out.txt"],
        ["bash", "-lc", "echo $HOME"],
        ["bash", "-lc", "FOO=1 ls"],
        ["bash", "-lc", ""],
        [],
    ])
    func unsafe(_ argv: [String]) {
        #expect(!CommandSafety.isKnownSafeCommand(argv))
    }

    @Test(arguments: [
        ["rm", "-rf", "/"],
        ["rm", "-f", "/"],
        ["/bin/rm", "-fr", "/tmp/example"],
        ["rm", "-r", "-f", "/tmp/example"],
        ["rm", "--force", "/tmp/example"],
        ["rm", "/tmp/example", "-f"],
        ["sudo", "rm", "-rf", "/tmp/example"],
        ["bash", "-lc", "printf x | rm -rf /tmp/example"],
        ["bash", "-lc", "if test -d /tmp/example; then rm --force /tmp/example; fi"],
        ["bash", "-lc", "rm -rf \"$TARGET\" >/dev/null"],
        ["bash", "-lc", "for target in /tmp/a /tmp/b; do rm -r -f \"$target\"; done"],
        ["bash", "-lc", "echo \"$(rm -rf /tmp/example)\""],
    ])
    func dangerous(_ argv: [String]) {
        #expect(CommandSafety.mightBeDangerous(argv))
    }

    @Test(arguments: [
        ["rm", "-r", "/tmp/example"],
        ["rm", "--", "-f"],
        ["bash", "-lc", "echo 'rm -rf /tmp/example'"],
        ["bash", "-lc", "cmd=rm; $cmd -rf /tmp/example"],
        ["ls", "-f"],
        ["git", "push", "-f"],
    ])
    func notDangerous(_ argv: [String]) {
        #expect(!CommandSafety.mightBeDangerous(argv))
    }
}
