import NIOCore
import NIOPosix
import Synchronization

/// A minimal HTTP/1.1 server on 127.0.0.1 for model-client tests: the n-th connection gets the n-th
/// scripted raw response (the last one repeats), written step by step, then the connection closes.
/// It records each request. Only what these tests need: Content-Length request bodies.
final class ScriptedHTTPServer: Sendable {
    /// One piece of a scripted response.
    enum Step: Sendable {
        case send(String)
        case waitFor(TestGate)
    }

    /// A request as received.
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [(name: String, value: String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    let port: Int
    private let script: [[Step]]
    private let recorded = Mutex<[Request]>([])

    private init(port: Int, script: [[Step]]) {
        self.port = port
        self.script = script
    }

    var requests: [Request] { recorded.withLock { $0 } }
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Runs a server for the duration of `body`, then shuts it down.
    static func with<Output>(
        _ script: [[Step]],
        _ body: (ScriptedHTTPServer) async throws -> Output
    ) async throws -> Output {
        let serverChannel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let server = ScriptedHTTPServer(port: serverChannel.channel.localAddress?.port ?? 0, script: script)
        return try await withThrowingTaskGroup(of: Void.self, returning: Output.self) { group in
            group.addTask {
                try await serverChannel.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await connection in inbound {
                            connections.addTask { await server.serve(connection) }
                        }
                    }
                }
            }
            defer {
                group.cancelAll()
                serverChannel.channel.close(promise: nil)
            }
            return try await body(server)
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var buffer: [UInt8] = []
            var iterator = inbound.makeAsyncIterator()
            var request = Self.parse(buffer)
            while request == nil {
                guard let chunk = try await iterator.next() else { return }
                buffer += chunk.readableBytesView
                request = Self.parse(buffer)
            }
            guard let request else { return }
            let index = recorded.withLock { requests in
                requests.append(request)
                return requests.count - 1
            }
            guard let steps = script.indices.contains(index) ? script[index] : script.last else { return }
            for step in steps {
                switch step {
                case .send(let text): try await outbound.write(ByteBuffer(string: text))
                case .waitFor(let gate): await gate.wait()
                }
            }
        }
    }

    private static func parse(_ bytes: [UInt8]) -> Request? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4,
            let headerEnd = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator })
        else { return nil }
        let lines = String(decoding: bytes[..<headerEnd], as: UTF8.self).split(separator: "\r\n").map(String.init)
        let requestLine = lines.first?.split(separator: " ").map(String.init) ?? []
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters())
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = headerEnd + 4
        guard bytes.count >= bodyStart + length else { return nil }
        return Request(
            method: requestLine.first ?? "",
            path: requestLine.count > 1 ? requestLine[1] : "",
            headers: headers,
            body: String(decoding: bytes[bodyStart..<(bodyStart + length)], as: UTF8.self)
        )
    }
}

/// A one-shot signal a scripted response can wait for; `open()` releases the waiter.
final class TestGate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let opened = Mutex(false)

    init() {
        (stream, continuation) = AsyncStream.makeStream()
    }

    var isOpen: Bool { opened.withLock { $0 } }

    func open() {
        opened.withLock { $0 = true }
        continuation.finish()
    }

    /// Returns when opened (or when the waiting task is cancelled).
    func wait() async {
        for await _ in stream {}
    }
}

/// Builders for raw responses.
enum RawResponse {
    /// Status line and headers of a chunked `text/event-stream` response.
    static let sseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    /// The terminating chunk.
    static let end = "0\r\n\r\n"

    /// One chunk holding `text`.
    static func chunk(_ text: String) -> String {
        String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n"
    }

    /// One SSE event (named after its JSON `type`), as a chunk.
    static func event(_ type: String, _ json: String) -> String {
        chunk("event: \(type)\ndata: \(json)\n\n")
    }

    /// A complete non-streaming response.
    static func status(_ code: Int, _ reason: String, headers: [String] = [], body: String) -> String {
        var text = "HTTP/1.1 \(code) \(reason)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        for header in headers { text += header + "\r\n" }
        return text + "\r\n" + body
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
