import Testing

@testable import CodexAppServer

/// The scorer against scores and positions the reference (0.163.0) returned for the same queries and
/// paths (recorded from its `fuzzyFileSearch` answers).
@Suite struct FuzzyScorerTests {
    static func score(_ query: String, _ path: String) -> (UInt32, [UInt32])? {
        var scorer = FuzzyScorer()
        let pattern = FuzzyPattern(query)
        let bytes = Array(path.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let score = scorer.score(pattern, buffer) else { return nil }
            return (score, scorer.indices(pattern, buffer))
        }
    }

    @Test(arguments: [
        ("src/util/index", "src/util/index_a.md", 359, Array(0...13)),
        ("READ", "README.md", 109, [0, 1, 2, 3]),
        ("READ", "src/util/index_a.md", 52, [1, 12, 15, 18]),
        ("h", ".git/HEAD", 34, [5]),
        ("h", ".hidden/h.txt", 32, [1]),
        ("i", "link/util/index_a.md", 34, [10]),
        ("i", ".git", 16, [2]),
        ("util", "link/util/b.rs", 109, [5, 6, 7, 8]),
        ("utilx", "link/util/index_a.md", 118, [5, 6, 7, 8, 14]),
        ("o1", ".git/objects/o1", 59, [13, 14]),
        (".env", ".env", 104, [0, 1, 2, 3]),
        ("d f", "d/f", 68, [0, 2]),
        ("'fl", "flink", 59, [0, 1]),
        ("^d", "d/f", 34, [0]),
        ("f$", "d/f", 34, [2]),
        ("resume", "Ünïcode/résumé.txt", 159, [8, 9, 10, 11, 12, 13]),
        ("résumé", "Ünïcode/résumé.txt", 159, [8, 9, 10, 11, 12, 13]),
        ("UNI", "Ünïcode", 84, [0, 1, 2]),
        ("cafe", "naïve_café.py", 104, [6, 7, 8, 9]),
        ("naive", "naïve_café.py", 134, [0, 1, 2, 3, 4]),
        ("abc", "ÄBC.md", 84, [0, 1, 2]),
        ("e", "Ünïcode/résumé.txt", 16, [6]),
    ] as [(String, String, UInt32, [UInt32])])
    func scoresAsTheReference(query: String, path: String, score: UInt32, indices: [UInt32]) throws {
        let result = try #require(Self.score(query, path))
        #expect(result.0 == score)
        #expect(result.1 == indices)
    }

    @Test func nonMatchesAndSpecialWords() {
        #expect(Self.score("zzz", "hello") == nil)
        #expect(Self.score("f$", "fifo") == nil)
        #expect(Self.score("!d f", "d/f") == nil)
        #expect(Self.score("!d f", "fifo")?.0 == 34)
        #expect(Self.score("^d", "x/d") == nil)
        // Only whitespace: no word, so everything matches with 0.
        #expect(Self.score("  ", "anything")?.0 == 0)
    }

    @Test func longCandidatesFallBackToAGreedyMatch() throws {
        // 100 KiB of matrix cells is the limit of the optimal match; past it the match is greedy.
        let path = String(repeating: "a/", count: 3000) + "zz/b"
        let result = try #require(Self.score("azb", path))
        #expect(result.1.count == 3)
        #expect(result.1.last == UInt32(path.utf8.count - 1))
    }

    @Test func nonASCIIPathsCountScalars() throws {
        let result = try #require(Self.score("ae", "é/ae.txt"))
        #expect(result.1 == [2, 3])
    }
}

/// git's pattern syntax as `.gitignore` files use it.
@Suite struct IgnoreRulesTests {
    static func ignored(_ rules: String, _ path: String, folder: Bool = false) -> Bool {
        let parsed = IgnoreRules(parsing: Array(rules.utf8))
        let bytes = Array(path.utf8)
        let nameStart = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        return bytes.withUnsafeBufferPointer {
            parsed.verdict(path: $0, nameStart: nameStart, isFolder: folder) == .ignore
        }
    }

    @Test func patterns() {
        #expect(Self.ignored("*.log", "a/b/x.log"))
        #expect(!Self.ignored("*.log\n!keep.log", "keep.log"))
        #expect(Self.ignored("/top.txt", "top.txt"))
        #expect(!Self.ignored("/top.txt", "a/top.txt"))
        #expect(Self.ignored("b/", "a/b", folder: true))
        #expect(!Self.ignored("b/", "a/b"))
        #expect(Self.ignored("**/deep/*.tmp", "c/deep/z.tmp"))
        #expect(Self.ignored("**/deep/*.tmp", "deep/z.tmp"))
        #expect(!Self.ignored("**/deep/*.tmp", "c/deep/e/z.tmp"))
        #expect(Self.ignored("a/**/b", "a/x/y/b"))
        #expect(Self.ignored("a/**/b", "a/b"))
        #expect(Self.ignored("a/**", "a/x/y"))
        #expect(!Self.ignored("a/**", "a"))
        #expect(Self.ignored("doc/*.txt", "doc/x.txt"))
        #expect(!Self.ignored("doc/*.txt", "doc/sub/x.txt"))
        #expect(Self.ignored("file[0-9].c", "file7.c"))
        #expect(!Self.ignored("file[!0-9].c", "file7.c"))
        #expect(Self.ignored("\\#hash", "#hash"))
        #expect(!Self.ignored("# comment", "# comment"))
        #expect(Self.ignored("trailing   ", "trailing"))
        #expect(Self.ignored("?.md", "a.md"))
        #expect(!Self.ignored("?.md", "ab.md"))
    }
}
