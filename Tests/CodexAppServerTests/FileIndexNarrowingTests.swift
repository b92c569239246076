import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

@testable import CodexAppServer

/// The shortcuts of a file-search session: the byte-mask prefilter never drops a path the scorer
/// matches, and a query typed on from the previous one, ranked among that one's matches alone,
/// answers exactly what a full ranking answers.
@Suite struct FileIndexNarrowingTests {
    static let paths: [String] = {
        let stems = ["index", "item", "socket", "pool", "reader", "widget", "résumé", "Café", "README", "a-b_c.d"]
        let folders = ["src/util", "src/net", "lib/db", "docs", "tests/m05", "Ünïcode", ".hidden"]
        var paths: [String] = []
        for (f, folder) in folders.enumerated() {
            for (s, stem) in stems.enumerated() {
                paths.append("\(folder)/\(stem)_\(f)\(s).\(["md", "rs", "py"][(f + s) % 3])")
            }
        }
        return paths
    }()

    static let queries = [
        "s", "so", "soc", "sock", "sock ", "sock p", "sock po", "sock pool", "src/u", "SRC/UTIL/IN", "cafe", "café",
        "resume", "^src", "^src/n", "'ket", "'ket_", "md$", "_1.md$", "!docs", "!docs re", "!docs rea", "a-b", "\\!x",
    ]

    @Test func theMaskNeverRejectsAPathTheScorerMatches() {
        var scorer = FuzzyScorer()
        for query in Self.queries + ["x", "zz", "ün", "A-B_C.D", "  "] {
            let pattern = FuzzyPattern(query)
            let needles = ByteMask(needlesOf: pattern) ?? ByteMask(bits: 0)
            for path in Self.paths {
                let bytes = Array(path.utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    if scorer.score(pattern, buffer) != nil {
                        #expect(ByteMask(buffer).mayContain(needles), "\(query) should reach \(path)")
                    }
                }
            }
        }
    }

    @Test func narrowingFollowsTheKindOfEachWord() {
        func narrows(_ narrower: String, _ wider: String) -> Bool { FuzzyPattern(narrower).narrows(FuzzyPattern(wider)) }
        #expect(narrows("sock", "soc"))
        #expect(narrows("sxoxc", "soc"))
        #expect(narrows("sock p", "sock"))
        #expect(narrows("'sock", "sk"))
        #expect(narrows("^src/u", "^src"))
        #expect(narrows("x.md$", ".md$"))
        #expect(narrows("!docs re", "!docs"))
        #expect(!narrows("soc", "sock"))
        #expect(!narrows("p sock", "sock"))
        #expect(!narrows("'sk", "'sock"))
        #expect(!narrows("^rc", "^src"))
        #expect(!narrows("src", "^src"))
        #expect(!narrows("!docsx", "!docs"))
        #expect(!narrows("café", "caf"))  // the accent turns folding off: not comparable
        #expect(!narrows("", "s"))
    }

    @Test func typingOnAnswersWhatAFullRankingAnswers() async throws {
        let root = try TemporaryDirectory.create(prefix: "narrowing")
        defer { root.remove() }
        for path in Self.paths {
            let folder = (root.appending(path) as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try root.write("", to: path)
        }
        let index = try #require(await FileTreeWalker(roots: [root.path], globalRules: nil).walk { false })
        var previous: (pattern: FuzzyPattern, matches: [UInt32])?
        var narrowed = 0
        for query in Self.queries {
            let pattern = FuzzyPattern(query)
            let full = try #require(await index.rank(pattern, limit: 10, among: nil) { false })
            let candidates = previous.flatMap { pattern.narrows($0.pattern) ? $0.matches : nil }
            if candidates != nil { narrowed += 1 }
            let typed = try #require(await index.rank(pattern, limit: 10, among: candidates) { false })
            #expect(typed.matches == full.matches, "\(query)")
            #expect(typed.results.map(\.path) == full.results.map(\.path), "\(query)")
            #expect(typed.results.map(\.score) == full.results.map(\.score), "\(query)")
            previous = (pattern, full.matches)
        }
        #expect(narrowed >= 12)
    }
}
