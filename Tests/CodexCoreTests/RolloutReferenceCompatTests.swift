import CodexCore
import CodexProtocol
import Foundation
import Glibc
import Testing

/// Opt-in: checks that the reference binary (0.163.0) lists and resumes a thread our writer wrote.
/// Runs only when `CODEX_REFERENCE_BIN` names the reference `codex` executable.
@Suite struct RolloutReferenceCompatTests {
    @Test func referenceListsAndResumesOurRollout() async throws {
        guard let binary = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !binary.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN")
            return
        }
        // The reference refuses to set up its helpers under /tmp, so the home goes under .build/.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let home = packageRoot.appendingPathComponent(".build/rollout-compat-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/tmp", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let config = """
            model = "mock-model"
            model_provider = "mock"
            check_for_update_on_startup = false
            [analytics]
            enabled = false
            [model_providers.mock]
            name = "mock"
            base_url = "http://127.0.0.1:9/v1"
            wire_api = "responses"
            env_key = "MOCK_API_KEY"
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: home + "/config.toml"))

        let id = ThreadID.generate()
        try await RolloutTestKit.writeThread(
            home: home, id: id, createdAt: Date(), prompt: "compat-question", cwd: home, source: .vscode)

        let responses = try ReferenceAppServer.exchange(
            binary: binary, home: home,
            requests: [
                ("thread/list", ["sourceKinds": ["vscode"]]),
                ("thread/resume", ["threadId": .string(id.rawValue)]),
            ])
        let listed = try #require(responses[0]["result"]?["data"]?.arrayValue)
        #expect(listed.map { $0["id"] } == [.string(id.rawValue)])
        #expect(listed.first?["preview"] == "compat-question")
        let turns = try #require(responses[1]["result"]?["thread"]?["turns"]?.arrayValue)
        let texts = turns.flatMap { $0["items"]?.arrayValue ?? [] }.compactMap { item in
            item["text"]?.stringValue ?? item["content"]?.arrayValue?.first?["text"]?.stringValue
        }
        #expect(texts == ["compat-question", "answer to compat-question"])
    }
}

/// Talks to `codex app-server` over stdio, one request at a time.
private enum ReferenceAppServer {
    static func exchange(binary: String, home: String, requests: [(String, JSONValue)]) throws -> [JSONValue] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["app-server"]
        process.currentDirectoryURL = URL(fileURLWithPath: home)
        var environment = ProcessInfo.processInfo.environment
        environment["CODEX_HOME"] = home
        environment["TMPDIR"] = home + "/tmp"
        environment["MOCK_API_KEY"] = "unused"
        process.environment = environment
        // stdin is a socket pair rather than a pipe: sends use MSG_NOSIGNAL, so a server that died
        // early fails the test with EPIPE instead of killing the test process with SIGPIPE.
        var sockets: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &sockets) == 0 else {
            throw ReferenceError(message: "socketpair failed: errno \(errno)")
        }
        let input = StdinSocket(fd: sockets[0])
        let childEnd = FileHandle(fileDescriptor: sockets[1], closeOnDealloc: true)
        let output = Pipe()
        process.standardInput = childEnd
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        try childEnd.close()
        // A watchdog so a silent server cannot hang the test: killing it ends the reads below.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer {
            watchdog.cancel()
            input.close()
            process.waitUntilExit()
        }
        var reader = LineReader(handle: output.fileHandleForReading)
        let initialize: JSONValue = [
            "clientInfo": ["name": "rollout-tests", "title": "t", "version": "1"], "capabilities": ["experimentalApi": true],
        ]
        _ = try call(id: 1, method: "initialize", params: initialize, input: input, reader: &reader)
        try send(["method": "initialized"], to: input)
        var results: [JSONValue] = []
        for (offset, request) in requests.enumerated() {
            results.append(try call(id: Int64(offset + 2), method: request.0, params: request.1, input: input, reader: &reader))
        }
        return results
    }

    private static func call(
        id: Int64, method: String, params: JSONValue, input: StdinSocket, reader: inout LineReader
    ) throws -> JSONValue {
        try send(["id": .int(id), "method": .string(method), "params": params], to: input)
        while let line = reader.next() {
            guard let message = try? JSONParser.parse(line) else { continue }
            if message["id"] == .int(id) && message["method"] == nil { return message }
        }
        throw ReferenceError(message: "app-server ended before answering \(method)")
    }

    private static func send(_ message: JSONValue, to input: StdinSocket) throws {
        try input.send(Array((message.serialized() + "\n").utf8))
    }

    /// The parent's end of the child's stdin.
    struct StdinSocket {
        let fd: Int32

        func send(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes { buffer in
                    Glibc.send(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, Int32(MSG_NOSIGNAL))
                }
                if sent < 0 {
                    if errno == EINTR { continue }
                    throw ReferenceError(message: "writing to app-server failed: errno \(errno)")
                }
                offset += sent
            }
        }

        func close() {
            shutdown(fd, Int32(SHUT_WR))
            _ = Glibc.close(fd)
        }
    }

    struct ReferenceError: Error { let message: String }

    struct LineReader {
        let handle: FileHandle
        var buffer: [UInt8] = []

        mutating func next() -> String? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self)
                    buffer.removeSubrange(...newline)
                    return line
                }
                let data = handle.availableData
                if data.isEmpty { return nil }
                buffer.append(contentsOf: data)
            }
        }
    }
}
