import CodexProtocol
import Foundation
import Testing

@Suite struct LineSplitterTests {
    @Test func splitsAcrossChunksAndTrimsCR() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("ab".utf8)) == [])
        #expect(splitter.append(Array("c\r\nde\nf".utf8)) == [.line(Array("abc".utf8)), .line(Array("de".utf8))])
        #expect(splitter.finish() == .line(Array("f".utf8)))
        #expect(splitter.finish() == nil)
    }

    @Test func capsLongLinesAndRecovers() {
        var splitter = LineSplitter(maxLineBytes: 8)
        var lines = splitter.append(Array("0123456789".utf8))
        lines += splitter.append(Array("abc\nok\n".utf8))
        #expect(lines == [.tooLong(byteCount: 13), .line(Array("ok".utf8))])
        #expect(splitter.append(Array("0123456789\nyes\n".utf8)) == [.tooLong(byteCount: 10), .line(Array("yes".utf8))])
    }
}

@Suite struct JSONLineReaderTests {
    /// Feeds `text` through a pipe and collects what the reader yields.
    private func read(_ bytes: [UInt8], maxLineBytes: Int = 1 << 20) async throws -> [JSONLineReader.Element] {
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        writer.write(Data(bytes))
        try writer.close()
        var results: [JSONLineReader.Element] = []
        for try await element in JSONLineReader(
            fileDescriptor: pipe.fileHandleForReading.fileDescriptor, maxLineBytes: maxLineBytes)
        {
            results.append(element)
        }
        try pipe.fileHandleForReading.close()
        return results
    }

    @Test func survivesGarbageLines() async throws {
        var bytes = Array("{\"a\":1}\nnot json\n\n[1,\n".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        bytes += Array(String(repeating: "[", count: 5000).utf8) + [0x0A]
        bytes += Array(String(repeating: "x", count: 3000).utf8) + [0x0A]
        bytes += Array("{\"b\":2}".utf8)  // no trailing newline
        let results = try await read(bytes, maxLineBytes: 2048)
        #expect(results.count == 7)
        #expect(try results[0].get() == ["a": 1])
        for index in 1...5 {
            guard case .failure(let failure) = results[index] else {
                Issue.record("line \(index) should be malformed")
                continue
            }
            #expect(failure.lineNumber > 1)
        }
        guard case .failure(let tooLong) = results[5] else { return }
        #expect(tooLong.reason.contains("exceeds"))
        #expect(try results[6].get() == ["b": 2])
    }

    @Test func lineNumbersCountBlankLines() async throws {
        let results = try await read(Array("\n\nnope\n".utf8))
        guard case .failure(let failure) = results.first else {
            Issue.record("expected a malformed line")
            return
        }
        #expect(failure.lineNumber == 3)
    }
}
