import CodexCore
import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A small seeded generator so the kill moments are the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// kill -9 of the server at seeded random moments after acknowledged thread/start + turn/start:
/// every acknowledged thread is still on disk and resumes with its user message.
@Suite(.serialized) struct AppServerE2ECrashTests {
    @Test func everyAcknowledgedThreadSurvivesKill9() async throws {
        var generator = SplitMix64(state: 0x5EED_C0DE)
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                var acknowledged: [(thread: String, text: String)] = []
                for round in 0..<4 {
                    let held = Bool.random(using: &generator)
                    let delayMs = Int.random(in: 0...150, using: &generator)
                    server.enqueue(held ? MockReply.assistantText("r\(round)").holding(afterEvents: 1) : .assistantText("r\(round)"))
                    let binary = try CodexBinary.locate()
                    let spec = home.codexSpec(["app-server"], binary: binary, standardInput: .writable)
                    let acked = try await ChildProcess.withProcess(spec) { process in
                        let client = AppServerClient(process)
                        try await client.initialize()
                        let threadID = try await AppServerE2E.startThread(client)
                        let text = "crash round \(round)"
                        _ = try await AppServerE2E.startTurn(client, threadID: threadID, text: text)
                        // A chosen moment, not a wait for an event: the kill lands somewhere in the turn.
                        try await Task.sleep(for: .milliseconds(delayMs))
                        process.send(signal: SIGKILL)
                        _ = try await process.waitForExit(timeout: .seconds(10))
                        return (threadID, text)
                    }
                    acknowledged.append(acked)
                    server.release()
                }
                let store = RolloutStore(codexHome: home.codexHome)
                for (threadID, text) in acknowledged {
                    let id = try #require(ThreadID(threadID))
                    let path = try #require(store.rolloutPath(for: id), "no rollout for acknowledged thread \(threadID)")
                    let rollout = try RolloutReader.load(path: path)
                    #expect(rollout.firstUserMessage == text)
                }
                server.enqueue(contentsOf: acknowledged.map { _ in MockReply.assistantText("back") })
                try await AppServerE2E.withServer(home: home) { client in
                    let listed = try await client.request("thread/list", ["limit": 100])
                    let listedIDs = Set(listed["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
                    for (threadID, text) in acknowledged {
                        #expect(listedIDs.contains(threadID), "acknowledged thread \(threadID) is listed")
                        let read = try await client.request("thread/read", ["threadId": .string(threadID), "includeTurns": true])
                        let firstItem = read["thread"]?["turns"]?.arrayValue?.first?["items"]?.arrayValue?.first
                        #expect(firstItem?["content"]?.arrayValue?.first?["text"]?.stringValue == text)
                    }
                    for (threadID, text) in acknowledged {
                        let resumed = try await client.request("thread/resume", ["threadId": .string(threadID)])
                        let first = resumed["thread"]?["turns"]?.arrayValue?.first?["items"]?.arrayValue?.first
                        #expect(first?["content"]?.arrayValue?.first?["text"]?.stringValue == text)
                        let turnID = try await AppServerE2E.startTurn(client, threadID: threadID, text: "after the crash")
                        let turn = try await AppServerE2E.completedTurn(client, turnID: turnID)
                        #expect(turn["status"] == "completed")
                    }
                }
            }
        }
    }
}
