import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import NIOWebSocket
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `codex app-server --listen ws://` and `unix://`, end to end: the same protocol as stdio, one JSON-RPC
/// message per WebSocket text frame.
@Suite(.serialized) struct WebSocketTransportTests {
    @Test func webSocketClientRunsATurnWithACommandApproval() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(
                .functionCall(
                    callID: "call_1", name: "shell_command", arguments: ["command": "echo approved > ws.txt"]),
                .assistantText("done"))
            try await CodexTestHome.withHome(server: server) { home in
                try await WebSocketE2E.withListener(home: home) { listener in
                    let client = try await listener.client()
                    let threadID = try await AppServerE2E.startThread(
                        client,
                        ["cwd": .string(home.workDirectory), "approvalPolicy": "untrusted", "sandbox": "danger-full-access"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "write the file")
                    let (id, params) = try await client.serverRequest("item/commandExecution/requestApproval")
                    #expect(params["threadId"]?.stringValue == threadID)
                    try await client.reply(
                        to: id, result: ["decision": "accept"], method: "item/commandExecution/requestApproval")
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    #expect(FileManager.default.fileExists(atPath: home.workDirectory + "/ws.txt"))
                    let read = try await client.request("thread/read", ["threadId": .string(threadID), "includeTurns": true])
                    let items = read["thread"]?["turns"]?.arrayValue?.first?["items"]?.arrayValue ?? []
                    #expect(items.contains { $0["type"] == "commandExecution" && $0["status"] == "completed" })
                }
            }
        }
    }

    @Test func pingIsAnsweredAndCloseIsEchoedWithItsCode() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await WebSocketE2E.withListener(home: home) { listener in
                let socket = try await WebSocketTestClient.connect(listener.endpoint)
                try await socket.send(opcode: .ping, payload: Array("are you there".utf8))
                #expect(try await socket.nextControl() == "pong:are you there")
                // A bad message is answered with a parse error and the connection stays up.
                try await socket.send(text: "{not json")
                let answer = try JSONParser.parse(try #require(try await socket.nextText()))
                #expect(answer["error"]?["code"] == -32700)
                var payload: [UInt8] = [0x0F, 0xA0]  // 4000, an application code
                payload += Array("bye".utf8)
                try await socket.send(opcode: .connectionClose, payload: payload)
                #expect(try await socket.nextControl() == "close:4000")
                #expect(try await socket.nextText() == nil)
            }
        }
    }

    @Test func readinessAndPlainRequestsAnswerOverHTTP() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await WebSocketE2E.withListener(home: home) { listener in
                let ready = try await HTTPProbe.get(host: "127.0.0.1", port: listener.port, path: "/readyz")
                #expect(ready.hasPrefix("HTTP/1.1 200"))
                let health = try await HTTPProbe.get(host: "127.0.0.1", port: listener.port, path: "/healthz")
                #expect(health.hasPrefix("HTTP/1.1 200"))
                let plain = try await HTTPProbe.get(host: "127.0.0.1", port: listener.port)
                #expect(plain.hasPrefix("HTTP/1.1 400"))
                #expect(plain.hasSuffix("Connection header did not include 'upgrade'"))
            }
        }
    }

    @Test func capabilityTokenListenerRejectsMissingAndWrongTokensBeforeTheUpgrade() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            let tokenFile = try home.root.write("s3cret-token\n", to: "token")
            let arguments = ["--ws-auth", "capability-token", "--ws-token-file", tokenFile]
            try await WebSocketE2E.withListener(home: home, extraArguments: arguments) { listener in
                let missing = try await HTTPProbe.get(
                    host: "127.0.0.1", port: listener.port, headers: HTTPProbe.upgradeHeaders())
                #expect(missing.hasPrefix("HTTP/1.1 401"))
                #expect(missing.hasSuffix("missing websocket bearer token"))
                let wrong = try await HTTPProbe.get(
                    host: "127.0.0.1", port: listener.port,
                    headers: HTTPProbe.upgradeHeaders([("Authorization", "Bearer s3cret-tokeN")]))
                #expect(wrong.hasPrefix("HTTP/1.1 401"))
                #expect(wrong.hasSuffix("invalid websocket bearer token"))
                await #expect(throws: WebSocketTestClient.NotUpgraded.self) {
                    _ = try await WebSocketTestClient.connect(listener.endpoint)
                }
                let client = try await listener.client(headers: [("Authorization", "Bearer s3cret-token")])
                let models = try await client.request("model/list", [:])
                #expect(models["data"]?.arrayValue != nil)
            }
        }
    }

    @Test func capabilityTokenDigestIsAccepted() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            // SHA-256 of "abc".
            let digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            let arguments = ["--ws-auth", "capability-token", "--ws-token-sha256", digest]
            try await WebSocketE2E.withListener(home: home, extraArguments: arguments) { listener in
                let wrong = try await HTTPProbe.get(
                    host: "127.0.0.1", port: listener.port,
                    headers: HTTPProbe.upgradeHeaders([("Authorization", "Bearer abcd")]))
                #expect(wrong.hasPrefix("HTTP/1.1 401"))
                _ = try await listener.client(headers: [("Authorization", "Bearer abc")])
            }
        }
    }

    @Test func unixSocketIsPrivateServesWebSocketFramingAndIsRemovedAtStop() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            try await WebSocketE2E.withListener(home: home, listen: "unix://") { listener in
                let path = home.codexHome + "/app-server-control/app-server-control.sock"
                guard case .unixSocket(let bound) = listener.endpoint else {
                    Issue.record("expected a unix socket, got \(listener.endpoint)")
                    return
                }
                #expect(bound == path)
                #expect(try Self.permissions(path) == 0o600)
                #expect(try Self.permissions(home.codexHome + "/app-server-control") == 0o700)
                let client = try await listener.client()
                _ = try await AppServerE2E.startThread(client, ["cwd": .string(home.workDirectory)])
                listener.process.send(signal: SIGTERM)
                #expect(try await listener.process.waitForExit(timeout: .seconds(20)) == .exited(0))
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }
    }

    private static func permissions(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test func listenUsageErrorsMatchTheReference() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            let binary = try CodexBinary.locate()
            let cases: [([String], Int32, String)] = [
                (
                    ["--listen", "bogus"], 2,
                    "error: invalid value 'bogus' for '--listen <URL>': unsupported --listen URL `bogus`; expected "
                        + "`stdio://`, `unix://`, `unix://PATH`, `ws://IP:PORT`, or `off`\n\nFor more information, try '--help'.\n"
                ),
                (
                    ["--listen", "ws://localhost:1"], 2,
                    "error: invalid value 'ws://localhost:1' for '--listen <URL>': invalid websocket --listen URL "
                        + "`ws://localhost:1`; expected `ws://IP:PORT`\n\nFor more information, try '--help'.\n"
                ),
                (
                    ["--listen", "ws://0.0.0.0:0"], 1,
                    "Error: refusing to start non-loopback websocket listener 0.0.0.0:0 without auth; configure "
                        + "`--ws-auth capability-token` or `--ws-auth signed-bearer-token`\n"
                ),
                (["--listen", "off"], 1, "Error: no transport configured; use --listen or enable remote control\n"),
                (
                    ["--listen", "ws://127.0.0.1:0", "--ws-token-file", "/nonexistent"], 1,
                    "Error: websocket auth flags require `--ws-auth capability-token` or `--ws-auth signed-bearer-token`\n"
                ),
                (
                    ["--listen", "ws://127.0.0.1:0", "--ws-auth", "capability-token"], 1,
                    "Error: `--ws-token-file` or `--ws-token-sha256` is required when `--ws-auth capability-token` is set\n"
                ),
                (
                    ["--ws-auth", "capability-token", "--ws-token-sha256", "abc"], 1,
                    "Error: --ws-token-sha256 must be a 64-character hex SHA-256 digest\n"
                ),
                (
                    ["--ws-auth", "capability-token", "--ws-token-file", "/nonexistent"], 1,
                    "Error: failed to read websocket auth secret /nonexistent: No such file or directory (os error 2)\n"
                ),
            ]
            for (arguments, code, stderr) in cases {
                let result = try await ChildProcess.run(
                    home.codexSpec(["app-server"] + arguments, binary: binary), timeout: .seconds(20))
                #expect(result.exit == .exited(code), "\(arguments)")
                #expect(result.stderr == stderr, "\(arguments)")
            }
        }
    }
}
