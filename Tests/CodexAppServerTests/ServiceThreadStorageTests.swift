import CodexAppServer
import CodexConfig
import CodexProtocol
import CodexTestSupport
import Foundation
import Synchronization
import Testing

/// thread/list, thread/read, thread/archive, thread/unarchive and thread/name/set over stored rollouts.
@Suite struct ServiceThreadStorageTests {
    private func ids(_ result: JSONValue) -> [String] {
        (result["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    @Test func listPagesNewestFirstWithCursorAndLimit() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        for number in 1...5 { try fixture.writeRollout(number: number, second: number) }
        try await fixture.withServices { client in
            let first = try await client.call("thread/list", ["limit": 2])
            #expect(ids(first) == [ServiceFixture.threadID(5), ServiceFixture.threadID(4)])
            let cursor = try #require(first["nextCursor"]?.stringValue)
            let second = try await client.call("thread/list", ["limit": 2, "cursor": .string(cursor)])
            #expect(ids(second) == [ServiceFixture.threadID(3), ServiceFixture.threadID(2)])
            let third = try await client.call("thread/list", ["limit": 2, "cursor": second["nextCursor"] ?? .null])
            #expect(ids(third) == [ServiceFixture.threadID(1)])
            #expect(third["nextCursor"] == .null)

            let all = try await client.call("thread/list", [:])
            #expect(ids(all).count == 5)
            let thread = try #require(all["data"]?.arrayValue?.first)
            #expect(thread["status"] == ["type": "notLoaded"])
            #expect(thread["preview"] == "message 5")
            #expect(thread["modelProvider"] == "mock")

            let ascending = try await client.call("thread/list", ["limit": 3, "sortDirection": "asc"])
            #expect(ids(ascending) == (1...3).map(ServiceFixture.threadID))
            let rest = try await client.call("thread/list", ["sortDirection": "asc", "cursor": ascending["nextCursor"] ?? .null])
            #expect(ids(rest) == [ServiceFixture.threadID(4), ServiceFixture.threadID(5)])

            let bad = try await client.failure("thread/list", ["cursor": "not-a-cursor"])
            #expect(bad["code"] == -32600)
            #expect(bad["message"] == "invalid cursor: not-a-cursor")
        }
    }

    @Test func limitIsClampedAndUpdatedAtSortUsesModificationTime() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeRollout(number: 1, second: 1)
        let older = try fixture.writeRollout(number: 2, second: 2)
        // Thread 2 was created later but thread 1's file changed last.
        try setModificationTime(older, secondsSince1970: 1_000_000)
        try await fixture.withServices { client in
            let byCreation = try await client.call("thread/list", ["limit": 0])
            #expect(ids(byCreation) == [ServiceFixture.threadID(2)])
            let byUpdate = try await client.call("thread/list", ["sortKey": "updated_at"])
            #expect(ids(byUpdate) == [ServiceFixture.threadID(1), ServiceFixture.threadID(2)])
        }
    }

    @Test func filtersByCwdProviderSourceAndArchived() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeRollout(number: 1, second: 1, cwd: "/srv/a", provider: "mock")
        try fixture.writeRollout(number: 2, second: 2, cwd: "/srv/b", provider: "other")
        try fixture.writeRollout(number: 3, second: 3, cwd: "/srv/a", provider: "other", source: "exec")
        try fixture.writeRollout(number: 4, second: 4, cwd: "/srv/c", provider: "mock")
        try await fixture.withServices { client in
            #expect(ids(try await client.call("thread/list", ["cwd": "/srv/a"])) == [ServiceFixture.threadID(1)])
            #expect(
                ids(try await client.call("thread/list", ["cwd": ["/srv/a", "/srv/b"]]))
                    == [ServiceFixture.threadID(2), ServiceFixture.threadID(1)])
            #expect(
                ids(try await client.call("thread/list", ["modelProviders": ["other"]])) == [ServiceFixture.threadID(2)])
            #expect(
                ids(try await client.call("thread/list", ["sourceKinds": ["exec"]])) == [ServiceFixture.threadID(3)])
            #expect(ids(try await client.call("thread/list", ["modelProviders": []])).count == 3)
            #expect(ids(try await client.call("thread/list", ["archived": true])) == [])
            #expect(ids(try await client.call("thread/list", ["searchTerm": "message 2"])) == [ServiceFixture.threadID(2)])

            _ = try await client.call("thread/archive", ["threadId": .string(ServiceFixture.threadID(4))])
            #expect(ids(try await client.call("thread/list", ["archived": true])) == [ServiceFixture.threadID(4)])
            #expect(!ids(try await client.call("thread/list", [:])).contains(ServiceFixture.threadID(4)))
        }
    }

    @Test func readRebuildsTurnsFromTheRollout() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        let turns = [
            ServiceFixture.simpleTurn(
                "list files", reply: "done", turnID: "turn-a",
                extra: ServiceFixture.shellCall(
                    "ls", callID: "call-1", output: "Exit code: 0\nWall time: 0.1 seconds\nOutput:\nfile.txt\n")),
            ServiceFixture.simpleTurn("second", reply: "partial", turnID: "turn-b")
                + [["type": "event_msg", "payload": ["type": "turn_aborted", "reason": "interrupted", "turn_id": "turn-b"]]],
            // No turn_context: the turn is named after the line that opened it (line 13), as 0.163.0 does.
            ServiceFixture.simpleTurn("third", reply: "ok", turnID: "unused").filter { $0["type"] != "turn_context" },
        ]
        try fixture.writeRollout(number: 7, turns: turns)
        try await fixture.withServices { client in
            let id = ServiceFixture.threadID(7)
            let plain = try await client.call("thread/read", ["threadId": .string(id)])
            #expect(plain["thread"]?["turns"] == [])
            #expect(plain["thread"]?["preview"] == "list files")

            let full = try await client.call("thread/read", ["threadId": .string(id), "includeTurns": true])
            let read = try #require(full["thread"]?["turns"]?.arrayValue)
            #expect(read.count == 3)
            #expect(read.map { $0["id"] } == ["turn-a", "turn-b", "rollout-13"])
            #expect(read.map { $0["status"] } == ["completed", "interrupted", "completed"])
            let items = try #require(read.first?["items"]?.arrayValue)
            #expect(items.map { $0["type"] } == ["userMessage", "commandExecution", "agentMessage"])
            #expect(items[0]["content"]?[0]?["text"] == "list files")
            #expect(items[1]["command"] == "bash -lc ls")
            #expect(items[1]["exitCode"] == 0)
            #expect(items[1]["status"] == "completed")
            #expect(items[1]["aggregatedOutput"]?.stringValue?.contains("file.txt") == true)
            #expect(items[2]["text"] == "done")

            let unknown = try await client.failure("thread/read", ["threadId": .string(ServiceFixture.threadID(99))])
            #expect(unknown["message"] == .string("thread not loaded: \(ServiceFixture.threadID(99))"))
            let invalid = try await client.failure("thread/read", ["threadId": "nope"])
            #expect(invalid["code"] == -32600)
            #expect(
                invalid["message"]
                    == "invalid thread id: invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1"
            )
        }
    }

    @Test func archiveAndUnarchiveMoveTheRolloutAndNotify() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        let original = try fixture.writeRollout(number: 3)
        let id = ServiceFixture.threadID(3)
        let fileName = String(original.split(separator: "/").last ?? "")
        try await fixture.withServices { client in
            let archived = try await client.call("thread/archive", ["threadId": .string(id)])
            #expect(archived == [:])
            #expect(try await client.notification("thread/archived") == ["threadId": .string(id)])
            #expect(!FileManager.default.fileExists(atPath: original))
            #expect(FileManager.default.fileExists(atPath: fixture.home + "/archived_sessions/" + fileName))

            let again = try await client.failure("thread/archive", ["threadId": .string(id)])
            #expect(again["message"] == .string("no rollout found for thread id \(id)"))

            let restored = try await client.call("thread/unarchive", ["threadId": .string(id)])
            #expect(restored["thread"]?["id"] == .string(id))
            #expect(restored["thread"]?["path"] == .string(original))
            #expect(try await client.notification("thread/unarchived") == ["threadId": .string(id)])
            #expect(FileManager.default.fileExists(atPath: original))

            let missing = try await client.failure("thread/unarchive", ["threadId": .string(id)])
            #expect(missing["message"] == .string("no archived rollout found for thread id \(id)"))
        }
    }

    @Test func nameSetPersistsTrimsAndNotifies() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeRollout(number: 1)
        let id = ServiceFixture.threadID(1)
        try await fixture.withServices { client in
            #expect(try await client.call("thread/name/set", ["threadId": .string(id), "name": "  My thread "]) == [:])
            #expect(
                try await client.notification("thread/name/updated") == ["threadId": .string(id), "threadName": "My thread"])
            let empty = try await client.failure("thread/name/set", ["threadId": .string(id), "name": "   "])
            #expect(empty["message"] == "thread name must not be empty")
            let unknown = try await client.failure(
                "thread/name/set", ["threadId": .string(ServiceFixture.threadID(5)), "name": "x"])
            #expect(unknown["message"] == .string("no rollout found for thread id \(ServiceFixture.threadID(5))"))
        }
        // A new server (same CODEX_HOME) sees the name in listings and reads.
        try await fixture.withServices { client in
            let listed = try await client.call("thread/list", [:])
            #expect(listed["data"]?[0]?["name"] == "My thread")
            let read = try await client.call("thread/read", ["threadId": .string(id)])
            #expect(read["thread"]?["name"] == "My thread")
        }
        let index = try fixture.root.read("home/session_index.jsonl")
        #expect(index.contains("\"thread_name\":\"My thread\""))
    }
}

/// A host with one loaded thread that has not run a turn yet (so it has no rollout).
struct OneLoadedThreadHost: AppServerServiceHost {
    let base: StandaloneServiceHost
    let loadedID: String
    let unloaded = UnloadLog()

    var codexHome: CodexHome { base.codexHome }
    var environment: [String: String] { base.environment }
    var cliOverrides: [String] { base.cliOverrides }
    var defaultCwd: String { base.defaultCwd }
    var sandboxHelperExecutable: String { base.sandboxHelperExecutable }
    var cliVersion: String { base.cliVersion }
    func configLoadOptions(cwd: String) -> ConfigLoadOptions { base.configLoadOptions(cwd: cwd) }

    func loadedThread(_ threadID: String) async -> AppServerV2.Thread? {
        guard threadID == loadedID, !unloaded.ids.contains(threadID) else { return nil }
        return AppServerV2.Thread(
            id: threadID, sessionId: threadID, preview: "", ephemeral: false, modelProvider: "mock", createdAt: 1,
            updatedAt: 1, status: .idle, cwd: defaultCwd, cliVersion: "0.1.0", source: .vscode, turns: [])
    }

    func unloadThread(_ threadID: String) async { unloaded.append(threadID) }

    func broadcast(_ notification: some ServerNotification, from context: AppServerRequestContext) async {
        await base.broadcast(notification, from: context)
    }
}

/// Thread ids a host was asked to unload.
final class UnloadLog: Sendable {
    private let state = Mutex<[String]>([])
    var ids: [String] { state.withLock { $0 } }
    func append(_ id: String) { state.withLock { $0.append(id) } }
}

extension ServiceThreadStorageTests {
    @Test func loadedThreadWithoutRolloutReadsArchivesAndRefusesTurns() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        let id = ServiceFixture.threadID(42)
        let host = OneLoadedThreadHost(base: fixture.host(), loadedID: id)
        var handlers = AppServerHandlers()
        registerServiceHandlers(on: &handlers, runtime: host)
        try await withConnection(handlers: handlers) { raw, _ in
            try await raw.initialize()
            let client = ServiceClient(client: raw)
            let read = try await client.call("thread/read", ["threadId": .string(id)])
            #expect(read["thread"]?["status"] == ["type": "idle"])
            let turns = try await client.failure("thread/read", ["threadId": .string(id), "includeTurns": true])
            #expect(turns == ["code": -32601, "message": "list_turns is not supported yet"])
            #expect(try await client.call("thread/name/set", ["threadId": .string(id), "name": "fresh"]) == [:])
            _ = try await client.notification("thread/name/updated")
            #expect(try await client.call("thread/archive", ["threadId": .string(id)]) == [:])
            _ = try await client.notification("thread/archived")
        }
        #expect(host.unloaded.ids == [id])
    }
}

/// Sets a file's modification time.
func setModificationTime(_ path: String, secondsSince1970: Double) throws {
    try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: secondsSince1970)], ofItemAtPath: path)
}
