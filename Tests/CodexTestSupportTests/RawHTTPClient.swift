import CodexBasics
import CodexTestSupport
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A deliberately independent HTTP/1.1 client on a plain POSIX socket, so the tests see exactly the bytes
/// the mock server writes and when: status line, headers, chunked framing and SSE events.
///
/// Blocking socket calls run on a dispatch thread, never on the cooperative pool; every read has a
/// timeout (poll), so a broken server fails a test instead of hanging it.
final class RawHTTPConnection: Sendable {
    struct ClientError: Error, CustomStringConvertible {
        var description: String
    }

    /// How a streamed body ended.
    enum BodyEnd: Equatable {
        /// The terminating zero-length chunk (or the full content-length) arrived.
        case complete
        /// The server closed the connection first.
        case closedEarly
    }

    struct Head {
        var status: Int
        var headers: [HTTPHeader]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    private struct State {
        var fd: Int32
        var buffer: [UInt8] = []
        var eof = false
        var chunked = false
        var remainingLength: Int?
        var bodyEnd: BodyEnd?
        var parser = SSEParser()
        var pendingEvents: [MockSSEEvent] = []
    }

    private let state: Mutex<State>

    private init(fd: Int32) {
        state = Mutex(State(fd: fd))
    }

    deinit {
        state.withLock { state in
            if state.fd >= 0 { _ = close(state.fd) }
        }
    }

    /// Connects to 127.0.0.1:`port`.
    static func connect(port: Int) async throws -> RawHTTPConnection {
        try await offPool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw ClientError(description: "socket() failed: errno \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard rc == 0 else {
                let code = errno
                _ = close(fd)
                throw ClientError(description: "connect() to port \(port) failed: errno \(code)")
            }
            return RawHTTPConnection(fd: fd)
        }
    }

    /// Sends one request with a content-length body.
    func send(method: String, path: String, headers: [(String, String)] = [], body: String = "") async throws {
        var text = "\(method) \(path) HTTP/1.1\r\nhost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "content-length: \(body.utf8.count)\r\n\r\n\(body)"
        let bytes = Array(text.utf8)
        try await offPool { [self] in
            try state.withLock { state in
                var sent = 0
                while sent < bytes.count {
                    let count = bytes[sent...].withUnsafeBytes { Glibc.send(state.fd, $0.baseAddress, $0.count, 0) }
                    guard count > 0 else { throw ClientError(description: "send() failed: errno \(errno)") }
                    sent += count
                }
                // A new response on the same connection starts fresh.
                state.bodyEnd = nil
                state.parser = SSEParser()
                state.pendingEvents = []
            }
        }
    }

    /// Reads the status line and headers.
    func readHead(timeout: Duration = .seconds(10)) async throws -> Head {
        try await offPool { [self] in
            try state.withLock { state in
                guard let statusLine = try Self.readLine(&state, timeout: timeout) else {
                    throw ClientError(description: "connection closed before a response")
                }
                let parts = statusLine.split(separator: " ", maxSplits: 2)
                guard parts.count >= 2, let status = Int(parts[1]) else {
                    throw ClientError(description: "bad status line: \(statusLine)")
                }
                var headers: [HTTPHeader] = []
                while true {
                    guard let line = try Self.readLine(&state, timeout: timeout) else {
                        throw ClientError(description: "connection closed inside the response head")
                    }
                    if line.isEmpty { break }
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    let value = line[line.index(after: colon)...].drop { $0 == " " }
                    headers.append(HTTPHeader(String(line[..<colon]), String(value)))
                }
                let head = Head(status: status, headers: headers)
                state.chunked = head.header("transfer-encoding")?.lowercased() == "chunked"
                state.remainingLength = head.header("content-length").flatMap { Int($0) }
                return head
            }
        }
    }

    /// The next SSE event of a streamed body; nil when the body ended (see `bodyEnd`).
    func nextEvent(timeout: Duration = .seconds(10)) async throws -> MockSSEEvent? {
        try await offPool { [self] in
            try state.withLock { state in
                while state.pendingEvents.isEmpty {
                    guard let chunk = try Self.readBodyPiece(&state, timeout: timeout) else { return nil }
                    state.pendingEvents += MockSSEEvent.parse(chunk, with: &state.parser)
                }
                return state.pendingEvents.removeFirst()
            }
        }
    }

    /// Reads every remaining event until the body ends.
    func remainingEvents(timeout: Duration = .seconds(10)) async throws -> [MockSSEEvent] {
        var events: [MockSSEEvent] = []
        while let event = try await nextEvent(timeout: timeout) { events.append(event) }
        return events
    }

    /// Reads the whole remaining body as text.
    func readBody(timeout: Duration = .seconds(10)) async throws -> String {
        try await offPool { [self] in
            try state.withLock { state in
                var bytes: [UInt8] = []
                while let piece = try Self.readBodyPiece(&state, timeout: timeout) { bytes += piece }
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// How the last body ended; nil while it is still open.
    var bodyEnd: BodyEnd? { state.withLock { $0.bodyEnd } }

    // MARK: Blocking internals (called on the dispatch thread, lock held)

    private static func readBodyPiece(_ state: inout State, timeout: Duration) throws -> [UInt8]? {
        if state.bodyEnd != nil { return nil }
        if state.chunked {
            guard let sizeLine = try readLine(&state, timeout: timeout) else {
                return endEarlyIfClosed(&state)
            }
            guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                throw ClientError(description: "bad chunk size line: \(sizeLine)")
            }
            if size == 0 {
                _ = try readLine(&state, timeout: timeout)
                state.bodyEnd = .complete
                return nil
            }
            guard let data = try readExactly(&state, count: size, timeout: timeout),
                try readLine(&state, timeout: timeout) == ""
            else {
                return endEarlyIfClosed(&state)
            }
            return data
        }
        if let remaining = state.remainingLength {
            if remaining == 0 {
                state.bodyEnd = .complete
                return nil
            }
            guard let data = try readExactly(&state, count: remaining, timeout: timeout) else {
                return endEarlyIfClosed(&state)
            }
            state.remainingLength = 0
            return data
        }
        throw ClientError(description: "response has neither chunked encoding nor content-length")
    }

    private static func endEarlyIfClosed(_ state: inout State) -> [UInt8]? {
        state.bodyEnd = .closedEarly
        return nil
    }

    /// A CRLF-terminated line; nil when the connection closed first; throws on timeout.
    private static func readLine(_ state: inout State, timeout: Duration) throws -> String? {
        while true {
            if let newline = state.buffer.firstIndex(of: 0x0A) {
                var line = Array(state.buffer[..<newline])
                state.buffer.removeSubrange(...newline)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard try fill(&state, timeout: timeout) else { return nil }
        }
    }

    /// Exactly `count` bytes, or nil when the connection closed first.
    private static func readExactly(_ state: inout State, count: Int, timeout: Duration) throws -> [UInt8]? {
        while state.buffer.count < count {
            guard try fill(&state, timeout: timeout) else { return nil }
        }
        let data = Array(state.buffer[..<count])
        state.buffer.removeSubrange(..<count)
        return data
    }

    /// Reads more bytes into the buffer; false at end of stream; throws on timeout.
    private static func fill(_ state: inout State, timeout: Duration) throws -> Bool {
        if state.eof { return false }
        var descriptor = pollfd(fd: state.fd, events: Int16(POLLIN), revents: 0)
        let (seconds, attoseconds) = timeout.components
        let millis = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        var ready: Int32
        repeat {
            ready = poll(&descriptor, 1, millis)
        } while ready < 0 && errno == EINTR
        guard ready > 0 else { throw ClientError(description: "no data from the server within \(timeout)") }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(state.fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 {
            state.eof = true
            return false
        }
        state.buffer += chunk[..<count]
        return true
    }
}

/// Runs blocking work on a dispatch thread and awaits its result.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
