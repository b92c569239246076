import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// Opt-in: runs the same `command/exec` requests (buffered, streamed, with stdin, on a PTY, and the
/// refused shapes) against the reference binary (0.163.0) and ours over stdio, and compares what the
/// client saw. Runs only when `CODEX_REFERENCE_BIN` names the reference `codex` executable.
@Suite(.serialized) struct CommandExecReferenceTests {
    @Test func commandExecAnswersAsTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare command/exec with the reference")
            return
        }
        let theirs = try await Self.observe(binary: reference)
        let ours = try await Self.observe(binary: nil)
        #expect(theirs.count == Self.scenarioCount)
        for key in theirs.keys {
            #expect(ours[key] == theirs[key], "\(key): ours \(ours[key]?.serialized() ?? "nil"), reference \(theirs[key]?.serialized() ?? "nil")")
        }
    }

    static let scenarioCount = 7
    static let fullAccess: JSONValue = ["type": "dangerFullAccess"]

    /// Every scenario in a home the reference accepts (not under /tmp, no update check, no analytics or feedback).
    static func observe(binary: String?) async throws -> JSONObject {
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try home.writeConfig(
                baseURL: server.baseURL, extraRootTOML: "check_for_update_on_startup = false",
                extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
            return try await AppServerE2E.withServer(home: home, binary: binary) { client in
                var seen = JSONObject()
                seen["buffered"] = try await run(
                    client, ["command": ["/bin/sh", "-c", "printf out; printf err >&2; exit 3"], "sandboxPolicy": fullAccess])
                seen["streamed"] = try await run(
                    client,
                    [
                        "command": ["/bin/sh", "-c", "printf one; sleep 0.2; printf two >&2; exit 4"], "processId": "p1",
                        "streamStdoutStderr": true, "sandboxPolicy": fullAccess,
                    ])
                seen["stdin"] = try await run(
                    client,
                    [
                        "command": ["/bin/cat"], "processId": "p2", "streamStdin": true, "streamStdoutStderr": true,
                        "sandboxPolicy": fullAccess,
                    ],
                    write: ["processId": "p2", "deltaBase64": .string(Data("hello\n".utf8).base64EncodedString()), "closeStdin": true])
                seen["tty"] = try await run(
                    client,
                    [
                        "command": ["/bin/sh", "-c", "stty size; tty >/dev/null && echo on-a-tty"], "processId": "p3", "tty": true,
                        "size": ["rows": 5, "cols": 40], "sandboxPolicy": fullAccess,
                    ])
                seen["streamWithoutProcessId"] = try await run(
                    client, ["command": ["/bin/true"], "streamStdoutStderr": true, "sandboxPolicy": fullAccess])
                seen["sizeWithoutTty"] = try await run(
                    client, ["command": ["/bin/true"], "processId": "p4", "size": ["rows": 5, "cols": 40], "sandboxPolicy": fullAccess])
                seen["terminateUnknown"] = try await answer(client, "command/exec/terminate", ["processId": "nope"])
                return seen
            }
        }
    }

    /// One `command/exec`: the answer (result or error) and the output its deltas carried, per stream
    /// (PTY line ends made `\n`). `write` is sent as `command/exec/write` once the request is out.
    static func run(_ client: AppServerClient, _ params: JSONValue, write: JSONValue? = nil) async throws -> JSONValue {
        let id = try await client.sendRequest("command/exec", params)
        let processID = params["processId"]
        if let write { _ = try await client.request("command/exec/write", write) }
        var output: [String: String] = [:]
        while true {
            let message = try await client.next(timeout: .seconds(20)) { message in
                (message["id"] == .int(id) && message["method"] == nil)
                    || (message["method"] == "command/exec/outputDelta" && message["params"]?["processId"] == processID)
            }
            guard let params = message["params"], message["method"] != nil else {
                let outputObject = JSONObject(output.keys.sorted().map { ($0, JSONValue.string(output[$0] ?? "")) })
                return ["answer": answerValue(message), "deltas": .object(outputObject)]
            }
            let bytes = Data(base64Encoded: params["deltaBase64"]?.stringValue ?? "") ?? Data()
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            output[params["stream"]?.stringValue ?? "?", default: ""] += text
        }
    }

    /// A request's answer as compared: its result, or its error's code and message.
    static func answer(_ client: AppServerClient, _ method: String, _ params: JSONValue) async throws -> JSONValue {
        let id = try await client.sendRequest(method, params)
        return answerValue(try await client.next(timeout: .seconds(20)) { $0["id"] == .int(id) && $0["method"] == nil })
    }

    static func answerValue(_ message: JSONValue) -> JSONValue {
        if let error = message["error"] {
            return ["code": error["code"] ?? .null, "message": error["message"] ?? .null]
        }
        return ["result": message["result"] ?? .null]
    }
}
