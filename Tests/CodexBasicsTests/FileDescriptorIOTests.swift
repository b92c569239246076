import CodexBasics
import Dispatch
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("FileDescriptorIO")
struct FileDescriptorIOTests {
    /// A pipe's two ends; both are closed by `close()` unless already closed.
    private struct Pipe {
        var read: Int32
        var write: Int32

        init() throws {
            var fds: [Int32] = [-1, -1]
            try #require(pipe(&fds) == 0)
            read = fds[0]
            write = fds[1]
        }
    }

    @Test func writeAllThenReadAllThroughAPipe() throws {
        let ends = try Pipe()
        defer { close(ends.read) }
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try FileDescriptorIO.writeAll(bytes, to: ends.write)
        close(ends.write)
        #expect(try FileDescriptorIO.readAll(from: ends.read) == bytes)
    }

    @Test func largeWritesArriveWholeWhileAReaderDrainsConcurrently() async throws {
        let ends = try Pipe()
        // Four pipe buffers (64 KiB each), so writes are short and must continue. A 251-byte cycle shows
        // any chunk out of order.
        let cycle = (0..<251).map { UInt8($0) }
        let bytes = Array(repeating: cycle, count: (256 << 10) / cycle.count + 1).joined().map { $0 }
        // Both ends block in the kernel, so each gets a thread of its own: never the cooperative pool,
        // where two blocked calls would stall every other test on a 2-core machine.
        let reader = DispatchQueue(label: "codex.basics-tests.pipe-reader")
        let writer = DispatchQueue(label: "codex.basics-tests.pipe-writer")
        let (received, writeFailure) = await withCheckedContinuation {
            (continuation: CheckedContinuation<(Result<[UInt8], IOError>, IOError?), Never>) in
            let group = DispatchGroup()
            let result = Mutex<(Result<[UInt8], IOError>, IOError?)>((.success([]), nil))
            reader.async(group: group) {
                defer { close(ends.read) }
                let read = Result { () throws(IOError) in try FileDescriptorIO.readAll(from: ends.read) }
                result.withLock { $0.0 = read }
            }
            writer.async(group: group) {
                defer { close(ends.write) }
                do throws(IOError) {
                    try FileDescriptorIO.writeAll(bytes, to: ends.write)
                } catch {
                    result.withLock { $0.1 = error }
                }
            }
            group.notify(queue: writer) { continuation.resume(returning: result.withLock { $0 }) }
        }
        #expect(writeFailure == nil)
        let got = try received.get()
        #expect(got.count == bytes.count)
        #expect(got == bytes)
    }

    @Test func readAllStopsAtTheLimit() throws {
        let ends = try Pipe()
        defer { close(ends.read) }
        try FileDescriptorIO.writeAll(Array("hello world".utf8), to: ends.write)
        close(ends.write)
        #expect(try FileDescriptorIO.readAll(from: ends.read, limit: 5) == Array("hello".utf8))
        #expect(try FileDescriptorIO.readAll(from: ends.read) == Array(" world".utf8))
    }

    @Test func writeToAClosedPipeFailsWithEPIPE() throws {
        signal(SIGPIPE, SIG_IGN)
        let ends = try Pipe()
        close(ends.read)
        defer { close(ends.write) }
        #expect(throws: IOError(operation: "write", errno: EPIPE)) {
            try FileDescriptorIO.writeAll(Array("x".utf8), to: ends.write)
        }
    }

    @Test func readFromABadDescriptorFailsAndKeepsWhatArrived() {
        var bytes: [UInt8] = [1, 2]
        #expect(throws: IOError(operation: "read", errno: EBADF)) {
            try FileDescriptorIO.readAll(from: -1, into: &bytes)
        }
        #expect(bytes == [1, 2])
    }

    @Test func readFileReadsARegularFileAndRefusesAFolder() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let text = String(repeating: "line of text\n", count: 10_000)
        let file = try scratch.writeFile("a.txt", text)
        #expect(try FileDescriptorIO.readFile(atPath: file.string) == Array(text.utf8))
        #expect(try FileDescriptorIO.readFile(atPath: file.string, limit: 4) == Array("line".utf8))
        #expect(throws: IOError(operation: "read", errno: EISDIR)) {
            try FileDescriptorIO.readFile(atPath: scratch.path.string)
        }
        #expect(throws: IOError(operation: "open", errno: ENOENT)) {
            try FileDescriptorIO.readFile(atPath: scratch.path.appending("missing").string)
        }
    }

    @Test func errorsNameTheCallAndTheReason() {
        let error = IOError(operation: "write", errno: EPIPE)
        #expect(error.description.hasPrefix("write failed: "))
        #expect(error.description.hasSuffix("(errno \(EPIPE))"))
    }
}
