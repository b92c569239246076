@testable import CodexAppServer
import CodexProtocol
import CodexTestSupport
import Testing

/// A connection's fuzzy-search sessions live no longer than the connection.
@Suite struct FuzzyFileSearchSessionLifetimeTests {
    @Test func closingTheConnectionStopsAndDropsItsSessions() async throws {
        let tree = try TemporaryDirectory.create()
        defer { tree.remove() }
        _ = try tree.makeDirectory("src")
        _ = try tree.write("fn main() {}\n", to: "src/main.rs")
        let search = FuzzyFileSearchService()
        var handlers = AppServerHandlers()
        registerSearchHandlers(on: &handlers, search: search)
        _ = try await withConnection(handlers: handlers) { client, _ in
            _ = try await client.initialize()
            let started = try await client.request(
                "fuzzyFileSearch/sessionStart", id: 1, params: ["sessionId": "a", "roots": [.string(tree.path)]])
            #expect(started["result"] == [:])
            _ = try await client.request(
                "fuzzyFileSearch/sessionStart", id: 2, params: ["sessionId": "b", "roots": [.string(tree.path)]])
            #expect(search.openSessionCount == 2)
        }
        // withConnection returns after the connection ended and its close hooks ran.
        #expect(search.openSessionCount == 0)
    }
}
