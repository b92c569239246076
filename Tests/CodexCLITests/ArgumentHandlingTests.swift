import CodexCLI
import Testing

@Suite struct GlobalArgumentHoistingTests {
    @Test(arguments: [
        (["--config", "k=v", "app-server", "--listen", "stdio://"], ["app-server", "--config", "k=v", "--listen", "stdio://"]),
        (["-c", "a=1", "-m", "o3", "exec", "hi"], ["exec", "-c", "a=1", "-m", "o3", "hi"]),
        (["--config=a=1", "--strict-config", "e", "x"], ["e", "--config=a=1", "--strict-config", "x"]),
        (["-p", "fast", "exec", "resume", "--last"], ["exec", "resume", "-p", "fast", "--last"]),
        (["-s", "workspace-write", "sandbox", "--", "touch", "x"], ["sandbox", "-s", "workspace-write", "--", "touch", "x"]),
        (["exec", "-c", "a=1", "hi"], ["exec", "-c", "a=1", "hi"]),
        (["-c", "a=1"], ["-c", "a=1"]),
        (["-c", "a=1", "unknown-thing"], ["-c", "a=1", "unknown-thing"]),
        (["--version"], ["--version"]),
        (["sandbox", "linux", "--full-auto", "sh", "-c", "x"], ["sandbox", "linux", "--full-auto", "--", "sh", "-c", "x"]),
        (["sandbox", "-c", "a=1", "sh", "-c", "x"], ["sandbox", "-c", "a=1", "--", "sh", "-c", "x"]),
        (["sandbox", "doctor", "--json"], ["sandbox", "doctor", "--json"]),
        (["exec", "--json", "-o", "out.txt", "resume", "--last"], ["exec", "resume", "--json", "-o", "out.txt", "--last"]),
        (["-c", "a=1", "exec", "--json", "resume", "id"], ["exec", "resume", "-c", "a=1", "--json", "id"]),
        (["exec", "--json", "resume is a prompt"], ["exec", "--json", "resume is a prompt"]),
        (["-m", "o3", "exec", "--json", "fork", "id", "p"], ["exec", "fork", "-m", "o3", "--json", "id", "p"]),
        ([], []),
    ])
    func hoists(input: [String], expected: [String]) {
        #expect(GlobalArgumentHoisting.hoist(input) == expected)
    }
}

@Suite struct Arg0PersonalityTests {
    @Test(arguments: [
        (["/usr/bin/codex", "exec"], Arg0Personality.codex),
        (["codex-linux-sandbox", "--", "true"], .linuxSandbox),
        (["/tmp/x/codex-linux-sandbox"], .linuxSandbox),
        (["apply_patch", "patch"], .applyPatch),
        (["/a/applypatch"], .applyPatch),
        (["codex", "--codex-run-as-apply-patch", "p"], .applyPatchFlag),
        ([], .codex),
    ])
    func detects(arguments: [String], expected: Arg0Personality) {
        #expect(Arg0Personality.detect(arguments: arguments) == expected)
    }
}
