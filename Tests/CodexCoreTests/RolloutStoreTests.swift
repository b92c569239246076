import CodexCore
import CodexProtocol
import Foundation
import Testing

@Suite struct RolloutStoreTests {
    /// Noon UTC on the given day plus `offset` seconds, so local folders stay on distinct days.
    private func date(_ year: Int, _ month: Int, _ day: Int, offset: Double = 0) -> Date {
        var components = DateComponents()
        (components.year, components.month, components.day, components.hour) = (year, month, day, 12)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return (calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)).addingTimeInterval(offset)
    }

    @Test func listsNewestFirstAcrossFoldersAndPagesWithACursor() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let dates = [
                date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 1, offset: 60), date(2026, 2, 3),
                date(2026, 2, 10), date(2026, 11, 22), date(2026, 11, 22, offset: 1),
            ]
            var ids: [ThreadID] = []
            for (index, created) in dates.enumerated() {
                let id = ThreadID.generate(at: created)
                ids.append(id)
                try await RolloutTestKit.writeThread(home: home, id: id, createdAt: created, prompt: "prompt \(index)")
            }
            let store = RolloutStore(codexHome: home)
            var seen: [ThreadID] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try store.listThreads(ThreadListQuery(pageSize: 3, cursor: cursor))
                #expect(page.threads.count == (pages < 2 ? 3 : 1))
                seen += page.threads.map(\.id)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == ids.reversed())

            let first = try #require(try store.listThreads(ThreadListQuery(pageSize: 1)).threads.first)
            #expect(first.preview == "prompt 6")
            #expect(first.createdAt == Int64(dates[6].timeIntervalSince1970))
            #expect(first.cwd == "/work/project")
            #expect(first.modelProvider == "mock")
            #expect(first.cliVersion == "0.1.0")
            #expect(first.source == .cli)
            #expect(first.archived == false)
            #expect(first.path.hasSuffix("-\(ids[6]).jsonl"))
            #expect(abs(Double(first.updatedAt) - Date().timeIntervalSince1970) < 600)

            #expect(throws: RolloutError.invalidCursor("garbage")) {
                try store.listThreads(ThreadListQuery(cursor: "garbage"))
            }
        }
    }

    @Test func filtersAndSkipsFilesThatAreNotThreads() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let base = date(2026, 3, 1)
            let a = try await RolloutTestKit.writeThread(home: home, createdAt: base, cwd: "/a", provider: "openai", source: .cli)
            let b = try await RolloutTestKit.writeThread(home: home, createdAt: base.addingTimeInterval(1), cwd: "/b", provider: "mock", source: .exec)
            let c = try await RolloutTestKit.writeThread(home: home, createdAt: base.addingTimeInterval(2), cwd: "/a", provider: "mock", source: .vscode)

            // Not threads: no user message yet, garbage, an id that does not match the name, stray names.
            let empty = try RolloutWriter.create(codexHome: home, meta: RolloutTestKit.meta(ThreadID.generate(), at: base), createdAt: base.addingTimeInterval(3))
            try await empty.close()
            let folder = (a as NSString).deletingLastPathComponent
            let garbageName = RolloutFileName(threadID: ThreadID.generate(), createdAt: base.addingTimeInterval(4)).name
            try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: folder + "/" + garbageName))
            let mismatched = RolloutFileName(threadID: ThreadID.generate(), createdAt: base.addingTimeInterval(5)).name
            try FileManager.default.copyItem(atPath: c, toPath: folder + "/" + mismatched)
            try Data().write(to: URL(fileURLWithPath: folder + "/notes.txt"))
            try FileManager.default.createDirectory(atPath: home + "/sessions/tmp", withIntermediateDirectories: true)

            let store = RolloutStore(codexHome: home)
            func paths(_ query: ThreadListQuery) throws -> [String] { try store.listThreads(query).threads.map(\.path) }
            #expect(try paths(ThreadListQuery()) == [c, b, a])
            #expect(try paths(ThreadListQuery(cwd: "/a")) == [c, a])
            #expect(try paths(ThreadListQuery(modelProviders: ["mock"])) == [c, b])
            #expect(try paths(ThreadListQuery(modelProviders: [])) == [c, b, a])
            #expect(try paths(ThreadListQuery(sourceKinds: ["cli", "vscode"])) == [c, a])
            #expect(try paths(ThreadListQuery(cwd: "/b", sourceKinds: ["exec"])) == [b])
            #expect(try paths(ThreadListQuery(cwd: "/nowhere")).isEmpty)

            let capped = try store.listThreads(ThreadListQuery(pageSize: 10, scanCap: 2))
            #expect(capped.reachedScanCap)
            #expect(capped.threads.isEmpty)  // the two newest files are not threads
            let rest = try store.listThreads(ThreadListQuery(pageSize: 10, cursor: capped.nextCursor))
            #expect(rest.threads.map(\.path) == [c, b, a])
        }
    }

    @Test func sortsByModificationTime() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let base = date(2026, 4, 1)
            var paths: [String] = []
            for index in 0..<3 {
                paths.append(try await RolloutTestKit.writeThread(home: home, createdAt: base.addingTimeInterval(Double(index))))
            }
            let modified = [base.addingTimeInterval(500), base.addingTimeInterval(100), base.addingTimeInterval(300)]
            for (path, date) in zip(paths, modified) {
                try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
            }
            let store = RolloutStore(codexHome: home)
            let all = try store.listThreads(ThreadListQuery(sortKey: .updatedAt))
            #expect(all.threads.map(\.path) == [paths[0], paths[2], paths[1]])
            #expect(all.threads.map(\.updatedAt) == [500, 300, 100].map { Int64(base.timeIntervalSince1970) + $0 })
            let first = try store.listThreads(ThreadListQuery(pageSize: 1, sortKey: .updatedAt))
            let second = try store.listThreads(ThreadListQuery(pageSize: 2, cursor: first.nextCursor, sortKey: .updatedAt))
            #expect(second.threads.map(\.path) == [paths[2], paths[1]])
            #expect(second.nextCursor == nil)
            // A creation cursor is not an update cursor.
            let createdCursor = try #require(try store.listThreads(ThreadListQuery(pageSize: 1)).nextCursor)
            #expect(throws: RolloutError.self) { try store.listThreads(ThreadListQuery(cursor: createdCursor, sortKey: .updatedAt)) }
        }
    }

    @Test func archiveAndUnarchiveRoundTrip() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let created = date(2026, 5, 6)
            let id = ThreadID.generate(at: created)
            let path = try await RolloutTestKit.writeThread(home: home, id: id, createdAt: created)
            let other = try await RolloutTestKit.writeThread(home: home, createdAt: created.addingTimeInterval(10))
            try FileManager.default.setAttributes([.modificationDate: created], ofItemAtPath: path)
            let store = RolloutStore(codexHome: home)
            #expect(store.rolloutPath(for: id) == path)

            let archived = try store.archive(id)
            #expect(archived == home + "/archived_sessions/" + (path as NSString).lastPathComponent)
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(store.rolloutPath(for: id) == nil)
            #expect(store.archivedRolloutPath(for: id) == archived)
            #expect(try store.listThreads(ThreadListQuery()).threads.map(\.path) == [other])
            let archivedPage = try store.listThreads(ThreadListQuery(archived: true))
            #expect(archivedPage.threads.map(\.id) == [id])
            #expect(archivedPage.threads.first?.archived == true)
            #expect(throws: RolloutError.threadNotFound(id)) { try store.archive(id) }

            let restored = try store.unarchive(id)
            #expect(restored == path)
            #expect(store.archivedRolloutPath(for: id) == nil)
            #expect(try store.listThreads(ThreadListQuery(archived: true)).threads.isEmpty)
            let summary = try #require(store.summary(ofRolloutAt: restored))
            #expect(summary.updatedAt > Int64(created.timeIntervalSince1970) + 3600)
            #expect(throws: RolloutError.archivedThreadNotFound(id)) { try store.unarchive(id) }
        }
    }

    @Test func findsAnIdWhoseFileIsNotInItsCreationDay() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            // The id claims one day, the file sits in another: the full walk still finds it.
            let id = ThreadID.generate(at: date(2026, 6, 1))
            let path = try await RolloutTestKit.writeThread(home: home, id: id, createdAt: date(2026, 7, 15))
            #expect(RolloutStore(codexHome: home).rolloutPath(for: id) == path)
            #expect(RolloutStore(codexHome: home + "/").rolloutPath(for: ThreadID.generate()) == nil)
        }
    }

    @Test func listsTheReferenceRollouts() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let folder = home + "/sessions/2026/11/22"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let fixtures = RolloutTestKit.fixturesFolder()
            for name in try FileManager.default.contentsOfDirectory(atPath: fixtures) where name.hasSuffix(".jsonl") {
                try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: folder + "/" + name)
            }
            let store = RolloutStore(codexHome: home)
            let page = try store.listThreads(ThreadListQuery())
            #expect(page.threads.map(\.id.rawValue) == ["01a200f3-d438-746c-a8b0-840cc8ae54bf", "01a200f3-38a2-79a2-a630-694d7ee6f581"])
            #expect(page.threads.map(\.preview) == ["ours-question", "hello"])
            let reference = try #require(page.threads.last)
            #expect(reference.createdAt == 1_795_312_269)
            #expect(reference.source == .exec)
            #expect(reference.originator == "codex_exec")
            #expect(reference.cwd == "/work/refhome-rollouts/cwd")
            #expect(try store.listThreads(ThreadListQuery(sourceKinds: ["cli", "vscode"])).threads.isEmpty)
        }
    }

    @Test func listsAThousandThreadsFromTheirHeads() async throws {
        try await RolloutTestKit.withTemporaryHome { home in
            let base = date(2026, 1, 1)
            var expected: [ThreadID] = []
            for index in 0..<1000 {
                let created = base.addingTimeInterval(Double(index) * 3_000)
                let id = ThreadID.generate(at: created)
                expected.append(id)
                let writer = try RolloutWriter.create(
                    codexHome: home, meta: RolloutTestKit.meta(id, at: created, cwd: index % 4 == 0 ? "/four" : "/other"),
                    createdAt: created)
                try await writer.append(contentsOf: [RolloutTestKit.turnContext()] + RolloutTestKit.userMessage("prompt \(index)"))
            }
            let store = RolloutStore(codexHome: home)
            let clock = ContinuousClock()
            var seen: [ThreadSummary] = []
            let elapsed = try clock.measure {
                var cursor: String?
                repeat {
                    let page = try store.listThreads(ThreadListQuery(pageSize: 100, cursor: cursor))
                    seen += page.threads
                    cursor = page.nextCursor
                } while cursor != nil
            }
            print("listing 1,000 rollouts in pages of 100 took \(elapsed)")
            #expect(seen.map(\.id) == expected.reversed())
            #expect(seen.first?.preview == "prompt 999")
            let single = try clock.measure { _ = try store.listThreads(ThreadListQuery(pageSize: 100, cwd: "/four")) }
            print("one filtered page over 1,000 rollouts took \(single)")
            let filtered = try store.listThreads(ThreadListQuery(pageSize: 1000, cwd: "/four"))
            #expect(filtered.threads.count == 250)
            #expect(filtered.nextCursor == nil)
        }
    }
}
