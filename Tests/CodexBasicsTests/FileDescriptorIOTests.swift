import CodexBasics
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
        // More than a pipe buffer (64 KiB), so writes are short and must continue.
        let bytes = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let reader = Task.detached { () throws(IOError) -> [UInt8] in
            defer { close(ends.read) }
            return try FileDescriptorIO.readAll(from: ends.read)
        }
        try FileDescriptorIO.writeAll(bytes, to: ends.write)
        close(ends.write)
        let received = try await reader.value
        #expect(received.count == bytes.count)
        #expect(received == bytes)
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
