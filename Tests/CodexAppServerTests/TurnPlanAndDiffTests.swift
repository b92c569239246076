import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// `turn/plan/updated` from update_plan and `turn/diff/updated` after a patch, end to end over stdio.
@Suite(.serialized) struct TurnPlanAndDiffTests {
    @Test func planAndDiffNotificationsFollowTheTools() async throws {
        try await MockResponsesServer.withServer { server in
            let plan: JSONValue = [
                "explanation": "two steps",
                "plan": [["step": "write the file", "status": "in_progress"], ["step": "report", "status": "pending"]],
            ]
            let patch = "*** Begin Patch\n*** Add File: planned.txt\n+from the plan\n*** End Patch\n"
            server.enqueue(
                .functionCall(callID: "call_plan", name: "update_plan", arguments: plan),
                .customToolCall(callID: "call_patch", name: "apply_patch", input: patch),
                .assistantText("all done"))
            try await CodexTestHome.withHome(server: server) { home in
                try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client,
                        ["cwd": .string(home.workDirectory), "approvalPolicy": "never", "sandbox": "workspace-write"])
                    let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "plan then patch")
                    let planned = try await client.notification("turn/plan/updated")
                    #expect(planned["turnId"]?.stringValue == turnID)
                    #expect(planned["explanation"] == "two steps")
                    let steps = planned["plan"]?.arrayValue ?? []
                    #expect(steps.map { $0["step"] } == ["write the file", "report"])
                    #expect(steps.map { $0["status"] } == ["inProgress", "pending"])
                    let diff = try await client.notification("turn/diff/updated")
                    #expect(diff["turnId"]?.stringValue == turnID)
                    let text = diff["diff"]?.stringValue ?? ""
                    #expect(text.contains("planned.txt"))
                    #expect(text.contains("+from the plan"))
                    let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                    #expect(turn["status"] == "completed")
                    #expect(FileManager.default.fileExists(atPath: home.workDirectory + "/planned.txt"))
                }
            }
        }
    }
}
