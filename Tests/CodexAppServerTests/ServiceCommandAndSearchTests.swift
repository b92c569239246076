import CodexAppServer
import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// command/exec and fuzzyFileSearch.
@Suite struct ServiceCommandAndSearchTests {
    static let fullAccess: JSONValue = ["type": "dangerFullAccess"]

    /// `codex-sandbox-test-helper`, built next to the test bundle by `swift build --build-tests`.
    static let helperPath: String = {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("codex-sandbox-test-helper").path
    }()

    @Test func execReturnsExitCodeAndSeparateOutput() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try await fixture.withServices { client in
            let result = try await client.call(
                "command/exec",
                [
                    "command": ["/bin/sh", "-c", "echo out; echo err >&2; pwd; exit 3"], "sandboxPolicy": Self.fullAccess,
                    "cwd": .string(fixture.work),
                ])
            #expect(result["exitCode"] == 3)
            #expect(result["stdout"] == .string("out\n\(fixture.work)\n"))
            #expect(result["stderr"] == "err\n")

            let env = try await client.call(
                "command/exec",
                ["command": ["/bin/sh", "-c", "echo $GREETING"], "sandboxPolicy": Self.fullAccess, "env": ["GREETING": "hi"]])
            #expect(env["stdout"] == "hi\n")

            let timedOut = try await client.call(
                "command/exec", ["command": ["/bin/sleep", "5"], "sandboxPolicy": Self.fullAccess, "timeoutMs": 200])
            #expect(timedOut["exitCode"] != 0)

            let empty = try await client.failure("command/exec", ["command": []])
            #expect(empty["code"] == -32600)
            #expect(empty["message"] == "command must not be empty")

            let missing = try await client.failure(
                "command/exec", ["command": ["/no/such/program"], "sandboxPolicy": Self.fullAccess])
            #expect(missing["code"] == -32603)
            #expect(missing["message"] == "failed to spawn command: No such file or directory (os error 2)")
        }
    }

    @Test func execUnderWorkspaceWriteCannotWriteOutsideItsRoots() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        guard FileManager.default.isExecutableFile(atPath: Self.helperPath) else {
            Issue.record("sandbox helper missing at \(Self.helperPath)")
            return
        }
        let outside = try fixture.root.makeDirectory("outside")
        let policy: JSONValue = [
            "type": "workspaceWrite", "writableRoots": [], "networkAccess": false, "excludeTmpdirEnvVar": true,
            "excludeSlashTmp": true,
        ]
        try await fixture.withServices(host: fixture.host(sandboxHelper: Self.helperPath)) { client in
            let probe = try await client.call(
                "command/exec", ["command": ["/bin/true"], "sandboxPolicy": ["type": "readOnly"], "cwd": .string(fixture.work)])
            guard probe["exitCode"] == 0 else {
                print("SKIPPED: the sandbox helper cannot confine commands here: \(probe.serialized())")
                return
            }
            let inside = try await client.call(
                "command/exec",
                ["command": ["/bin/sh", "-c", "echo ok > inside.txt"], "sandboxPolicy": policy, "cwd": .string(fixture.work)])
            #expect(inside["exitCode"] == 0)
            #expect(FileManager.default.fileExists(atPath: fixture.work + "/inside.txt"))

            let denied = try await client.call(
                "command/exec",
                [
                    "command": ["/bin/sh", "-c", .string("echo no > '\(outside)/escaped.txt'")], "sandboxPolicy": policy,
                    "cwd": .string(fixture.work),
                ])
            #expect(denied["exitCode"] != 0)
            let message = (denied["stderr"]?.stringValue ?? "").lowercased()
            #expect(message.contains("read-only file system") || message.contains("permission denied"))
            #expect(!FileManager.default.fileExists(atPath: outside + "/escaped.txt"))
        }
    }

    /// Answers as the reference's (0.163.0) on the same files: `.git` is searched like any folder.
    @Test func fuzzySearchRanksAsTheReference() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        for file in [
            "work/src/main.swift", "work/src/my_animation.txt", "work/docs/config.md", "work/.git/config",
            "work/README.md",
        ] {
            try fixture.write("x", to: file)
        }
        try await fixture.withServices { client in
            let result = try await client.call("fuzzyFileSearch", ["query": "main", "roots": [.string(fixture.work)]])
            let files = try #require(result["files"]?.arrayValue)
            #expect(files.map { $0["path"] } == ["src/main.swift", "src/my_animation.txt"])
            #expect(files.first?["file_name"] == "main.swift")
            #expect(files.first?["match_type"] == "file")
            #expect(files.first?["root"] == .string(fixture.work))
            #expect(files.first?["indices"] == [4, 5, 6, 7])
            #expect(files.map { $0["score"] } == [109, 76])
            #expect(files.last?["indices"] == [4, 7, 9, 15])

            let config = try await client.call("fuzzyFileSearch", ["query": "config", "roots": [.string(fixture.work)]])
            #expect(config["files"]?.arrayValue?.map { $0["path"] } == [".git/config", "docs/config.md"])
            #expect(config["files"]?.arrayValue?.map { $0["score"] } == [159, 159])

            let folders = try await client.call("fuzzyFileSearch", ["query": "docs", "roots": [.string(fixture.work)]])
            #expect(folders["files"]?[0]?["match_type"] == "directory")
            #expect(folders["files"]?.arrayValue?.map { $0["path"] } == ["docs", "docs/config.md"])

            let empty = try await client.call("fuzzyFileSearch", ["query": "", "roots": [.string(fixture.work)]])
            #expect(empty["files"] == [])
        }
    }

    /// The session methods are experimental, answered as the reference answers them.
    @Test func searchSessionsNeedTheExperimentalCapabilityAndRoots() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.write("x", to: "work/src/main.swift")
        var handlers = AppServerHandlers()
        registerServiceHandlers(on: &handlers, runtime: fixture.host())
        try await withConnection(handlers: handlers) { client, _ in
            let params: JSONValue = [
                "clientInfo": ["name": "plain", "title": nil, "version": "1"], "capabilities": ["experimentalApi": false],
            ]
            _ = try await client.request("initialize", id: "init", params: params)
            await client.send(["method": "initialized"])
            let refused = try await client.request(
                "fuzzyFileSearch/sessionStart", id: 2, params: ["sessionId": "s", "roots": [.string(fixture.work)]])
            #expect(refused["error"]?["code"] == -32600)
            #expect(refused["error"]?["message"] == "fuzzyFileSearch/sessionStart requires experimentalApi capability")
            let oneShot = try await client.request(
                "fuzzyFileSearch", id: 3, params: ["query": "main", "roots": [.string(fixture.work)]])
            #expect(oneShot["result"]?["files"]?.arrayValue?.count == 1)
        }
        try await fixture.withServices { client in
            let noRoots = try await client.failure("fuzzyFileSearch/sessionStart", ["sessionId": "s", "roots": []])
            #expect(noRoots["code"] == -32603)
            #expect(
                noRoots["message"]
                    == "failed to start fuzzy file search session: at least one search directory is required")
            _ = try await client.call("fuzzyFileSearch/sessionStart", ["sessionId": "s", "roots": [.string(fixture.work)]])
            #expect(try await client.notification("fuzzyFileSearch/sessionUpdated")["query"] == "")
            _ = try await client.notification("fuzzyFileSearch/sessionCompleted")
            _ = try await client.call("fuzzyFileSearch/sessionUpdate", ["sessionId": "s", "query": "main"])
            let updated = try await client.notification("fuzzyFileSearch/sessionUpdated")
            #expect(updated["files"]?.arrayValue?.map { $0["path"] } == ["src/main.swift"])
            _ = try await client.notification("fuzzyFileSearch/sessionCompleted")
            _ = try await client.call("fuzzyFileSearch/sessionStop", ["sessionId": "s"])
            _ = try await client.call("fuzzyFileSearch/sessionStop", ["sessionId": "s"])
        }
    }
}
