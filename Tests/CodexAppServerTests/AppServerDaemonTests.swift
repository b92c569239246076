import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `codex app-server daemon start|stop|restart|version` and `proxy`, end to end.
@Suite(.serialized) struct AppServerDaemonTests {
    private static func status(_ result: ProcessResult) throws -> JSONValue {
        try JSONParser.parse(bytes: Array(result.stdout.utf8))
    }

    /// Ends a daemon a failed test left running (it runs in a process group of its own, out of the harness's reach).
    private static func killLeftover(_ home: CodexTestHome) {
        let path = home.codexHome + "/app-server-daemon/daemon.pid"
        guard let data = FileManager.default.contents(atPath: path), let record = try? JSONParser.parse(bytes: Array(data)),
            let pid = record["pid"]?.intValue
        else { return }
        kill(pid_t(pid), SIGKILL)
    }

    @Test func racingStartsRunOneDaemonWhichProxyReachesAndStopLeavesNoSocket() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            defer { Self.killLeftover(home) }
            let binary = try CodexBinary.locate()
            let start = home.codexSpec(["app-server", "daemon", "start"], binary: binary)
            async let first = ChildProcess.run(start, timeout: .seconds(60))
            async let second = ChildProcess.run(start, timeout: .seconds(60))
            let results = try await [first, second]
            for result in results { #expect(result.exit == .exited(0), "stderr: \(result.stderr)") }
            let statuses = try results.map { try Self.status($0)["status"]?.stringValue ?? "" }.sorted()
            #expect(statuses == ["alreadyRunning", "running"])
            let socket = home.codexHome + "/app-server-control/app-server-control.sock"
            #expect(try Self.status(results[0])["socketPath"]?.stringValue == socket)

            let version = try await ChildProcess.run(
                home.codexSpec(["app-server", "daemon", "version"], binary: binary), timeout: .seconds(30))
            let versionStatus = try Self.status(version)
            #expect(versionStatus["status"] == "running")
            #expect(versionStatus["appServerVersion"] == versionStatus["cliVersion"])

            // A client of the daemon, straight on its socket, and through `proxy` (bytes relayed both ways).
            let client = AppServerClient(try await WebSocketTestClient.connect(.unixSocket(path: socket)))
            try await client.initialize(name: "daemon-client")
            _ = try await AppServerE2E.startThread(client, ["cwd": .string(home.workDirectory)])
            let proxied = try await ChildProcess.withProcess(
                home.codexSpec(["app-server", "proxy", "--sock", socket], binary: binary, standardInput: .writable)
            ) { proxy in
                try await proxy.write("GET /readyz HTTP/1.1\r\nHost: daemon\r\n\r\n")
                try await proxy.closeStandardInput()
                let exit = try await proxy.waitForExit(timeout: .seconds(20))
                try await proxy.waitForOutputEnd(timeout: .seconds(5))
                return (exit, proxy.stdoutSoFar)
            }
            #expect(proxied.0 == .exited(0))
            #expect(proxied.1.hasPrefix("HTTP/1.1 200"))

            let stop = try await ChildProcess.run(
                home.codexSpec(["app-server", "daemon", "stop"], binary: binary), timeout: .seconds(30))
            #expect(try Self.status(stop)["status"] == "stopped")
            #expect(!FileManager.default.fileExists(atPath: socket))
            let again = try await ChildProcess.run(
                home.codexSpec(["app-server", "daemon", "stop"], binary: binary), timeout: .seconds(30))
            #expect(try Self.status(again)["status"] == "notRunning")
        }
    }

    @Test func restartReplacesTheDaemonAndProxyWithoutOneFails() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            defer { Self.killLeftover(home) }
            let binary = try CodexBinary.locate()
            let proxy = try await ChildProcess.run(
                home.codexSpec(["app-server", "proxy"], binary: binary), timeout: .seconds(30))
            #expect(proxy.exit == .exited(1))
            #expect(proxy.stderr.hasPrefix("Error: failed to connect to \(home.codexHome)/app-server-control/"))
            let started = try await ChildProcess.run(
                home.codexSpec(["app-server", "daemon", "start"], binary: binary), timeout: .seconds(60))
            let firstPID = try Self.status(started)["status"]
            #expect(firstPID == "running")
            let pidFile = home.codexHome + "/app-server-daemon/daemon.pid"
            let before = try JSONParser.parse(bytes: Array(try #require(FileManager.default.contents(atPath: pidFile))))
            let restarted = try await ChildProcess.run(
                home.codexSpec(["app-server", "daemon", "restart"], binary: binary), timeout: .seconds(60))
            #expect(try Self.status(restarted)["status"] == "running")
            let after = try JSONParser.parse(bytes: Array(try #require(FileManager.default.contents(atPath: pidFile))))
            #expect(before["pid"] != after["pid"])
            if let old = before["pid"]?.intValue { #expect(kill(pid_t(old), 0) != 0) }
            let stop = try await ChildProcess.run(
                home.codexSpec(["app-server", "daemon", "stop"], binary: binary), timeout: .seconds(30))
            #expect(try Self.status(stop)["status"] == "stopped")
        }
    }

    @Test func stoppingTheDaemonInterruptsATurnWaitingOnApprovalAndFlushesItsRollout() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(callID: "call_1", name: "shell_command", arguments: ["command": "echo never > never.txt"]),
                .assistantText("done"))
            try await CodexTestHome.withHome(server: server) { home in
                defer { Self.killLeftover(home) }
                let binary = try CodexBinary.locate()
                let start = try await ChildProcess.run(
                    home.codexSpec(["app-server", "daemon", "start"], binary: binary), timeout: .seconds(60))
                #expect(try Self.status(start)["status"] == "running")
                let socket = home.codexHome + "/app-server-control/app-server-control.sock"
                let client = AppServerClient(try await WebSocketTestClient.connect(.unixSocket(path: socket)))
                try await client.initialize(name: "daemon-client")
                let started = try await client.request(
                    "thread/start",
                    ["cwd": .string(home.workDirectory), "approvalPolicy": "untrusted", "sandbox": "danger-full-access"])
                let rollout = try #require(started["thread"]?["path"]?.stringValue)
                let threadID = try #require(started["thread"]?["id"]?.stringValue)
                _ = try await AppServerE2E.startTurn(client, threadID: threadID, text: "run it")
                _ = try await client.serverRequest("item/commandExecution/requestApproval")
                let stop = try await ChildProcess.run(
                    home.codexSpec(["app-server", "daemon", "stop"], binary: binary), timeout: .seconds(30))
                #expect(try Self.status(stop)["status"] == "stopped")
                let text = String(decoding: try #require(FileManager.default.contents(atPath: rollout)), as: UTF8.self)
                #expect(text.contains("\"turn_aborted\""))
                #expect(!FileManager.default.fileExists(atPath: home.workDirectory + "/never.txt"))
            }
        }
    }
}
