import CodexAppServer
import CodexConfig
import CodexProtocol
import CodexTestSupport
import Foundation
import Synchronization
import Testing

/// A temporary CODEX_HOME and work folder, stored rollouts, and a connection running the service handlers.
struct ServiceFixture: Sendable {
    let root: TemporaryDirectory
    var home: String { root.appending("home") }
    var work: String { root.appending("work") }
    /// Stands in for `/etc/codex` (system config, requirements).
    var system: String { root.appending("etc") }

    init() throws {
        root = try TemporaryDirectory.create(prefix: "service-tests")
        _ = try root.makeDirectory("home")
        _ = try root.makeDirectory("work")
        _ = try root.makeDirectory("etc")
    }

    func host(
        environment: [String: String] = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/nonexistent"],
        cliOverrides: [String] = [], sandboxHelper: String = "/proc/self/exe"
    ) -> StandaloneServiceHost {
        StandaloneServiceHost(
            codexHome: CodexHome(path: home), environment: environment, cliOverrides: cliOverrides, defaultCwd: work,
            sandboxHelperExecutable: sandboxHelper, systemConfigFolder: system)
    }

    /// Writes a file under the fixture root, creating its folders.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> String {
        let path = root.appending(relative)
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `config.toml` in CODEX_HOME.
    func writeConfig(_ text: String) throws {
        try write(text, to: "home/config.toml")
    }

    func readConfig() throws -> String { try root.read("home/config.toml") }

    /// A thread id whose last digits are `number`.
    static func threadID(_ number: Int) -> String {
        let digits = String(number)
        return "0190a1b2-c3d4-7e5f-8a6b-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// Writes a rollout under `sessions/2025/01/DD/` created at `2025-01-DDT10-00-SS`; returns its path.
    @discardableResult
    func writeRollout(
        number: Int, day: Int = 2, second: Int = 0, cwd: String? = nil, provider: String = "mock",
        source: JSONValue = "cli", turns: [[JSONValue]]? = nil, userMessage: String? = nil
    ) throws -> String {
        let id = Self.threadID(number)
        let dayText = day < 10 ? "0\(day)" : "\(day)"
        let secondText = second < 10 ? "0\(second)" : "\(second)"
        let stamp = "2025-01-\(dayText)T10-00-\(secondText)"
        let timestamp = "2025-01-\(dayText)T10:00:\(secondText).000Z"
        var lines: [JSONValue] = [
            line(
                timestamp, "session_meta",
                [
                    "id": .string(id), "timestamp": .string(timestamp), "cwd": .string(cwd ?? work),
                    "originator": "codex_cli_rs", "cli_version": "0.1.0", "source": source,
                    "model_provider": .string(provider),
                ])
        ]
        let recorded = turns ?? [Self.simpleTurn(userMessage ?? "message \(number)", reply: "reply \(number)", turnID: "turn-\(number)")]
        for turn in recorded { lines += turn.map { line(timestamp, $0["type"]?.stringValue ?? "", $0["payload"] ?? .null) } }
        let relative = "home/sessions/2025/01/\(dayText)/rollout-\(stamp)-\(id).jsonl"
        let text = lines.map { $0.serialized() }.joined(separator: "\n") + "\n"
        return try write(text, to: relative)
    }

    private func line(_ timestamp: String, _ type: String, _ payload: JSONValue) -> JSONValue {
        ["timestamp": .string(timestamp), "type": .string(type), "payload": payload]
    }

    /// A turn: user message, turn context, agent reply; each element is `{type, payload}`.
    static func simpleTurn(_ message: String, reply: String, turnID: String, extra: [JSONValue] = []) -> [JSONValue] {
        [
            [
                "type": "response_item",
                "payload": [
                    "type": "message", "role": "user", "content": [["type": "input_text", "text": .string(message)]],
                ],
            ],
            ["type": "event_msg", "payload": ["type": "user_message", "message": .string(message), "images": []]],
            [
                "type": "turn_context",
                "payload": [
                    "turn_id": .string(turnID), "cwd": "/tmp", "approval_policy": "never",
                    "sandbox_policy": ["type": "read-only"], "model": "mock-model", "summary": "auto",
                ],
            ],
        ] + extra + [["type": "event_msg", "payload": ["type": "agent_message", "message": .string(reply)]]]
    }

    /// A shell call and its output, as a rollout records them.
    static func shellCall(_ command: String, callID: String, output: String) -> [JSONValue] {
        [
            [
                "type": "response_item",
                "payload": [
                    "type": "function_call", "name": "shell_command",
                    "arguments": .string((["command": .string(command), "workdir": "/tmp"] as JSONValue).serialized()),
                    "call_id": .string(callID),
                ],
            ],
            [
                "type": "response_item",
                "payload": ["type": "function_call_output", "call_id": .string(callID), "output": .string(output)],
            ],
        ]
    }

    /// Runs a connection with the service handlers and an initialized client.
    func withServices(
        host: StandaloneServiceHost? = nil, _ body: @Sendable (ServiceClient) async throws -> Void
    ) async throws {
        var handlers = AppServerHandlers()
        registerServiceHandlers(on: &handlers, runtime: host ?? self.host())
        try await withConnection(handlers: handlers) { client, _ in
            try await client.initialize()
            try await body(ServiceClient(client: client))
        }
    }
}

/// A client that checks every result and notification against the reference schema (and ours).
struct ServiceClient: Sendable {
    let client: TestClient
    private static let nextID = IDCounter()

    /// Sends a request; returns its `result`, failing the test on an error or a schema mismatch.
    func call(_ method: String, _ params: JSONValue = [:], sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> JSONValue
    {
        let takesParams = AppServerRegistry.clientRequest(method)?.params != nil
        let reply = try await client.request(method, id: .int(Self.nextID.next()), params: takesParams ? params : nil)
        let result = try #require(reply["result"], "\(method) failed: \(reply.serialized())", sourceLocation: sourceLocation)
        #expect(SchemaCheck.resultErrors(method: method, result) == [], sourceLocation: sourceLocation)
        #expect(
            SchemaCheck.requestErrors(method: method, takesParams ? params : nil) == [], sourceLocation: sourceLocation)
        return result
    }

    /// Sends a request expected to fail; returns its `error` object.
    func failure(_ method: String, _ params: JSONValue = [:], sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> JSONValue
    {
        let reply = try await client.request(method, id: .int(Self.nextID.next()), params: params)
        return try #require(reply["error"], "\(method) succeeded: \(reply.serialized())", sourceLocation: sourceLocation)
    }

    /// Waits for a notification and checks it against the schemas.
    func notification(_ method: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let message = try await client.message(method: method)
        #expect(SchemaCheck.notificationErrors(message) == [], sourceLocation: sourceLocation)
        return message["params"] ?? .null
    }
}

final class IDCounter: Sendable {
    private let value = Mutex<Int64>(100)
    func next() -> Int64 { value.withLock { $0 += 1; return $0 } }
}

/// Schema validation of what the services send, against the reference bundle when present and our own.
enum SchemaCheck {
    static let ours = JSONSchemaValidator(root: AppServerSchema.jsonSchemaBundle(strict: true))

    static let reference: JSONSchemaValidator? = {
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = packageRoot.appending(path: "../shared/reference/codex-0.163.0/app-server.schema.json").standardized.path
        guard let data = FileManager.default.contents(atPath: path), let root = try? JSONParser.parse(bytes: Array(data))
        else { return nil }
        return JSONSchemaValidator(root: root)
    }()

    static func resultErrors(method: String, _ result: JSONValue) -> [String] {
        guard let name = AppServerRegistry.clientRequest(method)?.result?.schemaName else {
            return ["no result type registered for \(method)"]
        }
        var errors = ours.errors(validating: result, definition: "#/definitions/\(name)")
        // The reference's schema lists experimental methods only when generated with `--experimental`.
        if let reference, AppServerRegistry.clientRequest(method)?.isExperimental != true {
            let pointer =
                reference.resolve("#/definitions/v2/\(name)") != nil ? "#/definitions/v2/\(name)" : "#/definitions/\(name)"
            errors += reference.errors(validating: result, definition: pointer).map { "reference: \($0)" }
        }
        return errors
    }

    static func requestErrors(method: String, _ params: JSONValue?) -> [String] {
        var object: JSONObject = ["id": 1, "method": .string(method)]
        if let params { object["params"] = params }
        let message = JSONValue.object(object)
        var errors = ours.errors(validating: message, definition: "#/definitions/ClientRequest")
        if let reference, AppServerRegistry.clientRequest(method)?.isExperimental != true {
            errors += reference.errors(validating: message, definition: "#/definitions/ClientRequest").map { "reference: \($0)" }
        }
        return errors
    }

    static func notificationErrors(_ message: JSONValue) -> [String] {
        var stripped = message.objectValue ?? JSONObject()
        stripped["emittedAtMs"] = nil
        let value = JSONValue.object(stripped)
        var errors = ours.errors(validating: value, definition: "#/definitions/ServerNotification")
        if let reference {
            errors += reference.errors(validating: value, definition: "#/definitions/ServerNotification").map { "reference: \($0)" }
        }
        return errors
    }
}

extension JSONValue {
    /// Array element lookup for test assertions; nil out of range or for a non-array.
    subscript(_ index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
