import CodexTestSupport
import FoundationEssentials
import Testing

/// Opt-in: the `--listen` and `--ws-*` usage errors of ours and of the reference binary (0.163.0), compared by
/// exit code and error line (the reference adds log lines and a backtrace around it). Runs only when
/// `CODEX_REFERENCE_BIN` names the reference `codex` executable.
@Suite(.serialized) struct ListenReferenceTests {
    @Test func usageErrorsMatchTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare app-server usage errors with the reference")
            return
        }
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let home = try CodexTestHome.create(in: parent)
        defer { home.remove() }
        let short = try home.root.write("short\n", to: "short-secret")
        let cases: [[String]] = [
            ["--listen", "bogus"], ["--listen", "ws://localhost:1"], ["--listen", "ws://127.0.0.1"],
            ["--listen", "ws://127.0.0.1:99999"], ["--listen", "stdio"], ["--listen", "ws://0.0.0.0:0"], ["--listen", "off"],
            ["--listen", "ws://127.0.0.1:0", "--ws-token-file", "/nonexistent"],
            ["--listen", "ws://127.0.0.1:0", "--ws-auth", "capability-token"],
            ["--listen", "ws://127.0.0.1:0", "--ws-auth", "capability-token", "--ws-token-sha256", "abc"],
            ["--listen", "ws://127.0.0.1:0", "--ws-auth", "capability-token", "--ws-token-file", "/nonexistent"],
            ["--listen", "ws://127.0.0.1:0", "--ws-auth", "signed-bearer-token"],
            ["--listen", "ws://127.0.0.1:0", "--ws-auth", "signed-bearer-token", "--ws-shared-secret-file", short],
        ]
        let ours = try CodexBinary.locate()
        for arguments in cases {
            let theirs = try await Self.outcome(reference, arguments, home)
            let mine = try await Self.outcome(ours, arguments, home)
            #expect(mine.code == theirs.code, "\(arguments)")
            #expect(mine.line == theirs.line, "\(arguments)")
        }
    }

    /// The exit code and the first `error:`/`Error:` line of stderr (ANSI colours removed).
    private static func outcome(_ binary: String, _ arguments: [String], _ home: CodexTestHome) async throws -> (
        code: Int32?, line: String?
    ) {
        let result = try await ChildProcess.run(
            home.codexSpec(["app-server"] + arguments, binary: binary), timeout: .seconds(30))
        let line = result.stderr.split(separator: "\n").map(String.init).first {
            $0.hasPrefix("error:") || $0.hasPrefix("Error:")
        }
        return (result.exit.exitCode, line)
    }
}
