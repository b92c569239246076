import CodexAppServer
import CodexProtocol
import CodexTestSupport
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Messages the server wrote, in order; tests take the ones they wait for, leaving the rest.
final class MessageInbox: Sendable {
    private struct State {
        var messages: [JSONValue] = []
        var ended = false
        var generation: UInt64 = 0
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    func append(_ message: JSONValue) { change { $0.messages.append(message) } }
    func finish() { change { $0.ended = true } }

    /// Everything received and not yet taken.
    var pending: [JSONValue] { state.withLock { $0.messages } }

    private func change(_ update: (inout State) -> Void) {
        let waiters = state.withLock { state in
            update(&state)
            state.generation &+= 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Removes and returns the first message matching `predicate`, waiting up to `timeout`.
    func take(
        _ what: String, timeout: Duration = .seconds(20), where predicate: @escaping @Sendable (JSONValue) -> Bool
    ) async throws -> JSONValue {
        try await withTimeout(timeout, waitingFor: what) {
            while true {
                let (found, ended, seen): (JSONValue?, Bool, UInt64) = self.state.withLock { state in
                    if let index = state.messages.firstIndex(where: predicate) {
                        return (state.messages.remove(at: index), state.ended, state.generation)
                    }
                    return (nil, state.ended, state.generation)
                }
                if let found { return found }
                if ended { throw HarnessError("server output ended while waiting for \(what)") }
                try Task.checkCancellation()
                await self.waitForChange(after: seen)
            }
        }
    }

    private func waitForChange(after generation: UInt64) async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The client end of an in-process connection: writes lines to the server, reads what it wrote.
final class TestClient: Sendable {
    let inbox = MessageInbox()
    private let inputWriteEnd: Int32
    private let inputClosed = Mutex(false)
    private let queue = DispatchQueue(label: "test-client-writer")

    init(inputWriteEnd: Int32) { self.inputWriteEnd = inputWriteEnd }

    /// Writes raw bytes (off the cooperative pool, since a pipe write can block).
    func sendBytes(_ bytes: [UInt8]) async {
        let fd = inputWriteEnd
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
                    if written > 0 {
                        offset += written
                    } else if written < 0, errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                continuation.resume()
            }
        }
    }

    /// Writes one line (a `\n` is added).
    func send(_ line: String) async { await sendBytes(Array((line + "\n").utf8)) }

    /// Writes one JSON message.
    func send(_ message: JSONValue) async { await send(message.serialized()) }

    /// Sends a request and waits for the response or error carrying its id.
    func request(_ method: String, id: JSONValue = 1, params: JSONValue? = [:]) async throws -> JSONValue {
        var object: JSONObject = ["id": id, "method": .string(method)]
        if let params { object["params"] = params }
        await send(.object(object))
        return try await response(id: id)
    }

    /// Waits for the response or error with this id.
    func response(id: JSONValue) async throws -> JSONValue {
        try await inbox.take("response to \(id.serialized())") { $0["method"] == nil && $0["id"] == id }
    }

    /// Waits for a notification or server request named `method`.
    func message(method: String) async throws -> JSONValue {
        try await inbox.take("message \(method)") { $0["method"]?.stringValue == method }
    }

    /// Performs the handshake (with optional opt-outs) and returns the initialize result.
    @discardableResult
    func initialize(optOut: [String] = [], id: JSONValue = "init") async throws -> JSONValue {
        let params: JSONValue = [
            "clientInfo": ["name": "test_client", "title": nil, "version": "0.1.0"],
            "capabilities": ["experimentalApi": true, "optOutNotificationMethods": .array(optOut.map(JSONValue.string))],
        ]
        let reply = try await request("initialize", id: id, params: params)
        await send(["method": "initialized"])
        return reply
    }

    /// Closes the server's input (EOF). Idempotent.
    func closeInput() {
        let shouldClose = inputClosed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        if shouldClose { close(inputWriteEnd) }
    }
}

/// Runs an `AppServerConnection` over two pipes, hands the client to `body`, then closes the
/// client's side and waits for the server to finish. Returns how the server's run ended.
@discardableResult
func withConnection(
    handlers: AppServerHandlers = AppServerHandlers(),
    configuration: AppServerConnection.Configuration = AppServerConnection.Configuration(),
    _ body: @Sendable (TestClient, AppServerConnection) async throws -> Void
) async throws -> AppServerExit {
    var toServer: [Int32] = [0, 0]
    var fromServer: [Int32] = [0, 0]
    guard pipe(&toServer) == 0, pipe(&fromServer) == 0 else { throw HarnessError("pipe() failed") }
    let initializer = InitializeResponder(
        version: "9.9.9", codexHome: "/home/test/.codex",
        platform: PlatformDescription(kernelRelease: "6.1.0-test", architecture: "x86_64"))
    let connection = AppServerConnection(
        input: toServer[0], output: fromServer[1], handlers: handlers, initializer: initializer,
        configuration: configuration)
    let client = TestClient(inputWriteEnd: toServer[1])
    let serverOutput = fromServer[0]
    let serverOutputWriteEnd = fromServer[1]
    let (exit, bodyError) = await withTaskGroup(of: AppServerExit?.self) { group in
        group.addTask {
            let status = await connection.run()
            close(serverOutputWriteEnd)
            return status
        }
        group.addTask {
            do {
                for try await element in JSONLineReader(fileDescriptor: serverOutput) {
                    switch element {
                    case .success(let value): client.inbox.append(value)
                    case .failure(let bad): client.inbox.append(.string("<<server wrote a malformed line: \(bad)>>"))
                    }
                }
            } catch {
                client.inbox.append(.string("<<reading server output failed: \(error)>>"))
            }
            client.inbox.finish()
            return nil
        }
        var bodyError: (any Error)?
        do {
            try await body(client, connection)
        } catch {
            bodyError = error
        }
        client.closeInput()
        var exit: AppServerExit?
        for await status in group where status != nil { exit = status }
        return (exit, bodyError)
    }
    close(toServer[0])
    close(serverOutput)
    if let bodyError { throw bodyError }
    guard let exit else { throw HarnessError("server did not report an exit") }
    return exit
}

/// The error object of a reply, or nil when it is a result.
func errorOf(_ reply: JSONValue) -> (code: Int64, message: String)? {
    guard let error = reply["error"], let code = error["code"]?.intValue, let message = error["message"]?.stringValue
    else { return nil }
    return (code, message)
}

/// A one-way gate for tests: `wait()` returns once `open()` was called, or when the task is cancelled.
final class TestLatch: Sendable {
    private struct State {
        var isOpen = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    var isOpen: Bool { state.withLock { $0.isOpen } }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    if state.isOpen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Waits up to `timeout` for the latch to open; throws `TimeoutError` otherwise.
    func wait(timeout: Duration, _ what: String) async throws {
        try await withTimeout(timeout, waitingFor: what) {
            await self.wait()
            try Task.checkCancellation()
        }
    }
}

/// An ordered record of what handlers did, shared between a test and its handlers.
final class EventLog: Sendable {
    private let entries = Mutex<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}
