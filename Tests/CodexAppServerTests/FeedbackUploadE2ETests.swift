@testable import CodexAppServer
import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `feedback/upload` from the built `codex app-server` to a fake Sentry on 127.0.0.1 (the mock
/// server's `…/envelope/` route, named by `CODEX_FEEDBACK_SENTRY_DSN`).
@Suite struct FeedbackUploadE2ETests {
    static func dsnEnvironment(_ server: MockResponsesServer) -> [String: String] {
        [SentryDSN.environmentVariable: "http://public@127.0.0.1:\(server.port)/42"]
    }

    static func envelopes(_ requests: [RecordedRequest]) throws -> [SentryEnvelopeReader] {
        try requests.filter { $0.path == "/api/42/envelope/" }.map { try SentryEnvelopeReader($0.bodyBytes) }
    }

    /// A report on a thread with a finished turn: the event, then the logs, the thread index, the
    /// rollout and the extra file, each in an envelope of its own under the event's id.
    @Test func aReportWithLogsCarriesTheRolloutAndTheExtraFiles() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("Hello there"))
            try await CodexTestHome.withHome(server: server) { home in
                let extraPath = try home.root.write("extra diagnostics\n", to: "work/extra.log")
                try await AppServerE2E.withServer(home: home, environment: Self.dsnEnvironment(server)) { client in
                    let threadID = try await AppServerE2E.startThread(client, ["cwd": .string(home.workDirectory)])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "hi")
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    // A malformed message: the server logs it, so the log attachment has a line to carry.
                    try await client.pipe.send(#"{"not":"a message"}"#)
                    let result = try await client.request(
                        "feedback/upload",
                        [
                            "classification": "bug", "reason": "it broke", "threadId": .string(threadID), "includeLogs": true,
                            "extraLogFiles": [.string(extraPath), .string(extraPath), .string(home.workDirectory + "/missing.log")],
                            "tags": ["thread_id": "spoofed", "custom": "kept", "prompt_hash": "client"],
                        ])
                    #expect(result["threadId"] == .string(threadID))

                    let rolloutPath = try #require(try E2ERollouts.files(codexHome: home.codexHome).first)
                    let rolloutBytes = try #require(FileManager.default.contents(atPath: rolloutPath))
                    let rollout = try JSONParser.parse(
                        String(decoding: rolloutBytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "")
                    // The hash of the session's base instructions when the rollout records them (null otherwise).
                    let instructions = rollout["payload"]?["base_instructions"]?["text"]?.stringValue
                    let promptHash = instructions.map(FeedbackTurnMetadata.normalizedPromptHash)
                    #expect(result["promptHash"] == (promptHash.map(JSONValue.string) ?? .null))

                    let envelopes = try Self.envelopes(try await server.waitForRequests(count: 5, pathSuffix: "/envelope/"))
                    try #require(envelopes.count == 5)
                    let eventID = envelopes[0].header["event_id"]
                    #expect(eventID?.stringValue?.count == 36)
                    #expect(envelopes.allSatisfy { $0.header["event_id"] == eventID && $0.items.count == 1 })

                    let event = try #require(envelopes[0].items.first?.json)
                    #expect(envelopes[0].items.first?.header["type"] == "event")
                    #expect(event["message"] == .string("[Bug]: Codex session \(threadID)"))
                    #expect(event["level"] == "error")
                    #expect(event["exception"]?["values"]?[0]?["value"] == "it broke")
                    let tags = try #require(event["tags"]?.objectValue)
                    #expect(tags["thread_id"] == .string(threadID))
                    #expect(tags["classification"] == "bug")
                    #expect(tags["reason"] == "it broke")
                    #expect(tags["cli_version"] == "0.163.0")
                    #expect(tags["session_source"] == "vscode")
                    #expect(tags["custom"] == "kept")
                    #expect(tags["prompt_hash"] == promptHash.map(JSONValue.string))
                    #expect(tags["model"] == .string(SSE.defaultModel))
                    #expect(tags["effort"]?.stringValue?.hasPrefix("Some(") == true || tags["effort"] == "None")

                    let attachments = envelopes.dropFirst().compactMap(\.items.first)
                    #expect(attachments.allSatisfy { $0.header["type"] == "attachment" })
                    let rolloutName = String(rolloutPath.split(separator: "/").last ?? "")
                    #expect(
                        attachments.map { $0.header["filename"]?.stringValue ?? "" }
                            == ["codex-logs.log", "feedback-thread-index.json", rolloutName, "extra.log"])
                    #expect(
                        attachments.map { $0.header["content_type"]?.stringValue ?? "" }
                            == ["text/plain", "application/json", "text/plain", "text/plain"])
                    #expect(attachments[0].text.contains("invalid message"))
                    let index = try #require(attachments[1].json)
                    #expect(index["threads"] == [["thread_id": .string(threadID), "rollout_filename": .string(rolloutName), "guardian_rollout_filename": .null]])
                    #expect(Array(rolloutBytes).starts(with: attachments[2].payload) && !attachments[2].payload.isEmpty)
                    #expect(attachments[3].text == "extra diagnostics\n")

                    let auth = try #require(server.requests.last?.header("X-Sentry-Auth"))
                    #expect(auth.hasPrefix("Sentry sentry_key=public, sentry_version=7, sentry_timestamp="))
                }
            }
        }
    }

    /// Without a thread or logs only the event goes, filed under a fresh `no-active-thread-` id; a
    /// ChatGPT login adds who reported it.
    @Test func aReportWithoutAThreadSendsOnlyTheEvent() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let auth: JSONValue = [
                    "auth_mode": "chatgpt", "OPENAI_API_KEY": nil,
                    "tokens": [
                        "id_token": .string(FakeIssuer.idToken(email: "u@example.com", plan: "pro", accountID: "acct-1")),
                        "access_token": .string(FakeIssuer.accessToken(serial: 1, expiresAt: 4_102_444_800)),
                        "refresh_token": "rt-1", "account_id": "acct-1",
                    ],
                    "last_refresh": "2026-12-05T00:00:00Z",
                ]
                _ = try home.root.write(auth.serialized(), to: "codex_home/auth.json")
                try await AppServerE2E.withServer(home: home, environment: Self.dsnEnvironment(server)) { client in
                    let result = try await client.request("feedback/upload", ["classification": "good_result"])
                    let threadID = try #require(result["threadId"]?.stringValue)
                    #expect(threadID.hasPrefix("no-active-thread-"))
                    #expect(result["promptHash"] == .null)
                    let envelopes = try Self.envelopes(server.requests)
                    try #require(envelopes.count == 1)
                    let event = try #require(envelopes[0].items.first?.json)
                    #expect(event["level"] == "info")
                    #expect(event["message"] == .string("[Good result]: Codex session \(threadID)"))
                    #expect(event["tags"]?["thread_id"] == .string(threadID))
                    #expect(event["exception"] == nil)
                    #expect(event["tags"]?["chatgpt_user_id"] == "user-1")
                    #expect(event["tags"]?["account_id"] == "acct-1")
                }
            }
        }
    }

    /// `[feedback] enabled = false`: -32600 and nothing reaches the backend, whatever the params.
    @Test func aDisabledConfigRefusesAndSendsNothing() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                try home.writeConfig(baseURL: server.baseURL, extraTablesTOML: "[feedback]\nenabled = false")
                try await AppServerE2E.withServer(home: home, environment: Self.dsnEnvironment(server)) { client in
                    for params: JSONValue in [["classification": "bug"], ["classification": "bug", "includeLogs": true, "threadId": "nope"]] {
                        let id = try await client.sendRequest("feedback/upload", params)
                        let answer = try await client.next(timeout: .seconds(20)) { $0["id"] == .int(id) }
                        #expect(answer["error"]?["code"] == -32600)
                        #expect(answer["error"]?["message"] == "sending feedback is disabled by configuration")
                    }
                    #expect(server.requests.isEmpty)
                }
            }
        }
    }

    /// Sentry refusing the event fails the request with its status; nothing else is sent.
    @Test func aRejectedEventFailsTheUpload() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueueEnvelopeStatuses(503)
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home, environment: Self.dsnEnvironment(server)) { client in
                    let message = try await client.errorMessage(
                        of: "feedback/upload", ["classification": "bug", "includeLogs": true])
                    #expect(message == "failed to upload feedback: Sentry rejected feedback upload with HTTP status 503 Service Unavailable")
                    #expect(try Self.envelopes(server.requests).count == 1)
                }
            }
        }
    }

    /// An attachment Sentry keeps refusing is tried three times; the others still go, and the request
    /// then fails saying the report was accepted.
    @Test func aFailedAttachmentIsRetriedAndReported() async throws {
        try await MockResponsesServer.withServer { server in
            // The event, then the log attachment three times.
            server.enqueueEnvelopeStatuses(200, 500, 502, 500)
            try await CodexTestHome.withHome(server: server) { home in
                let extraPath = try home.root.write("x\n", to: "work/extra.txt")
                try await AppServerE2E.withServer(home: home, environment: Self.dsnEnvironment(server)) { client in
                    let message = try await client.errorMessage(
                        of: "feedback/upload", ["classification": "bug", "includeLogs": true, "extraLogFiles": [.string(extraPath)]])
                    #expect(message == "failed to upload feedback: feedback report was accepted, but some attachments failed to upload")
                    let names = try Self.envelopes(server.requests).dropFirst().map {
                        $0.items.first?.header["filename"]?.stringValue ?? ""
                    }
                    #expect(names == ["codex-logs.log", "codex-logs.log", "codex-logs.log", "extra.txt"])
                }
            }
        }
    }

    /// A backend that is not there fails the request with the reference's prefix; the answer is an error, not a hang.
    @Test func anUnreachableBackendFailsTheUpload() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            // Port 9 on 127.0.0.1 (discard) has no listener here: the connection is refused.
            let environment = [SentryDSN.environmentVariable: "http://public@127.0.0.1:9/42"]
            try await AppServerE2E.withServer(home: home, environment: environment) { client in
                let message = try await client.errorMessage(of: "feedback/upload", ["classification": "bug"])
                #expect(message.hasPrefix("failed to upload feedback: failed to upload feedback to Sentry: "))
            }
        }
    }
}
