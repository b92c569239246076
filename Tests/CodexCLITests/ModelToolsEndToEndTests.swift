import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `view_image`, `web_search` and `request_user_input` for a catalog model, through `codex exec`.
@Suite struct ModelToolsEndToEndTests {
    /// A 4×3 PNG (RGB, one IDAT chunk), as bytes.
    static let smallPNG: [UInt8] = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==")
            ?? Data())

    /// The catalog of `UnifiedExecEndToEndTests`, with `input_modalities` set when given.
    static func catalog(inputModalities: [String]?) -> String {
        guard let inputModalities else { return UnifiedExecEndToEndTests.catalog }
        let list = inputModalities.map { "\"\($0)\"" }.joined(separator: ",")
        return UnifiedExecEndToEndTests.catalog.replacingOccurrences(
            of: "\"experimental_supported_tools\":[]", with: "\"experimental_supported_tools\":[],\"input_modalities\":[\(list)]")
    }

    static func install(
        _ home: CodexTestHome, server: MockResponsesServer, inputModalities: [String]? = nil, extraRootTOML: String = ""
    ) throws {
        let path = try home.root.write(catalog(inputModalities: inputModalities), to: "codex_home/mock_models.json")
        try home.writeConfig(
            baseURL: server.baseURL,
            extraRootTOML: "model_catalog_json = \"\(path)\"\ncheck_for_update_on_startup = false\n\(extraRootTOML)",
            extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
    }

    static func responses(_ server: MockResponsesServer) -> [RecordedRequest] {
        server.requests.filter { $0.path.hasSuffix("/responses") }
    }

    static func output(of callID: String, in request: RecordedRequest?) -> JSONValue? {
        request?.body?["input"]?.arrayValue?.first {
            $0["call_id"]?.stringValue == callID && $0["type"] == "function_call_output"
        }?["output"]
    }

    static func viewImage(_ callID: String, _ arguments: String) -> MockReply {
        .functionCall(callID: callID, name: "view_image", arguments: arguments)
    }

    /// The image reaches the next request as an `input_image` content part of the call's output, with the
    /// file's bytes as a data URL; exec shows no item for it.
    @Test func viewImageReachesTheNextRequestAsAnImage() async throws {
        try await withExec { exec in
            try Self.install(exec.home, server: exec.server)
            let path = exec.home.workDirectory + "/shot.png"
            try Data(Self.smallPNG).write(to: URL(filePath: path))
            exec.server.enqueue(Self.viewImage("call_img", #"{"path":"shot.png"}"#), .assistantText("seen"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "look"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let requests = Self.responses(exec.server)
            #expect(requests.count == 2)
            let output = Self.output(of: "call_img", in: requests.last)
            let expected: JSONValue = [
                [
                    "type": "input_image",
                    "image_url": .string("data:image/png;base64,\(Data(Self.smallPNG).base64EncodedString())"),
                    "detail": "high",
                ]
            ]
            #expect(output == expected)
            let types = try ExecHarness.events(result.stdout).compactMap { $0["item"]?["type"]?.stringValue }
            #expect(types == ["agent_message"])
        }
    }

    /// Missing files, folders, non-images, a bad `detail` and text-only models get the reference's texts.
    @Test func viewImageErrorsAreTheReferenceTexts() async throws {
        try await withExec { exec in
            try Self.install(exec.home, server: exec.server)
            let work = exec.home.workDirectory
            try Data("hello\n".utf8).write(to: URL(filePath: work + "/notes.txt"))
            try Data(Self.smallPNG).write(to: URL(filePath: work + "/shot.png"))
            exec.server.enqueue(
                Self.viewImage("c_missing", #"{"path":"missing.png"}"#),
                Self.viewImage("c_text", #"{"path":"notes.txt"}"#),
                Self.viewImage("c_dir", "{\"path\":\"\(work)\"}"),
                Self.viewImage("c_detail", #"{"path":"shot.png","detail":"low"}"#),
                Self.viewImage("c_args", "{}"),
                .assistantText("done"))
            let result = try await exec.run(["exec", "--skip-git-repo-check", "look"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let requests = Self.responses(exec.server)
            #expect(requests.count == 6)
            func text(_ callID: String) -> String? {
                requests.lazy.compactMap { Self.output(of: callID, in: $0)?.stringValue }.first
            }
            #expect(text("c_missing") == "unable to locate image at `\(work)/missing.png`: No such file or directory (os error 2)")
            #expect(text("c_text") == "unable to process image: invalid or unsupported image data")
            #expect(text("c_dir") == "image path `\(work)` is not a file")
            #expect(
                text("c_detail")
                    == "view_image.detail only supports `high` or `original`; omit `detail` for default high resized behavior, got `low`"
            )
            #expect(text("c_args") == "failed to parse function arguments: missing field `path`")
        }
        try await withExec { exec in
            try Self.install(exec.home, server: exec.server, inputModalities: ["text"])
            try Data(Self.smallPNG).write(to: URL(filePath: exec.home.workDirectory + "/shot.png"))
            exec.server.enqueue(Self.viewImage("c_img", #"{"path":"shot.png"}"#), .assistantText("done"))
            let result = try await exec.run(["exec", "--skip-git-repo-check", "look"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(
                Self.output(of: "c_img", in: Self.responses(exec.server).last)
                    == "view_image is not allowed because you do not support image inputs")
        }
    }

    /// The catalog model gets the reference's tool names; `web_search` follows config `web_search`.
    @Test func webSearchToolFollowsConfig() async throws {
        let cases: [(toml: String, webSearch: JSONValue?)] = [
            ("", ["type": "web_search", "external_web_access": false]),
            ("web_search = \"cached\"", ["type": "web_search", "external_web_access": false]),
            ("web_search = \"live\"", ["type": "web_search", "external_web_access": true]),
            ("web_search = \"disabled\"", nil),
        ]
        for (toml, webSearch) in cases {
            try await withExec { exec in
                try Self.install(exec.home, server: exec.server, extraRootTOML: toml)
                exec.server.enqueue(.assistantText("hi"))
                let result = try await exec.run(["exec", "--skip-git-repo-check", "hi"])
                #expect(result.exit == .exited(0), "\(result.stderr)")
                let tools = Self.responses(exec.server).first?.body?["tools"]?.arrayValue ?? []
                let names = tools.compactMap { $0["name"]?.stringValue ?? $0["type"]?.stringValue }
                var expected = ["exec_command", "write_stdin", "request_user_input", "apply_patch", "view_image"]
                if webSearch != nil { expected.append("web_search") }
                #expect(names == expected, "\(toml)")
                #expect(tools.first { $0["type"] == "web_search" } == webSearch, "\(toml)")
            }
        }
        try await withExec { exec in
            try Self.install(exec.home, server: exec.server, extraRootTOML: "web_search = \"sometimes\"")
            let result = try await exec.run(["exec", "--skip-git-repo-check", "hi"])
            #expect(result.exit != .exited(0))
            #expect(result.stderr.contains("web_search"), "\(result.stderr)")
        }
    }

    /// `web_search_call` items from the provider become `web_search` items; exec repeats `id` as the reference does.
    @Test func webSearchCallsBecomeExecItems() async throws {
        try await withExec { exec in
            try Self.install(exec.home, server: exec.server)
            let searches: [JSONValue] = [
                [
                    "type": "web_search_call", "id": "ws_1", "status": "completed",
                    "action": ["type": "search", "query": "swift lang", "queries": ["swift lang", "swift 6"]],
                ],
                ["type": "web_search_call", "id": "ws_2", "status": "completed", "action": ["type": "open_page", "url": "https://swift.org"]],
                [
                    "type": "web_search_call", "id": "ws_3", "status": "completed",
                    "action": ["type": "find_in_page", "url": "https://swift.org", "pattern": "actor"],
                ],
                ["type": "web_search_call", "id": "ws_4", "status": "completed"],
            ]
            exec.server.enqueue(.response(items: searches + [SSE.messageItem(text: "found")]), .assistantText("again"))
            let result = try await exec.run(["exec", "--json", "--skip-git-repo-check", "search"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let expected = [
                #"{"id":"item_0","type":"web_search","id":"ws_1","query":"swift lang","action":{"type":"search","query":"swift lang","queries":["swift lang","swift 6"]}}"#,
                #"{"id":"item_1","type":"web_search","id":"ws_2","query":"https://swift.org","action":{"type":"open_page","url":"https://swift.org"}}"#,
                #"{"id":"item_2","type":"web_search","id":"ws_3","query":"'actor' in https://swift.org","action":{"type":"find_in_page","url":"https://swift.org","pattern":"actor"}}"#,
                #"{"id":"item_3","type":"web_search","id":"ws_4","query":"","action":{"type":"other"}}"#,
            ]
            for item in expected {
                #expect(lines.contains(#"{"type":"item.started","item":"# + item + "}"), "\(item)")
                #expect(lines.contains(#"{"type":"item.completed","item":"# + item + "}"), "\(item)")
            }
        }
        try await withExec { exec in
            try Self.install(exec.home, server: exec.server)
            let search: JSONValue = [
                "type": "web_search_call", "id": "ws_1", "status": "completed", "action": ["type": "search", "query": "q"],
            ]
            exec.server.enqueue(
                .response(items: [search, SSE.functionCallItem(callID: "c1", name: "request_user_input", arguments: "{}")]),
                .assistantText("done"))
            let result = try await exec.run(["exec", "--skip-git-repo-check", "search"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(result.stderr.components(separatedBy: "web search: q\n").count == 3, "\(result.stderr)")
            // The search stays in the history the next request carries (item ids are not sent, as for every item).
            let next = Self.responses(exec.server).last?.body?["input"]?.arrayValue ?? []
            let sent = next.first { $0["type"] == "web_search_call" }
            #expect(sent?["action"] == search["action"])
            #expect(sent?["status"] == "completed")
            #expect(
                Self.output(of: "c1", in: Self.responses(exec.server).last)
                    == "request_user_input is unavailable in Default mode")
        }
    }

    /// Opt-in: the same script through the reference gives the same exec lines for web searches and the same
    /// `view_image` outputs in the next requests.
    @Test func webSearchAndViewImageMatchTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare view_image and web_search with the reference")
            return
        }
        let theirs = try await Self.run(binary: reference)
        let ours = try await Self.run(binary: nil)
        // Two searches (started and completed) and the final message; three tool outputs.
        #expect(ours.lines.count == 5)
        #expect(Set(ours.outputs).count == 3)
        #expect(ours.lines == theirs.lines)
        #expect(ours.outputs == theirs.outputs)
    }

    /// Runs one scripted exec in a home outside /tmp: its `item.*` lines, and the outputs of its tool calls.
    static func run(binary: String?) async throws -> (lines: [String], outputs: [JSONValue]) {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try install(home, server: server)
            let work = home.workDirectory
            try Data(smallPNG).write(to: URL(filePath: work + "/shot.png"))
            try Data("text".utf8).write(to: URL(filePath: work + "/notes.txt"))
            let search: JSONValue = [
                "type": "web_search_call", "id": "ws_1", "status": "completed",
                "action": ["type": "find_in_page", "url": "https://swift.org", "pattern": "actor"],
            ]
            server.enqueue(
                .response(items: [search, SSE.functionCallItem(callID: "c1", name: "view_image", arguments: #"{"path":"shot.png"}"#)]),
                viewImage("c2", #"{"path":"notes.txt"}"#), viewImage("c3", #"{"path":"gone.png"}"#),
                .response(items: [["type": "web_search_call", "id": "ws_2", "status": "completed"], SSE.messageItem(text: "done")]))
            let result = try await ExecHarness(server: server, home: home).run(
                ["exec", "--json", "--skip-git-repo-check", "look"], binary: binary)
            let lines = result.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix(#"{"type":"item."#) }
            var outputs: [JSONValue] = []
            for request in responses(server) {
                for item in request.body?["input"]?.arrayValue ?? [] where item["type"] == "function_call_output" {
                    let output = item["output"] ?? .null
                    // Error texts name the file; the two runs use different homes.
                    outputs.append(output.stringValue.map { .string($0.replacingOccurrences(of: work, with: "<work>")) } ?? output)
                }
            }
            return (lines, outputs)
        }
    }
}
