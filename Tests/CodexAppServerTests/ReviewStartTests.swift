import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `review/start`: a review of a temporary repository's uncommitted changes runs as a turn whose
/// `enteredReviewMode` / `exitedReviewMode` items and final agent message carry the findings; review
/// turns refuse `turn/steer` and `turn/start` with `activeTurnNotSteerable`. Every message is checked
/// against the reference schema.
@Suite(.serialized) struct ReviewStartTests {
    static func reviewJSON(repository: String) -> String {
        """
        {"findings":[{"title":"[P2] Missing newline","body":"The file lost its final newline.","confidence_score":0.6,\
        "priority":2,"code_location":{"absolute_file_path":"\(repository)/a.txt","line_range":{"start":1,"end":1}}}],\
        "overall_correctness":"patch is incorrect","overall_explanation":"A formatting slip.","overall_confidence_score":0.5}
        """
    }

    @Test func uncommittedReviewReportsItsFindingsAsItems() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let repository = try await TestGitRepository.create(at: home.workDirectory)
                try repository.write("a.txt", "one\n")
                try await repository.commitAll("init")
                try repository.write("a.txt", "one")
                let json = Self.reviewJSON(repository: repository.path)
                server.enqueue(MockReply.assistantText(json).holding(afterEvents: 1), .assistantText("after review"))
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client, ["cwd": .string(repository.path)])
                    let result = try await client.request(
                        "review/start", ["threadId": .string(threadID), "target": ["type": "uncommittedChanges"]])
                    #expect(result["reviewThreadId"]?.stringValue == threadID)
                    let turnID = try #require(result["turn"]?["id"]?.stringValue)
                    #expect(result["turn"]?["status"] == "inProgress")
                    let hint = result["turn"]?["items"]?.arrayValue?.first
                    #expect(hint?["type"] == "userMessage")
                    #expect(hint?["content"]?.arrayValue?.first?["text"] == "current changes")

                    let entered = try await client.notification("item/completed") { $0["item"]?["type"] == "enteredReviewMode" }
                    #expect(entered["item"]?["review"] == "current changes")
                    #expect(entered["turnId"]?.stringValue == turnID)

                    // While the reviewer works, the turn takes no input.
                    try await server.waitUntilHeld()
                    let input: JSONValue = [["type": "text", "text": "also this", "text_elements": []]]
                    let steerID = try await client.sendRequest(
                        "turn/steer", ["threadId": .string(threadID), "input": input, "expectedTurnId": .string(turnID)])
                    let steer = try await client.next(timeout: .seconds(20)) { $0["id"] == .int(steerID) }
                    #expect(steer["error"]?["code"] == -32600)
                    #expect(steer["error"]?["message"] == "cannot steer a review turn")
                    #expect(steer["error"]?["data"]?["codexErrorInfo"] == ["activeTurnNotSteerable": ["turnKind": "review"]])
                    let startID = try await client.sendRequest("turn/start", ["threadId": .string(threadID), "input": input])
                    let start = try await client.next(timeout: .seconds(20)) { $0["id"] == .int(startID) }
                    #expect(start["error"]?["data"]?["codexErrorInfo"] == ["activeTurnNotSteerable": ["turnKind": "review"]])
                    server.release()

                    let rendered =
                        "A formatting slip.\n\nReview comment:\n\n- [P2] Missing newline — \(repository.path)/a.txt:1-1\n"
                        + "  The file lost its final newline."
                    let exited = try await client.notification("item/completed") { $0["item"]?["type"] == "exitedReviewMode" }
                    #expect(exited["item"]?["review"] == .string(rendered))
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    #expect(turn["items"]?.arrayValue?.last?["text"] == .string(rendered))

                    let methods = await client.seen.compactMap { message -> String? in
                        guard message["params"]?["threadId"]?.stringValue == threadID,
                            let method = message["method"]?.stringValue, method.hasPrefix("item/") || method.hasPrefix("turn/")
                        else { return nil }
                        return method + ":" + (message["params"]?["item"]?["type"]?.stringValue ?? "")
                    }
                    #expect(
                        methods == [
                            "turn/started:", "item/started:enteredReviewMode", "item/completed:enteredReviewMode",
                            "item/started:userMessage", "item/completed:userMessage", "item/started:exitedReviewMode",
                            "item/completed:exitedReviewMode", "item/started:agentMessage", "item/completed:agentMessage",
                            "turn/completed:",
                        ])

                    let requests = try await server.waitForRequests(count: 1, pathSuffix: "/responses")
                    let guidelines = requests[0].inputItems.first?["content"]?.arrayValue?.first?["text"]?.stringValue
                    #expect(guidelines?.hasPrefix("# Review guidelines:") == true)

                    // The next turn's model sees the review as the reference records it.
                    let next = try await AppServerE2E.startTurn(client, threadID: threadID, text: "fix it")
                    _ = try await AppServerE2E.completedTurn(client, turnID: next)
                    let followUp = try await server.waitForRequests(count: 2, pathSuffix: "/responses")[1]
                    #expect(followUp.userTexts.contains { $0.hasPrefix("<user_action>\n  <context>User initiated a review task.") })
                    #expect(!(followUp.body?.serialized().contains("Review guidelines") ?? true))

                    // thread/read rebuilds the review turn's items from the rollout.
                    let read = try await client.request("thread/read", ["threadId": .string(threadID), "includeTurns": true])
                    let reviewTurn = read["thread"]?["turns"]?.arrayValue?.first { $0["id"]?.stringValue == turnID }
                    let types = reviewTurn?["items"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
                    #expect(types.contains("enteredReviewMode") && types.contains("exitedReviewMode"))
                }
            }
        }
    }

    @Test func interruptedReviewEndsWithoutAResult() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let repository = try await TestGitRepository.create(at: home.workDirectory)
                try repository.write("a.txt", "one\n")
                try await repository.commitAll("init")
                server.enqueue(MockReply.assistantText("never finished").holding(afterEvents: 1), .assistantText("next"))
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client, ["cwd": .string(repository.path)])
                    let result = try await client.request(
                        "review/start", ["threadId": .string(threadID), "target": ["type": "commit", "sha": "HEAD"]])
                    let turnID = try #require(result["turn"]?["id"]?.stringValue)
                    try await server.waitUntilHeld()
                    _ = try await client.request("turn/interrupt", ["threadId": .string(threadID), "turnId": .string(turnID)])
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "interrupted")
                    let exited = try await client.notification("item/completed") { $0["item"]?["type"] == "exitedReviewMode" }
                    #expect(exited["item"]?["review"] == "Reviewer failed to output a response.")
                    server.release()

                    // The thread takes turns again, and its model learns the review was interrupted.
                    let next = try await AppServerE2E.startTurn(client, threadID: threadID, text: "what now")
                    let nextTurn = try await AppServerE2E.completedTurn(client, turnID: next)
                    #expect(nextTurn["status"] == "completed")
                    let requests = try await server.waitForRequests(count: 2, pathSuffix: "/responses")
                    #expect(
                        requests[1].userTexts.contains {
                            $0.hasPrefix("<user_action>\n  <context>User initiated a review task, but was interrupted.")
                        })
                }
            }
        }
    }

    @Test func blankTargetsAreRefused() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(client)
                    let cases: [(JSONValue, String)] = [
                        (["type": "baseBranch", "branch": " "], "branch must not be empty"),
                        (["type": "commit", "sha": ""], "sha must not be empty"),
                        (["type": "custom", "instructions": "  "], "instructions must not be empty"),
                    ]
                    for (target, message) in cases {
                        let error = try await client.errorMessage(
                            of: "review/start", ["threadId": .string(threadID), "target": target])
                        #expect(error == message)
                    }
                    // Detached delivery: deprecated, and refused for paginated threads, as 0.163.0.
                    let detached = try await client.errorMessage(
                        of: "review/start",
                        ["threadId": .string(threadID), "target": ["type": "uncommittedChanges"], "delivery": "detached"])
                    #expect(detached == "paginated threads do not support detached review")
                    let notice = try await client.notification("deprecationNotice")
                    #expect(notice["summary"]?.stringValue?.hasPrefix("review/start with delivery \"detached\" is deprecated") == true)
                    #expect(server.requests.isEmpty)
                }
            }
        }
    }
}
