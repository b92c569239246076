import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `fuzzyFileSearch` and its session form on a generated tree of 100,000 files (1,056 folders), made
/// once for the suite's one test: the path query finds what the reference (0.163.0) found on the same
/// tree, a superseded search answers nothing, and a session answers updates from its index with
/// notifications valid under both schemas.
@Suite struct FuzzyFileSearchLargeTreeTests {
    static let tops = ["src", "lib", "docs", "tests", "tools"]
    static let subs = ["util", "core", "api", "model", "net", "io", "db", "auth", "cache", "view"]
    static let tags = ["hash", "tree", "list", "map", "set", "queue", "heap", "graph", "trie", "pool"]
    static let directStems = ["index", "item", "node", "entry"]
    static let directExtensions = ["md", "rs", "ts", "py"]
    static let leafStems = [
        "item", "node", "entry", "record", "table", "value", "vector", "widget", "helper", "parser", "reader", "writer",
        "buffer", "socket",
    ]
    static let leafExtensions = ["md", "rs", "ts", "py", "go", "swift"]

    /// 5 x 10 folders of 40 files, each with 20 sub-folders of 98 files: 100,000 files. (The same tree as
    /// the bench's `scripts/bench_search.py` makes.)
    static func makeTree(at root: String) throws {
        func touch(_ path: String) throws {
            let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw HarnessError("cannot create \(path): errno \(errno)") }
            close(descriptor)
        }
        for (t, top) in tops.enumerated() {
            for (s, sub) in subs.enumerated() {
                let folder = "\(root)/\(top)/\(sub)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for k in 0..<40 {
                    try touch("\(folder)/\(directStems[k % 4])_\(tags[k % 10])_\(Self.three(k)).\(directExtensions[k % 4])")
                }
                for l in 0..<20 {
                    let leaf = "\(folder)/m\(l < 10 ? "0" : "")\(l)"
                    try FileManager.default.createDirectory(atPath: leaf, withIntermediateDirectories: false)
                    for k in 0..<98 {
                        let name = "\(leafStems[(k + l) % 14])_\(tags[(k * 3 + s) % 10])_\(Self.three(k))"
                        try touch("\(leaf)/\(name).\(leafExtensions[(k + t) % 6])")
                    }
                }
            }
        }
    }

    static func three(_ number: Int) -> String {
        String(repeating: "0", count: max(0, 3 - String(number).count)) + String(number)
    }

    /// What the reference answered for `src/util/index` on this tree: 10 files, all with score 359.
    static let referenceAnswer = [
        "src/util/index_hash_000.md", "src/util/index_hash_020.md", "src/util/index_heap_016.md",
        "src/util/index_heap_036.md", "src/util/index_list_012.md", "src/util/index_list_032.md",
        "src/util/index_set_004.md", "src/util/index_set_024.md", "src/util/index_trie_008.md",
        "src/util/index_trie_028.md",
    ]

    @Test func largeTree() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        let tree = try fixture.root.makeDirectory("tree")
        // 100,000 files take 20-50 s to create here: off the cooperative pool, so other tests keep running.
        try await BlockingWork.run { try Self.makeTree(at: tree) }
        try await fixture.withServices { client in
            // The path query: every match, none lost to a budget.
            let found = try await client.call("fuzzyFileSearch", ["query": "src/util/index", "roots": [.string(tree)]])
            let files = try #require(found["files"]?.arrayValue)
            #expect(files.map { $0["path"]?.stringValue ?? "" } == Self.referenceAnswer)
            #expect(files.allSatisfy { $0["score"] == 359 && $0["indices"] == .array((0...13).map { JSONValue.int($0) }) })
            #expect(files.allSatisfy { $0["root"] == .string(tree) && $0["match_type"] == "file" })

            // A broad query is capped at the reference's 50.
            let broad = try await client.call("fuzzyFileSearch", ["query": "m", "roots": [.string(tree)]])
            #expect(broad["files"]?.arrayValue?.count == 50)

            // A newer request with the same token stops the older one, which answers with no files.
            let first: JSONValue = 9001
            let second: JSONValue = 9002
            for id in [first, second] {
                await client.client.send([
                    "id": id, "method": "fuzzyFileSearch",
                    "params": ["query": "src/util/index", "roots": [.string(tree)], "cancellationToken": "picker"],
                ])
            }
            let superseded = try await client.client.response(id: first)
            let latest = try await client.client.response(id: second)
            #expect(superseded["result"]?["files"] == [])
            #expect(latest["result"]?["files"]?.arrayValue?.count == Self.referenceAnswer.count)

            // The session form: one walk, then each update answered from memory.
            _ = try await client.call("fuzzyFileSearch/sessionStart", ["sessionId": "s1", "roots": [.string(tree)]])
            let initial = try await client.notification("fuzzyFileSearch/sessionUpdated")
            #expect(initial == ["sessionId": "s1", "query": "", "files": []])
            #expect(try await client.notification("fuzzyFileSearch/sessionCompleted") == ["sessionId": "s1"])
            _ = try await client.call("fuzzyFileSearch/sessionUpdate", ["sessionId": "s1", "query": "src/util/index"])
            let updated = try await client.notification("fuzzyFileSearch/sessionUpdated")
            #expect(updated["query"] == "src/util/index")
            #expect(updated["files"]?.arrayValue?.map { $0["path"]?.stringValue ?? "" } == Self.referenceAnswer)
            #expect(try await client.notification("fuzzyFileSearch/sessionCompleted") == ["sessionId": "s1"])
            _ = try await client.call("fuzzyFileSearch/sessionUpdate", ["sessionId": "s1", "query": "sock pool"])
            let words = try await client.notification("fuzzyFileSearch/sessionUpdated")
            #expect(words["files"]?.arrayValue?.count == 50)
            _ = try await client.notification("fuzzyFileSearch/sessionCompleted")
            _ = try await client.call("fuzzyFileSearch/sessionStop", ["sessionId": "s1"])
            let gone = try await client.failure("fuzzyFileSearch/sessionUpdate", ["sessionId": "s1", "query": "x"])
            #expect(gone["code"] == -32600)
            #expect(gone["message"] == "fuzzy file search session not found: s1")
        }
    }
}
