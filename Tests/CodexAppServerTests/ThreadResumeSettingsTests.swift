import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// A cold `thread/resume` (a new app-server process) restores the last turn's settings, including a
/// turn-level override, applies and records the resume's own overrides, and continues the token totals.
@Suite(.serialized) struct ThreadResumeSettingsTests {
    @Test func coldResumeRestoresTheLastTurnsSettingsAndUsage() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let observed = try await ColdResumeScenario.run(server: server, home: home, binary: nil)
                #expect(observed["usageAfterTwoTurns"] == ["total": 24, "last": 12])
                #expect(
                    observed["resumed"]
                        == [
                            "approvalPolicy": "untrusted", "sandbox": "dangerFullAccess", "model": "other-model",
                            "reasoningEffort": "high", "cwd": "work",
                        ])
                #expect(observed["usageOnResume"] == ["total": 24, "last": 12])
                #expect(observed["usageAfterThirdTurn"] == ["total": 36, "last": 12])
                #expect(observed["thirdRequest"] == ["model": "other-model", "effort": "high"])
                #expect(
                    observed["forked"] == ["approvalPolicy": "untrusted", "model": "mock-model", "reasoningEffort": nil, "cwd": "work"])
                #expect(observed["overridden"] == ["approvalPolicy": "on-request", "sandbox": "readOnly", "model": "third-model"])
                #expect(
                    observed["modelWarning"]
                        == "This session was recorded with model `other-model` but is resuming with `third-model`. Consider switching back to `other-model` as it may affect Codex performance.")
                #expect(observed["afterOverride"] == ["approvalPolicy": "on-request", "sandbox": "readOnly", "model": "third-model"])
                // The resumed turn ran under the restored settings: its turn_context says so.
                let rollout = try #require(
                    try E2ERollouts.files(codexHome: home.codexHome).first { path in
                        try ColdResumeScenario.records(path).first?["payload"]?["forked_from_id"] == nil
                    })
                let contexts = try ColdResumeScenario.turnContexts(rollout)
                #expect(contexts.count == 4)
                #expect(contexts[2]["approval_policy"] == "untrusted")
                #expect(contexts[2]["sandbox_policy"]?["type"] == "danger-full-access")
                #expect(contexts[2]["model"] == "other-model")
                #expect(contexts[3]["approval_policy"] == "on-request")
                #expect(contexts[3]["turn_id"] == nil)
            }
        }
    }

    @Test func coldForkKeepsApprovalAndCwdButNotTheModelOrFullAccess() async throws {
        try await MockResponsesServer.withServer { server in
            server.enqueue(.assistantText("one"))
            try await CodexTestHome.withHome(server: server) { home in
                let source = try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["approvalPolicy": "never", "sandbox": "danger-full-access", "model": "model-a"])
                    let turnID = try await AppServerE2E.startTurn(
                        client, threadID: threadID, text: "first", extra: ["approvalPolicy": "untrusted"])
                    _ = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    return threadID
                }
                try await AppServerE2E.withServer(home: home) { client in
                    let fork = try await client.request("thread/fork", ["threadId": .string(source)])
                    let forkID = try #require(fork["thread"]?["id"]?.stringValue)
                    #expect(fork["thread"]?["forkedFromId"]?.stringValue == source)
                    #expect(forkID != source)
                    #expect(fork["approvalPolicy"] == "untrusted")
                    #expect(fork["sandbox"]?["type"] == "readOnly")
                    #expect(fork["model"] == "mock-model")
                    let usage = try await client.notification("thread/tokenUsage/updated") { $0["threadId"]?.stringValue == forkID }
                    #expect(usage["tokenUsage"]?["total"]?["inputTokens"] == 10)
                    // The fork's own settings are recorded in its rollout, the source's file is untouched.
                    let forkFile = try #require(try E2ERollouts.files(codexHome: home.codexHome).first { $0.hasSuffix("\(forkID).jsonl") })
                    let contexts = try ColdResumeScenario.turnContexts(forkFile)
                    #expect(contexts.last?["model"] == "mock-model")
                    #expect(contexts.last?["sandbox_policy"]?["type"] == "read-only")
                }
            }
        }
    }
}

/// The cold-resume steps, run against one binary (ours, or the reference's in the comparison test);
/// returns what each step answered, in a binary-neutral shape.
enum ColdResumeScenario {
    static func run(server: MockResponsesServer, home: CodexTestHome, binary: String?) async throws -> JSONObject {
        for index in 0..<3 {
            server.enqueue(.assistantText("answer \(index)", usage: MockUsage(inputTokens: 12, outputTokens: 3)))
        }
        var observed = JSONObject()
        let work = home.workDirectory
        let threadID = try await AppServerE2E.withServer(home: home, binary: binary) { client in
            let start = try await client.request(
                "thread/start", ["approvalPolicy": "never", "sandbox": "danger-full-access", "cwd": .string(work)])
            let threadID = try #require(start["thread"]?["id"]?.stringValue)
            let first = try await AppServerE2E.startTurn(client, threadID: threadID, text: "first")
            _ = try await AppServerE2E.completedTurn(client, turnID: first)
            let second = try await AppServerE2E.startTurn(
                client, threadID: threadID, text: "second",
                extra: ["approvalPolicy": "untrusted", "model": "other-model", "effort": "high"])
            let usage = try await client.notification("thread/tokenUsage/updated") { $0["turnId"]?.stringValue == second }
            observed["usageAfterTwoTurns"] = inputTokens(usage)
            _ = try await AppServerE2E.completedTurn(client, turnID: second)
            return threadID
        }
        try await AppServerE2E.withServer(home: home, binary: binary) { client in
            let resumed = try await client.request("thread/resume", ["threadId": .string(threadID)])
            observed["resumed"] = settings(resumed, work: work, withReasoning: true)
            let restored = try await client.notification("thread/tokenUsage/updated")
            observed["usageOnResume"] = inputTokens(restored)
            let third = try await AppServerE2E.startTurn(client, threadID: threadID, text: "third")
            let usage = try await client.notification("thread/tokenUsage/updated") { $0["turnId"]?.stringValue == third }
            observed["usageAfterThirdTurn"] = inputTokens(usage)
            _ = try await AppServerE2E.completedTurn(client, turnID: third)
            let body = server.requests.last?.body
            observed["thirdRequest"] = ["model": body?["model"] ?? .null, "effort": body?["reasoning"]?["effort"] ?? .null]
        }
        try await AppServerE2E.withServer(home: home, binary: binary) { client in
            // A cold fork keeps cwd and approval policy; model and effort are the configuration's (as the
            // reference's fork). Its sandbox is left out: the reference's default differs with the folder.
            let fork = try await client.request("thread/fork", ["threadId": .string(threadID)])
            observed["forked"] = [
                "approvalPolicy": fork["approvalPolicy"] ?? .null, "model": fork["model"] ?? .null,
                "reasoningEffort": fork["reasoningEffort"] ?? .null,
                "cwd": fork["cwd"]?.stringValue == work ? "work" : fork["cwd"] ?? .null,
            ]
        }
        try await AppServerE2E.withServer(home: home, binary: binary) { client in
            let resumed = try await client.request(
                "thread/resume",
                [
                    "threadId": .string(threadID), "approvalPolicy": "on-request", "sandbox": "read-only",
                    "model": "third-model",
                ])
            observed["overridden"] = settings(resumed, work: work, withReasoning: false)
            let warning = try await client.notification("warning")
            observed["modelWarning"] = warning["message"] ?? .null
        }
        try await AppServerE2E.withServer(home: home, binary: binary) { client in
            let resumed = try await client.request("thread/resume", ["threadId": .string(threadID)])
            observed["afterOverride"] = settings(resumed, work: work, withReasoning: false)
        }
        return observed
    }

    /// The lines of a rollout, parsed.
    static func records(_ path: String) throws -> [JSONValue] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// The `turn_context` payloads of a rollout, in order.
    static func turnContexts(_ path: String) throws -> [JSONValue] {
        try records(path).filter { $0["type"] == "turn_context" }.map { $0["payload"] ?? .null }
    }

    private static func settings(_ response: JSONValue, work: String, withReasoning: Bool) -> JSONValue {
        var object: JSONObject = [
            "approvalPolicy": response["approvalPolicy"] ?? .null, "sandbox": response["sandbox"]?["type"] ?? .null,
            "model": response["model"] ?? .null,
        ]
        if withReasoning {
            object["reasoningEffort"] = response["reasoningEffort"] ?? .null
            object["cwd"] = response["cwd"]?.stringValue == work ? "work" : response["cwd"] ?? .null
        }
        return .object(object)
    }

    private static func inputTokens(_ notification: JSONValue) -> JSONValue {
        let usage = notification["tokenUsage"]
        return ["total": usage?["total"]?["inputTokens"] ?? .null, "last": usage?["last"]?["inputTokens"] ?? .null]
    }
}
