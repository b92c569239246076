import CodexAppServer
import CodexProtocol
import CodexTestSupport
import Foundation
import Synchronization
import Testing

/// `command/exec` with a client `processId`: output deltas while it runs, a PTY, stdin writes, resize,
/// terminate, and the process group killed on timeout and when the connection closes.
@Suite struct CommandExecStreamingTests {
    static let fullAccess: JSONValue = ["type": "dangerFullAccess"]

    /// Starts a `command/exec` without waiting for its response; returns the request id.
    static func start(_ client: ServiceClient, id: JSONValue, _ params: JSONValue) async throws {
        #expect(SchemaCheck.requestErrors(method: "command/exec", params) == [])
        await client.client.send(["id": id, "method": "command/exec", "params": params])
    }

    /// Waits for the response to `id` and checks it against the schemas.
    static func response(_ client: ServiceClient, id: JSONValue) async throws -> JSONValue {
        let reply = try await client.client.response(id: id)
        let result = try #require(reply["result"], "command/exec failed: \(reply.serialized())")
        #expect(SchemaCheck.resultErrors(method: "command/exec", result) == [])
        return result
    }

    /// Output deltas of one process gathered per stream until `done` holds.
    struct Deltas {
        var stdout = ""
        var stderr = ""
        var capReached: [String] = []

        mutating func read(
            from client: ServiceClient, processID: String, until done: (Deltas) -> Bool
        ) async throws {
            while !done(self) {
                let params = try await client.notification("command/exec/outputDelta")
                #expect(params["processId"] == .string(processID))
                let bytes = try #require(Data(base64Encoded: params["deltaBase64"]?.stringValue ?? "x"))
                let text = String(decoding: bytes, as: UTF8.self)
                if params["stream"] == "stderr" { stderr += text } else { stdout += text }
                if params["capReached"] == true { capReached.append(params["stream"]?.stringValue ?? "") }
            }
        }
    }

    /// A slow command's output arrives as deltas while it runs; the response comes after, without it.
    @Test func streamsOutputWhileTheCommandRuns() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        let flag = fixture.work + "/go"
        try await fixture.withServices { client in
            try await Self.start(
                client, id: "slow",
                [
                    "command": ["/bin/sh", "-c", .string("echo first; while [ ! -e '\(flag)' ]; do sleep 0.02; done; echo second >&2")],
                    "processId": "slow-1", "streamStdoutStderr": true, "sandboxPolicy": Self.fullAccess,
                ])
            var deltas = Deltas()
            try await deltas.read(from: client, processID: "slow-1") { $0.stdout == "first\n" }
            // Still running: the response waits for the flag.
            #expect(!client.client.inbox.pending.contains { $0["id"] == "slow" })
            try Data().write(to: URL(fileURLWithPath: flag))
            try await deltas.read(from: client, processID: "slow-1") { $0.stderr == "second\n" }
            let result = try await Self.response(client, id: "slow")
            #expect(result == ["exitCode": 0, "stdout": "", "stderr": ""])
        }
    }

    /// `tty` runs the command on a terminal of the asked size; `write` feeds it, `resize` changes it.
    @Test func ttyCommandTakesInputAndResizes() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try await fixture.withServices { client in
            try await Self.start(
                client, id: "tty",
                [
                    "command": ["/bin/sh", "-c", "tty >/dev/null && echo on-a-tty; stty size; read line; echo got:$line; stty size"],
                    "processId": "tty-1", "tty": true, "size": ["rows": 7, "cols": 33], "sandboxPolicy": Self.fullAccess,
                ])
            var deltas = Deltas()
            try await deltas.read(from: client, processID: "tty-1") { $0.stdout.contains("7 33\r\n") }
            #expect(deltas.stdout.hasPrefix("on-a-tty\r\n"))
            _ = try await client.call("command/exec/resize", ["processId": "tty-1", "size": ["rows": 9, "cols": 40]])
            _ = try await client.call("command/exec/write", ["processId": "tty-1", "deltaBase64": .string(Data("hello\n".utf8).base64EncodedString())])
            try await deltas.read(from: client, processID: "tty-1") { $0.stdout.contains("9 40\r\n") }
            #expect(deltas.stdout.contains("got:hello\r\n"))
            #expect(deltas.stderr == "")
            let result = try await Self.response(client, id: "tty")
            #expect(result == ["exitCode": 0, "stdout": "", "stderr": ""])
        }
    }

    /// `streamStdin` without streamed output: writes reach the command, closing stdin ends it, and
    /// its output comes in the response.
    @Test func stdinWritesAndCloseReachTheCommand() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try await fixture.withServices { client in
            try await Self.start(
                client, id: "cat",
                ["command": ["/bin/cat"], "processId": "cat-1", "streamStdin": true, "sandboxPolicy": Self.fullAccess])
            _ = try await client.call("command/exec/write", ["processId": "cat-1", "deltaBase64": "b25lCg=="])
            _ = try await client.call("command/exec/write", ["processId": "cat-1", "deltaBase64": "dHdvCg==", "closeStdin": true])
            let result = try await Self.response(client, id: "cat")
            #expect(result == ["exitCode": 0, "stdout": "one\ntwo\n", "stderr": ""])
        }
    }

    /// The reference's refusals, code and message, for bad streaming requests and follow-ups.
    @Test func refusesAsTheReference() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try await fixture.withServices { client in
            let cases: [(String, JSONValue, Int, String)] = [
                ("command/exec", ["command": ["true"], "tty": true], -32600,
                 "command/exec tty or streaming requires a client-supplied processId"),
                ("command/exec", ["command": ["true"], "streamStdoutStderr": true], -32600,
                 "command/exec tty or streaming requires a client-supplied processId"),
                ("command/exec", ["command": ["true"], "processId": "x", "size": ["rows": 1, "cols": 1]], -32602,
                 "command/exec size requires tty: true"),
                ("command/exec", ["command": ["true"], "timeoutMs": 5, "disableTimeout": true], -32602,
                 "command/exec cannot set both timeoutMs and disableTimeout"),
                ("command/exec", ["command": ["true"], "outputBytesCap": 5, "disableOutputCap": true], -32602,
                 "command/exec cannot set both outputBytesCap and disableOutputCap"),
                ("command/exec", ["command": ["true"], "processId": "x", "tty": true, "size": ["rows": 0, "cols": 2]],
                 -32602, "command/exec size rows and cols must be greater than 0"),
                ("command/exec", ["command": ["/no/such/program"], "sandboxPolicy": Self.fullAccess], -32603,
                 "failed to spawn command: No such file or directory (os error 2)"),
                ("command/exec/write", ["processId": "nope", "deltaBase64": "YQo="], -32600,
                 #"no active command/exec for process id "nope""#),
                ("command/exec/write", ["processId": "nope"], -32602, "command/exec/write requires deltaBase64 or closeStdin"),
                ("command/exec/resize", ["processId": "nope", "size": ["rows": 0, "cols": 1]], -32602,
                 "command/exec size rows and cols must be greater than 0"),
                ("command/exec/resize", ["processId": "nope", "size": ["rows": 5, "cols": 1]], -32600,
                 #"no active command/exec for process id "nope""#),
                ("command/exec/terminate", ["processId": "nope"], -32600, #"no active command/exec for process id "nope""#),
            ]
            for (method, params, code, message) in cases {
                let error = try await client.failure(method, params)
                #expect(error["code"] == .int(Int64(code)), "\(method) \(params.serialized())")
                #expect(error["message"] == .string(message), "\(method) \(params.serialized())")
            }

            // A running process without stdin streaming or terminal; a second one under the same id.
            try await Self.start(
                client, id: "sleeper", ["command": ["/bin/sleep", "30"], "processId": "n", "sandboxPolicy": Self.fullAccess])
            let duplicate = try await client.failure("command/exec", ["command": ["true"], "processId": "n"])
            #expect(duplicate["message"] == #"duplicate active command/exec process id: "n""#)
            let write = try await client.failure("command/exec/write", ["processId": "n", "deltaBase64": "YQo="])
            #expect(write["message"] == "stdin streaming is not enabled for this command/exec")
            let resize = try await client.failure("command/exec/resize", ["processId": "n", "size": ["rows": 5, "cols": 5]])
            #expect(resize["message"] == "failed to resize PTY: process is not attached to a PTY")
            _ = try await client.call("command/exec/terminate", ["processId": "n"])
            let killed = try await Self.response(client, id: "sleeper")
            #expect(killed["exitCode"] == 137)
        }
    }

    /// At the timeout the whole process group is killed (a background child too) and the exit code is 124.
    @Test func timeoutKillsTheProcessGroup() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try await fixture.withServices { client in
            try await Self.start(
                client, id: "bg",
                [
                    "command": ["/bin/sh", "-c", "sleep 1000 & echo \"$$ $!\"; wait"], "processId": "bg-1",
                    "streamStdoutStderr": true, "timeoutMs": 300, "sandboxPolicy": Self.fullAccess,
                ])
            var deltas = Deltas()
            try await deltas.read(from: client, processID: "bg-1") { $0.stdout.hasSuffix("\n") }
            let pids = deltas.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
            #expect(pids.count == 2)
            let result = try await Self.response(client, id: "bg")
            #expect(result == ["exitCode": 124, "stdout": "", "stderr": ""])
            for pid in pids { try await UnifiedExecSessionTests.waitUntilGone(pid) }
        }
    }

    /// `outputBytesCap` cuts each stream: streamed, the last chunk says `capReached`; buffered, the response is cut.
    @Test func outputCapCutsEachStream() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try await fixture.withServices { client in
            let command: JSONValue = ["/bin/sh", "-c", "echo 0123456789; echo abc >&2"]
            try await Self.start(
                client, id: "cap",
                [
                    "command": command, "processId": "cap-1", "streamStdoutStderr": true, "outputBytesCap": 4,
                    "sandboxPolicy": Self.fullAccess,
                ])
            var deltas = Deltas()
            try await deltas.read(from: client, processID: "cap-1") { $0.capReached.count == 2 }
            #expect(deltas.stdout == "0123")
            #expect(deltas.stderr == "abc\n")
            #expect(try await Self.response(client, id: "cap") == ["exitCode": 0, "stdout": "", "stderr": ""])
            let buffered = try await client.call(
                "command/exec", ["command": command, "outputBytesCap": 4, "sandboxPolicy": Self.fullAccess])
            #expect(buffered == ["exitCode": 0, "stdout": "0123", "stderr": "abc\n"])
        }
    }

    /// Closing the connection kills a running command's process group.
    @Test func disconnectKillsTheProcessGroup() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        let pids = PIDBox()
        try await fixture.withServices { client in
            try await Self.start(
                client, id: "bg",
                [
                    "command": ["/bin/sh", "-c", "sleep 1000 & echo \"$$ $!\"; wait"], "processId": "bg-2",
                    "streamStdoutStderr": true, "disableTimeout": true, "sandboxPolicy": Self.fullAccess,
                ])
            var deltas = Deltas()
            try await deltas.read(from: client, processID: "bg-2") { $0.stdout.hasSuffix("\n") }
            let found = deltas.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
            #expect(found.count == 2)
            for pid in found { #expect(kill(pid, 0) == 0) }
            pids.set(found)
            client.client.closeInput()
        }
        for pid in pids.get() { try await UnifiedExecSessionTests.waitUntilGone(pid) }
    }
}

/// Pids handed out of the connection's body.
final class PIDBox: Sendable {
    private let pids = Mutex<[Int32]>([])
    func set(_ values: [Int32]) { pids.withLock { $0 = values } }
    func get() -> [Int32] { pids.withLock { $0 } }
}
