import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// What a session-history reader of the reference's format sees in a rollout we wrote: each agent and user
/// message once (an `item_completed` event, no legacy `agent_message`/`user_message` beside it), across a
/// resume in a new process.
@Suite struct RolloutHistoryReaderTests {
    @Test func aHistoryReaderFindsEachMessageOnce() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("first answer"))
            exec.server.enqueue(.assistantText("second answer"))
            let first = try await exec.run(["exec", "--json", "--skip-git-repo-check", "first question"])
            #expect(first.exit == .exited(0), "\(first.stderr)")
            let threadID = try #require(try ExecHarness.events(first.stdout).first?["thread_id"]?.stringValue)
            let second = try await exec.run(["exec", "--skip-git-repo-check", "resume", threadID, "second question"])
            #expect(second.exit == .exited(0), "\(second.stderr)")

            let sessions = URL(fileURLWithPath: exec.home.codexHome).appendingPathComponent("sessions")
            let files = FileManager.default.enumerator(atPath: sessions.path)?.compactMap { $0 as? String }
                .filter { $0.hasSuffix(".jsonl") } ?? []
            #expect(files.count == 1)
            let path = sessions.appendingPathComponent(try #require(files.first)).path
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                try JSONParser.parse(String($0))
            }
            // A reader that knows both shapes counts the legacy events and the completed items.
            var agent: [String] = []
            var user: [String] = []
            for line in lines where line["type"] == "event_msg" {
                let payload = line["payload"]
                switch payload?["type"]?.stringValue {
                case "agent_message": agent.append(payload?["message"]?.stringValue ?? "")
                case "user_message": user.append(payload?["message"]?.stringValue ?? "")
                case "item_completed":
                    let item = payload?["item"]
                    if item?["type"] == "AgentMessage" {
                        agent.append(item?["content"]?.arrayValue?.first?["text"]?.stringValue ?? "")
                    }
                    if item?["type"] == "UserMessage" { user.append("user") }
                default: break
                }
            }
            #expect(agent.count == 2, "\(agent)")
            #expect(agent.contains("first answer") && agent.contains("second answer"), "\(agent)")
            #expect(user.count == 2, "\(user)")
            #expect(lines.first?["payload"]?["history_mode"] == "paginated")
            #expect(lines.enumerated().allSatisfy { $0.element["ordinal"]?.intValue == Int64($0.offset) })
        }
    }
}
