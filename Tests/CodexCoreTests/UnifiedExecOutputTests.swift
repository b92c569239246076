import Testing

@testable import CodexCore

/// The reference's token-budget truncation and the text of an exec session result (no I/O).
struct UnifiedExecOutputTests {
    /// `seq 1 2000` with `max_output_tokens: 50`, as the reference 0.163.0 answered it.
    @Test func truncationKeepsHeadAndTailHalvesOfTheBudget() {
        let output = (1...2000).map { "\($0)\n" }.joined()
        let truncated = UnifiedExecOutput.truncated(output, maxTokens: 50)
        let head = (1...36).map { "\($0)\n" }.joined() + "3"
        let tail = (1981...2000).map { "\($0)\n" }.joined()
        #expect(
            truncated
                == "Warning: truncated output (original token count: 2224)\nTotal output lines: 2000\n\n" + head
                + "…2174 tokens truncated…" + tail)
    }

    @Test func outputWithinTheBudgetIsUnchanged() {
        let output = String(repeating: "x", count: 200)
        #expect(UnifiedExecOutput.truncated(output, maxTokens: 50) == output)
        #expect(UnifiedExecOutput.truncated(output + "y", maxTokens: 50).hasPrefix("Warning: truncated output"))
    }

    @Test func truncationNeverSplitsACharacter() {
        let output = String(repeating: "€", count: 100)  // 300 bytes, 3 per character
        // A budget of 20 bytes: the head stops at 9 bytes, the tail starts at byte 291.
        let truncated = UnifiedExecOutput.truncated(output, maxTokens: 5)
        #expect(!truncated.contains("\u{FFFD}"))
        #expect(truncated.hasSuffix("\n\n€€€…71 tokens truncated…€€€"))
    }

    @Test func lineCountFollowsRustLines() {
        #expect(UnifiedExecOutput.lineCount("") == 0)
        #expect(UnifiedExecOutput.lineCount("a") == 1)
        #expect(UnifiedExecOutput.lineCount("a\n") == 1)
        #expect(UnifiedExecOutput.lineCount("a\nb") == 2)
    }

    @Test func tokenEstimateRoundsUp() {
        #expect(UnifiedExecOutput.approximateTokenCount("") == 0)
        #expect(UnifiedExecOutput.approximateTokenCount("hi\n") == 1)
        #expect(UnifiedExecOutput.approximateTokenCount("DONE-SLEEP\n") == 3)
    }

    @Test func modelTextHasTheReferenceHeader() {
        let running = UnifiedExecOutput.modelText(
            chunkID: "9cb144", wallTime: .milliseconds(1000) + .microseconds(600), state: .running(sessionID: 16618),
            rawOutput: ">>> ", maxTokens: 10_000)
        #expect(
            running
                == "Chunk ID: 9cb144\nWall time: 1.0006 seconds\nProcess running with session ID 16618\nOriginal token count: 1\nOutput:\n>>> "
        )
        let exited = UnifiedExecOutput.modelText(
            chunkID: "addc03", wallTime: .zero, state: .exited(code: 3), rawOutput: "hi\n", maxTokens: 10_000)
        #expect(exited == "Chunk ID: addc03\nWall time: 0.0000 seconds\nProcess exited with code 3\nOriginal token count: 1\nOutput:\nhi\n")
    }

    @Test func chunkIDsAreSixHexDigits() {
        let id = UnifiedExecOutput.chunkID()
        #expect(id.count == 6)
        #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
    }
}

/// The session store's ids, lookups and pruning (no processes).
struct UnifiedExecSessionStoreTests {
    /// A generator for repeatable ids.
    struct CountingGenerator: RandomNumberGenerator {
        var state: UInt64 = 0
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return state
        }
    }

    @Test func idsAreFreshAndInTheReferenceRange() {
        var store = UnifiedExecSessionStore<String>()
        var generator = CountingGenerator()
        for index in 0..<50 {
            let id = store.newID(using: &generator)
            #expect((1000..<100_000).contains(id))
            #expect(store.use(id) == nil)
            #expect(store.insert("s\(index)", id: id) == nil)
        }
        #expect(store.count == 50)
    }

    @Test func useFindsAndRemoveForgets() {
        var store = UnifiedExecSessionStore<String>()
        _ = store.insert("a", id: 1001)
        #expect(store.use(1001) == "a")
        #expect(store.remove(1001) == "a")
        #expect(store.use(1001) == nil)
    }

    @Test func aFullStorePrunesTheLeastRecentlyUsedOutsideTheProtectedEight() {
        var store = UnifiedExecSessionStore<Int>(capacity: 10)
        for id in 1...10 { #expect(store.insert(id, id: id) == nil) }
        // Touch 1 so that 2 becomes the least recently used.
        _ = store.use(1)
        #expect(store.insert(11, id: 11) == 2)
        #expect(store.count == 10)
        #expect(store.use(2) == nil)
    }

    @Test func anExitedSessionIsPrunedFirst() {
        var store = UnifiedExecSessionStore<Int>(capacity: 10)
        for id in 1...10 { _ = store.insert(id, id: id) }
        // 1 is the least recently used, but 2 has exited (and 3...10 are the protected most recent).
        store.markExited(2)
        #expect(store.insert(11, id: 11) == 2)
    }

    @Test func theMostRecentEightAreNeverPruned() {
        var store = UnifiedExecSessionStore<Int>(capacity: 9)
        for id in 1...9 { _ = store.insert(id, id: id) }
        store.markExited(9)  // exited, but among the 8 most recent
        #expect(store.insert(10, id: 10) == 1)
    }

    @Test func removeAllEmptiesTheStore() {
        var store = UnifiedExecSessionStore<Int>()
        for id in [3, 1, 2] { _ = store.insert(id, id: id) }
        #expect(store.removeAll() == [1, 2, 3])
        #expect(store.count == 0)
    }
}
