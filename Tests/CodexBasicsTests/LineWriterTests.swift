import CodexBasics
import Dispatch
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct LineWriterTests {
    /// Reads `fd` to end of file on a dispatch thread (a blocking read must not hold a cooperative thread).
    private func readToEnd(_ fd: Int32) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { break }
                    bytes += chunk[0..<count]
                }
                continuation.resume(returning: bytes)
            }
        }
    }

    @Test func everyLineArrivesWholeAndInOrderWhateverThePipeDoes() async throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }
        // A small high-water mark, lines larger than PIPE_BUF and far more bytes than a pipe holds: the direct
        // path, the queue and the wait for room all take part.
        let writer = LineWriter(fileDescriptor: writeEnd, highWater: 32 * 1024)
        let lines = (0..<3000).map { index in
            "{\"n\":\(index),\"pad\":\"\(String(repeating: "x", count: (index * 37) % 9000))\"}\n"
        }
        async let received = readToEnd(readEnd)
        for line in lines { #expect(await writer.write(line)) }
        await writer.flush()
        close(writeEnd)
        let text = String(decoding: await received, as: UTF8.self)
        #expect(text == lines.joined())
        #expect(writer.failedErrno == nil)
    }

    @Test func aClosedReaderMakesLaterWritesFail() async throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        signal(SIGPIPE, SIG_IGN)
        close(fds[0])
        defer { close(fds[1]) }
        let writer = LineWriter(fileDescriptor: fds[1])
        _ = await writer.write("first\n")
        await writer.flush()
        #expect(writer.failedErrno == EPIPE)
        #expect(await writer.write("second\n") == false)
    }
}
