import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex mcp list|get|add|remove|login|logout` against the built binary with a throwaway CODEX_HOME: the
/// reference's text, `--json`, messages and exit codes (spec §8), and config.toml edited in place.
@Suite struct MCPCommandEndToEndTests {
    /// A home whose config.toml has comments around a server entry.
    static let commentedConfig = """
        # top comment
        model = "x" # trailing

        # servers below
        [mcp_servers.zeta]
        command = "old" # keep me

        """

    static func run(_ home: CodexTestHome, _ arguments: [String], binary: String? = nil) async throws -> ProcessResult {
        let spec = home.codexSpec(arguments, binary: try binary ?? CodexBinary.locate(), standardInput: .none)
        return try await ChildProcess.run(spec, timeout: .seconds(60))
    }

    static func withHome(config: String, parent: String? = nil, _ body: (CodexTestHome) async throws -> Void) async throws {
        let home = try CodexTestHome.create(in: parent)
        defer { home.remove() }
        try home.root.write(config, to: "codex_home/config.toml")
        try await body(home)
    }

    @Test func addListGetRemoveRoundTripKeepsComments() async throws {
        try await Self.withHome(config: Self.commentedConfig) { home in
            let add = try await Self.run(home, ["mcp", "add", "alpha", "--env", "B=2", "--env", "A=1", "--", "python3", "-m", "srv"])
            #expect(add.exit == .exited(0), "\(add.stderr)")
            #expect(add.stdout == "Added global MCP server 'alpha'.\n")
            let web = try await Self.run(
                home, ["mcp", "add", "web", "--url", "http://127.0.0.1:9/mcp", "--bearer-token-env-var", "TOK"])
            #expect(web.stdout == "Added global MCP server 'web'.\n")
            let written = try String(contentsOfFile: home.configPath, encoding: .utf8)
            #expect(
                written == Self.commentedConfig + """

                    [mcp_servers.alpha]
                    command = "python3"
                    args = ["-m", "srv"]

                    [mcp_servers.alpha.env]
                    A = "1"
                    B = "2"

                    [mcp_servers.web]
                    url = "http://127.0.0.1:9/mcp"
                    bearer_token_env_var = "TOK"

                    """)
            let mode = try FileManager.default.attributesOfItem(atPath: home.configPath)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            let list = try await Self.run(home, ["mcp", "list"])
            #expect(list.exit == .exited(0))
            #expect(
                list.stdout == """
                    Name   Command  Args    Env               Cwd  Status   Auth       
                    alpha  python3  -m srv  A=*****, B=*****  -    enabled  Unsupported
                    zeta   old      -       -                 -    enabled  Unsupported

                    Name  Url                     Bearer Token Env Var  Status   Auth        
                    web   http://127.0.0.1:9/mcp  TOK                   enabled  Bearer token

                    """)
            let json = try JSONParser.parse(try await Self.run(home, ["mcp", "list", "--json"]).stdout)
            #expect(json.arrayValue?.map { $0["name"] } == ["alpha", "web", "zeta"])
            #expect(
                json.arrayValue?.first
                    == [
                        "name": "alpha", "enabled": true, "disabled_reason": nil,
                        "transport": [
                            "type": "stdio", "command": "python3", "args": ["-m", "srv"], "env": ["A": "1", "B": "2"],
                            "env_vars": [], "cwd": nil,
                        ],
                        "startup_timeout_sec": nil, "tool_timeout_sec": nil, "auth_status": "unsupported",
                    ])
            #expect(json.arrayValue?[1]["auth_status"] == "bearer_token")

            let get = try await Self.run(home, ["mcp", "get", "alpha"])
            #expect(
                get.stdout == """
                    alpha
                      enabled: true
                      transport: stdio
                      command: python3
                      args: -m srv
                      cwd: -
                      env: A=*****, B=*****
                      remove: codex mcp remove alpha

                    """)
            let getJSON = try await Self.run(home, ["mcp", "get", "web", "--json"])
            #expect(
                try JSONParser.parse(getJSON.stdout)
                    == [
                        "name": "web", "enabled": true, "disabled_reason": nil,
                        "transport": [
                            "type": "streamable_http", "url": "http://127.0.0.1:9/mcp", "bearer_token_env_var": "TOK",
                            "http_headers": nil, "env_http_headers": nil, "http_headers_helper": nil,
                        ],
                        "enabled_tools": nil, "disabled_tools": nil, "startup_timeout_sec": nil, "tool_timeout_sec": nil,
                    ])

            for name in ["alpha", "web"] {
                let remove = try await Self.run(home, ["mcp", "remove", name])
                #expect(remove.exit == .exited(0))
                #expect(remove.stdout == "Removed global MCP server '\(name)'.\n")
            }
            let after = try String(contentsOfFile: home.configPath, encoding: .utf8)
            #expect(after.hasPrefix(Self.commentedConfig))
            #expect(!after.contains("alpha") && !after.contains("web"))
            let again = try await Self.run(home, ["mcp", "remove", "alpha"])
            #expect(again.exit == .exited(0))
            #expect(again.stdout == "No MCP server named 'alpha' found.\n")
        }
    }

    @Test func getShowsEverySettingAsTheReference() async throws {
        let config = """
            [mcp_servers.dis]
            command = "x"
            enabled = false

            [mcp_servers.full]
            command = "run"
            args = ["a b", "c"]
            cwd = "sub"
            env_vars = ["ZED", "AAA"]
            startup_timeout_sec = 5
            tool_timeout_sec = 12.5
            enabled_tools = ["a", "b"]
            disabled_tools = ["b"]
            env = { Q = "1" }

            [mcp_servers.hh]
            url = "http://127.0.0.1:9/x"
            http_headers = { X-A = "secret", B = "c" }
            env_http_headers = { X-E = "VAR" }
            http_headers_helper = "cmd"
            startup_timeout_ms = 2500

            """
        try await Self.withHome(config: config) { home in
            #expect(try await Self.run(home, ["mcp", "get", "dis"]).stdout == "dis (disabled)\n")
            #expect(
                try await Self.run(home, ["mcp", "get", "full"]).stdout == """
                    full
                      enabled: true
                      enabled_tools: a, b
                      disabled_tools: b
                      transport: stdio
                      command: run
                      args: a b c
                      cwd: sub
                      env: Q=*****, ZED=*****, AAA=*****
                      startup_timeout_sec: 5
                      tool_timeout_sec: 12.5
                      remove: codex mcp remove full

                    """)
            #expect(
                try await Self.run(home, ["mcp", "get", "hh"]).stdout == """
                    hh
                      enabled: true
                      transport: streamable_http
                      url: http://127.0.0.1:9/x
                      bearer_token_env_var: -
                      http_headers: B=*****, X-A=*****
                      env_http_headers: X-E=VAR
                      http_headers_helper: <redacted>
                      startup_timeout_sec: 2.5
                      remove: codex mcp remove hh

                    """)
            let full = try JSONParser.parse(try await Self.run(home, ["mcp", "get", "full", "--json"]).stdout)
            #expect(full["startup_timeout_sec"] == .double(5) && full["tool_timeout_sec"] == .double(12.5))
            #expect(full["enabled_tools"] == ["a", "b"] && full["disabled_tools"] == ["b"])
            // Floats keep their `.0`, as serde prints them.
            #expect(try await Self.run(home, ["mcp", "get", "full", "--json"]).stdout.contains("\"startup_timeout_sec\": 5.0"))
            // An unreachable HTTP server's auth status is unknown.
            let list = try await Self.run(home, ["mcp", "list"])
            #expect(list.stdout.contains("hh    http://127.0.0.1:9/x  -                     enabled  Unknown"))
        }
    }

    @Test func errorsAndExitCodesFollowTheReference() async throws {
        try await Self.withHome(config: "[mcp_servers.s]\ncommand = \"x\"\n[mcp_servers.h]\nurl = \"http://127.0.0.1:9/\"\n") { home in
            func check(_ arguments: [String], exit: Int32, stdout: String = "", stderr: String? = nil) async throws {
                let result = try await Self.run(home, arguments)
                #expect(result.exit == .exited(exit), "\(arguments): \(result.stderr)")
                #expect(result.stdout == stdout, "\(arguments)")
                if let stderr { #expect(result.stderr == stderr, "\(arguments)") }
            }
            try await check(["mcp", "get", "nope"], exit: 1, stderr: "Error: No MCP server named 'nope' found.\n")
            try await check(["mcp", "get", "nope", "--json"], exit: 1, stderr: "Error: No MCP server named 'nope' found.\n")
            let invalid = "Error: invalid server name 'bad name' (use letters, numbers, '-', '_', ':', '@', '/', '.')\n"
            try await check(["mcp", "add", "bad name", "--", "x"], exit: 1, stderr: invalid)
            try await check(["mcp", "remove", "bad name"], exit: 1, stderr: invalid)
            try await check(["mcp", "add", "x", "--url", "http://127.0.0.1:9/", "--env", "A=B"], exit: 1,
                stderr: "Error: command is required\n")
            try await check(["mcp", "login", "nope"], exit: 1, stderr: "Error: No MCP server named 'nope' found.\n")
            try await check(["mcp", "login", "s"], exit: 1,
                stderr: "Error: OAuth login is only supported for streamable HTTP servers.\n")
            try await check(["mcp", "logout", "nope"], exit: 1,
                stderr: "Error: No MCP server named 'nope' found in configuration.\n")
            try await check(["mcp", "logout", "s"], exit: 1,
                stderr: "Error: OAuth logout is only supported for streamable_http transports.\n")
            for usage in [
                ["mcp"], ["mcp", "bogus"], ["mcp", "get"], ["mcp", "remove"], ["mcp", "add", "x"],
                ["mcp", "add", "x", "--url", "u", "--", "c"], ["mcp", "add", "x", "--bearer-token-env-var", "V", "--", "c"],
                ["mcp", "add", "x", "--env", "NOEQ", "--", "c"],
            ] {
                let result = try await Self.run(home, usage)
                #expect(result.exit == .exited(2), "\(usage)")
            }
            // Nothing above touched the file.
            #expect(try String(contentsOfFile: home.configPath, encoding: .utf8)
                == "[mcp_servers.s]\ncommand = \"x\"\n[mcp_servers.h]\nurl = \"http://127.0.0.1:9/\"\n")
        }
    }

    @Test func anEmptyConfigListsNothingAndOverridesAreShown() async throws {
        try await Self.withHome(config: "") { home in
            let text = try await Self.run(home, ["mcp", "list"])
            #expect(text.stdout == "No MCP servers configured yet. Try `codex mcp add my-tool -- my-command`.\n")
            #expect(try await Self.run(home, ["mcp", "list", "--json"]).stdout == "[]\n")
            let viaOverride = try await Self.run(home, ["-c", "mcp_servers.cc.command=\"y\"", "mcp", "get", "cc"])
            #expect(viaOverride.stdout.hasPrefix("cc\n  enabled: true\n  transport: stdio\n  command: y\n"))
            let after = try await Self.run(home, ["mcp", "-c", "mcp_servers.cc.command=\"y\"", "list", "--json"])
            #expect(try JSONParser.parse(after.stdout).arrayValue?.map { $0["name"] } == ["cc"])
        }
    }

    /// The auth column asks the server, its protected-resource metadata and its authorization-server metadata at
    /// the reference's paths, in its order; a server that answers without metadata (the mock model server's 404s)
    /// is `Unsupported`.
    @Test func authStatusProbesOAuthMetadata() async throws {
        try await MockResponsesServer.withServer { server in
            let url = server.baseURL.replacingOccurrences(of: "/v1", with: "") + "/mcp"
            try await Self.withHome(config: "[mcp_servers.web]\nurl = \"\(url)\"\n") { home in
                let json = try JSONParser.parse(try await Self.run(home, ["mcp", "list", "--json"]).stdout)
                #expect(json.arrayValue?.first?["auth_status"] == "unsupported")
                #expect(
                    server.requests.map(\.uri) == [
                        "/mcp", "/.well-known/oauth-protected-resource/mcp", "/mcp/.well-known/oauth-protected-resource",
                        "/.well-known/oauth-protected-resource", "/.well-known/oauth-authorization-server/mcp",
                        "/.well-known/openid-configuration/mcp", "/mcp/.well-known/openid-configuration",
                        "/.well-known/oauth-authorization-server",
                    ])
                #expect(
                    server.requests.allSatisfy { request in
                        request.method == "GET"
                            && request.headers.contains {
                                $0.name.lowercased() == "mcp-protocol-version" && $0.value == "2024-11-05"
                            }
                    })
                let plain = try await Self.run(home, ["mcp", "list"])
                #expect(plain.stdout.contains("  enabled  Unsupported"), "\(plain.stdout)")
                // A server that answers but advertises no OAuth: `add --url` prints nothing more.
                let add = try await Self.run(home, ["mcp", "add", "web2", "--url", url])
                #expect(add.exit == .exited(0))
                #expect(add.stdout == "Added global MCP server 'web2'.\n")
            }
        }
    }

    /// A server advertising OAuth metadata (a few lines of Python's http.server: authorization-server metadata for
    /// `/mcp`, protected-resource metadata naming an authorization server for `/other`) is `Not logged in`; `add --url`
    /// detects it and starts the login, whose dynamic registration at `<origin>/register` (the metadata names no
    /// registration endpoint) fails with the reference's words.
    @Test func anOAuthServerIsNotLoggedIn() async throws {
        guard let python = ExecMCPEndToEndTests.python else { return print(MCPFixturePython.skipMessage) }
        let script = """
            import http.server, json
            meta = json.dumps({"authorization_endpoint": "http://127.0.0.1/a", "token_endpoint": "http://127.0.0.1/t"}).encode()
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    port = self.server.server_address[1]
                    resource = json.dumps({"authorization_servers": [f"http://127.0.0.1:{port}/as"]}).encode()
                    body = {
                        "/.well-known/oauth-authorization-server/mcp": meta,
                        "/other/.well-known/oauth-protected-resource": resource,
                        "/.well-known/oauth-authorization-server/as": meta,
                    }.get(self.path)
                    self.send_response(200 if body else 404)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body) if body else 0))
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                do_POST = do_GET
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        let spec = ProcessSpec(executable: python, arguments: ["-c", script], environment: ProcessSpec.minimalEnvironment())
        try await ChildProcess.withProcess(spec) { process in
            let port = try #require(try await process.nextStdoutLine())
            let url = "http://127.0.0.1:\(port)/mcp"
            try await Self.withHome(config: "[mcp_servers.oauth]\nurl = \"\(url)\"\n") { home in
                let json = try JSONParser.parse(try await Self.run(home, ["mcp", "list", "--json"]).stdout)
                #expect(json.arrayValue?.first?["auth_status"] == "not_logged_in")
                let text = try await Self.run(home, ["mcp", "list"])
                #expect(text.stdout.contains("  enabled  Not logged in"), "\(text.stdout)")
                let add = try await Self.run(home, ["mcp", "add", "again", "--url", url])
                #expect(add.exit == .exited(1))
                #expect(add.stdout == "Added global MCP server 'again'.\nDetected OAuth support. Starting OAuth flow…\n")
                let registration = "Error: Registration failed: Dynamic registration failed: Registration failed: HTTP 404 Not Found: \n"
                #expect(add.stderr == registration)
                // Found through the protected-resource metadata's authorization server.
                let other = try await Self.run(home, ["-c", "mcp_servers.oauth.url=\"http://127.0.0.1:\(port)/other\"", "mcp", "list", "--json"])
                #expect(try JSONParser.parse(other.stdout).arrayValue?.first?["auth_status"] == "not_logged_in")
                let login = try await Self.run(home, ["mcp", "login", "oauth"])
                #expect(login.exit == .exited(1))
                #expect(login.stderr == registration)
            }
        }
    }

    /// Opt-in: the same commands give the reference's output, exit codes and config.toml.
    @Test func outputsMatchTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare `codex mcp` with the reference")
            return
        }
        let parent = (CodexBinary.packageRoot(startingAt: #filePath) ?? ".") + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let script: [[String]] = [
            ["mcp", "list"], ["mcp", "list", "--json"],
            ["mcp", "add", "alpha", "--env", "B=2", "--env", "A=1", "--", "python3", "-m", "srv"],
            ["mcp", "add", "web", "--url", "http://127.0.0.1:9/mcp", "--bearer-token-env-var", "TOK"],
            ["mcp", "add", "web2", "--url", "http://127.0.0.1:9/mcp"],
            ["mcp", "list"], ["mcp", "list", "--json"], ["mcp", "get", "alpha"], ["mcp", "get", "web2"],
            ["mcp", "get", "nope"], ["mcp", "remove", "web2"], ["mcp", "remove", "web2"], ["mcp", "add", "bad name", "--", "x"],
            ["mcp", "login", "alpha"], ["mcp", "logout", "nope"],
        ]
        var transcripts: [[JSONValue]] = []
        for binary in [reference, nil] {
            var transcript: [JSONValue] = []
            try await Self.withHome(config: "model = \"x\"\n", parent: parent) { home in
                for arguments in script {
                    let result = try await Self.run(home, arguments, binary: binary)
                    // JSON is compared as values: the reference prints some maps in hash order.
                    let stdout = arguments.last == "--json" ? try JSONParser.parse(result.stdout) : .string(result.stdout)
                    let stderr = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
                    transcript.append([
                        "command": .string(arguments.joined(separator: " ")), "exit": .string("\(result.exit)"),
                        "stdout": stdout, "stderr": .string(stderr),
                    ])
                }
                transcript.append(.string(try String(contentsOfFile: home.configPath, encoding: .utf8)))
            }
            transcripts.append(transcript)
        }
        for (theirs, ours) in zip(transcripts[0], transcripts[1]) { #expect(ours == theirs) }
    }
}
