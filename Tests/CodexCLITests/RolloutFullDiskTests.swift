import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// A rollout write that fails on a really full filesystem: `codex exec` runs with CODEX_HOME on a 64 KiB
/// tmpfs (mounted in a user+mount namespace, so no privileges are needed) and the model's reply is bigger
/// than what is left. Skipped, with a message, where such a namespace cannot be made.
@Suite struct RolloutFullDiskTests {
    static let unshare = "/usr/bin/unshare"

    /// Whether `unshare --user --map-root-user --mount` can mount a tmpfs here.
    static func canMountTmpfs(in folder: String) async -> Bool {
        guard FileManager.default.isExecutableFile(atPath: unshare) else { return false }
        let probe = ProcessSpec(
            executable: unshare,
            arguments: ["--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$1\"", "sh", folder])
        guard let result = try? await ChildProcess.run(probe, timeout: .seconds(20)) else { return false }
        return result.exit == .exited(0)
    }

    @Test func aFullDiskFailsTheTurnLoudlyAndLeavesTheRolloutWhole() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let mountPoint = try home.root.makeDirectory("full")
                guard await Self.canMountTmpfs(in: mountPoint) else {
                    print("skipped: cannot mount a tmpfs in a user+mount namespace here (unshare unavailable or not permitted)")
                    return
                }
                let saved = try home.root.makeDirectory("saved")
                server.enqueue(.assistantText(String(repeating: "a long answer ", count: 20_000)))
                // Inside the namespace: mount the small tmpfs as CODEX_HOME, run exec, keep the sessions it wrote.
                let script = """
                    mount -t tmpfs -o size=64k tmpfs "$FULL" || exit 90
                    cp "$CONFIG" "$FULL/config.toml" || exit 91
                    "$CODEX" exec --json --skip-git-repo-check "write a lot"
                    code=$?
                    cp -r "$FULL/sessions" "$SAVED/" 2>/dev/null
                    exit $code
                    """
                var environment = home.environment([
                    "FULL": mountPoint, "CONFIG": home.configPath, "CODEX": try CodexBinary.locate(), "SAVED": saved,
                ])
                environment["CODEX_HOME"] = mountPoint
                let spec = ProcessSpec(
                    executable: Self.unshare, arguments: ["--user", "--map-root-user", "--mount", "sh", "-c", script],
                    environment: environment, workingDirectory: home.workDirectory)
                let result = try await ChildProcess.run(spec, timeout: .seconds(90))
                #expect(result.exit == .exited(1), "\(result.stderr)")

                let events = result.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
                let failure = try #require(events.first { $0["type"] == "turn.failed" })
                let message = try #require(failure["error"]?["message"]?.stringValue)
                #expect(message.contains(mountPoint + "/sessions/"))
                #expect(message.contains("rollout-"))
                #expect(message.contains("No space left on device"))
                #expect(events.contains { $0["type"] == "error" && $0["message"]?.stringValue == message })

                // What was written before the failure is intact: whole lines only, the user's message among them.
                let files = (FileManager.default.enumerator(atPath: saved)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".jsonl") }
                let file = try #require(files.first)
                let bytes = try #require(FileManager.default.contents(atPath: saved + "/" + file))
                #expect(bytes.last == UInt8(ascii: "\n"))
                let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
                let parsed = lines.compactMap { try? JSONParser.parse(String($0)) }
                #expect(parsed.count == lines.count)
                #expect(parsed.map { $0["ordinal"]?.intValue } == (0..<Int64(parsed.count)).map { $0 })
                let itemTypes = parsed.compactMap { $0["payload"]?["item"]?["type"]?.stringValue }
                #expect(itemTypes == ["UserMessage"])
            }
        }
    }
}
