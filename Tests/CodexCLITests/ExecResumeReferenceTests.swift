import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// Opt-in: `exec`, `exec resume --json` and `exec fork --json` report the same usage as the reference
/// binary (0.163.0) on the same scripted model. Runs only when `CODEX_REFERENCE_BIN` is set.
@Suite struct ExecResumeReferenceTests {
    @Test func resumeAndForkUsageMatchTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare exec resume/fork usage with the reference")
            return
        }
        let theirs = try await Self.usages(binary: reference)
        let ours = try await Self.usages(binary: nil)
        #expect(theirs == [12, 24, 36])
        #expect(ours == theirs)
    }

    /// `turn.completed` input tokens of: a first run, a resume of it, a fork of it.
    static func usages(binary: String?) async throws -> [JSONValue] {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try home.writeConfig(
                baseURL: server.baseURL, extraRootTOML: "check_for_update_on_startup = false",
                extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
            for index in 0..<3 {
                server.enqueue(.assistantText("answer \(index)", usage: MockUsage(inputTokens: 12, outputTokens: 3)))
            }
            let exec = ExecHarness(server: server, home: home)
            let first = try await exec.run(["exec", "--json", "--skip-git-repo-check", "first"], binary: binary)
            let firstEvents = try ExecHarness.events(first.stdout)
            let threadID = try #require(firstEvents.first?["thread_id"]?.stringValue, "\(first.stderr)")
            let resumed = try await exec.run(
                ["exec", "resume", "--json", "--skip-git-repo-check", threadID, "second"], binary: binary)
            let forked = try await exec.run(
                ["exec", "fork", "--json", "--skip-git-repo-check", threadID, "third"], binary: binary)
            return try [first, resumed, forked].map { result in
                let completed = try ExecHarness.events(result.stdout).last { $0["type"] == "turn.completed" }
                return completed?["usage"]?["input_tokens"] ?? .null
            }
        }
    }
}
