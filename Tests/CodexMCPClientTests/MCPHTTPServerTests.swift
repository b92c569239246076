import CodexConfig
import CodexCore
@testable import CodexMCPClient
import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// Streamable-HTTP MCP servers against the HTTP fixture (official MCP Python SDK behind uvicorn): headers,
/// session, both answer shapes, timeouts and startup failures. Skipped with a message when no Python with the
/// SDK is available.
@Suite struct MCPHTTPServerTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/mcp_http_fixture_server.py"
    ).path

    /// Runs the HTTP fixture with `arguments` and gives `body` its URL; the server is killed afterwards.
    static func withFixture<T: Sendable>(
        python: String, _ arguments: [String] = [], _ body: (String) async throws -> T
    ) async throws -> T {
        try await MCPHTTPFixture.withServer(python: python, script: fixture, arguments: arguments, body)
    }

    static func httpServer(
        _ url: String, bearerTokenEnvVar: String? = nil, httpHeaders: [String: String] = [:],
        envHTTPHeaders: [String: String] = [:], startupTimeout: Double = 30, toolTimeout: Double = 30
    ) -> McpServerConfig {
        McpServerConfig(
            transport: .streamableHTTP(
                url: url, bearerTokenEnvVar: bearerTokenEnvVar, httpHeaders: httpHeaders, envHTTPHeaders: envHTTPHeaders),
            startupTimeoutSeconds: startupTimeout, toolTimeoutSeconds: toolTimeout)
    }

    /// The fixture's request log: one object per HTTP request.
    static func requests(_ log: String) throws -> [JSONValue] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test(arguments: [false, true])
    func toolsCallsHeadersAndTheSessionFollowTheReference(jsonResponse: Bool) async throws {
        guard let python = MCPConnectionManagerTests.python else { return print(MCPFixturePython.skipMessage) }
        try await TemporaryDirectory.withTemporaryDirectory { folder in
            let log = folder.appending("requests.jsonl")
            let arguments = ["--request-log", log, "--instructions", "HTTP fixture."] + (jsonResponse ? ["--json-response"] : [])
            try await Self.withFixture(python: python, arguments) { url in
                let server = Self.httpServer(
                    url, bearerTokenEnvVar: "FIXTURE_TOKEN", httpHeaders: ["X-Static": "static-v"],
                    envHTTPHeaders: ["X-From-Env": "HDR_ENV", "X-Blank": "BLANK_ENV", "X-Unset": "UNSET_ENV"])
                let environment = ["FIXTURE_TOKEN": "tok123", "HDR_ENV": "envval", "BLANK_ENV": "  "]
                try await MCPConnectionManagerTests.withManager(["web": server], environment: environment) { manager in
                    #expect(manager.statuses == ["web": .ready])
                    let specs = await manager.toolSpecs(threadID: "t")
                    let namespace = try #require(specs.first)
                    #expect(namespace["name"] == "mcp__web" && namespace["description"] == "HTTP fixture.")
                    let names = namespace["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                    #expect(names.contains("echo") && names.contains("whoami"))

                    let echo = await MCPConnectionManagerTests.call(
                        manager, server: "web", tool: "echo", arguments: ["text": "over http"])
                    #expect(echo.modelContentItems?.last == ["type": "input_text", "text": "ECHO:over http"])
                    let whoami = await MCPConnectionManagerTests.call(manager, server: "web", tool: "whoami")
                    let seen = try JSONParser.parse(try #require(whoami.modelContentItems?.last?["text"]?.stringValue))
                    #expect(seen == ["authorization": "Bearer tok123", "x-from-env": "envval", "x-static": "static-v"])
                }
            }
            let requests = try Self.requests(log)
            let methods = requests.map { request in
                [request["method"]?.stringValue, request["body"]?.stringValue.flatMap { try? JSONParser.parse($0)["method"]?.stringValue }]
                    .compactMap { $0 }.joined(separator: " ")
            }
            #expect(methods.count == 7, "\(methods)")
            #expect(Array(methods.prefix(2)) == ["POST initialize", "POST notifications/initialized"], "\(methods)")
            // The GET of the server's stream goes out once the server is ready, beside the first tool calls.
            #expect(methods.filter { $0 != "GET" }.dropFirst(2) == ["POST tools/list", "POST tools/call", "POST tools/call", "DELETE"], "\(methods)")
            #expect(methods.contains("GET"))
            let initialize = try #require(requests.first)
            #expect(initialize["body"]?.stringValue?.contains(#""method":"initialize""#) == true)
            #expect(initialize["headers"]?["mcp-session-id"] == nil && initialize["headers"]?["mcp-protocol-version"] == nil)
            for request in requests {
                let headers = try #require(request["headers"])
                #expect(headers["user-agent"] == "codex-mcp-client/0.0.1")
                #expect(headers["authorization"] == "Bearer tok123")
                #expect(headers["x-static"] == "static-v" && headers["x-from-env"] == "envval")
                #expect(headers["x-blank"] == nil && headers["x-unset"] == nil)
                let method = request["method"]?.stringValue
                #expect(headers["accept"] == (method == "DELETE" ? "*/*" : "text/event-stream, application/json"))
                if method == "POST" { #expect(headers["content-type"] == "application/json") }
            }
            let sessionID = try #require(requests[1]["headers"]?["mcp-session-id"]?.stringValue)
            for request in requests.dropFirst() {
                #expect(request["headers"]?["mcp-session-id"]?.stringValue == sessionID)
                #expect(request["headers"]?["mcp-protocol-version"] == "2025-06-18")
            }
            #expect(requests.last?["method"] == "DELETE")
            let initializeBody = try JSONParser.parse(try #require(initialize["body"]?.stringValue))
            // Streamable HTTP connections do not declare the stdio-only `codex/auth-change` extension.
            #expect(initializeBody["params"]?["capabilities"] == ["elicitation": ["form": [:], "url": [:]]])
        }
    }

    @Test func aSlowToolTimesOutWithTheReferenceTextAndTheServerStaysUsable() async throws {
        guard let python = MCPConnectionManagerTests.python else { return print(MCPFixturePython.skipMessage) }
        try await Self.withFixture(python: python) { url in
            // 2 s rather than 1: a loaded test machine must not time out the calls that should succeed.
            try await MCPConnectionManagerTests.withManager(["web": Self.httpServer(url, toolTimeout: 2)]) { manager in
                let slow = await MCPConnectionManagerTests.call(manager, server: "web", tool: "slow", arguments: ["seconds": 30])
                #expect(
                    slow.errorMessage
                        == "tool call error: tool call failed for `web/slow`\n\nCaused by:\n    timed out awaiting tools/call after 2s")
                let echo = await MCPConnectionManagerTests.call(manager, server: "web", tool: "echo", arguments: ["text": "after"])
                #expect(echo.modelContentItems?.last == ["type": "input_text", "text": "ECHO:after"])
            }
        }
    }

    @Test func aServerThatDiesMidCallFailsThatCallAndEveryLaterOne() async throws {
        guard let python = MCPConnectionManagerTests.python else { return print(MCPFixturePython.skipMessage) }
        try await Self.withFixture(python: python) { url in
            try await MCPConnectionManagerTests.withManager(["web": Self.httpServer(url)]) { manager in
                // That call's stream ends (`Transport closed`); later POSTs cannot connect.
                let crash = await MCPConnectionManagerTests.call(manager, server: "web", tool: "crash")
                #expect(crash.errorMessage?.hasSuffix("Caused by:\n    Transport closed") == true)
                let after = await MCPConnectionManagerTests.call(manager, server: "web", tool: "echo", arguments: ["text": "x"])
                #expect(
                    after.errorMessage?.hasSuffix(
                        "Caused by:\n    Transport send error: Transport [\(MCPServerSession.httpTransportName)] error: Client error: HTTP request failed: http/request failed: error sending request for url (\(url))"
                    ) == true, "\(after.errorMessage ?? "")")
                // Its tools stay advertised.
                #expect(await manager.toolSpecs(threadID: "t").map { $0["name"] } == ["mcp__web"])
            }
        }
    }

    @Test func startupFailuresCarryTheReferenceTextsAndRequiredServersAreReported() async throws {
        guard let python = MCPConnectionManagerTests.python else { return print(MCPFixturePython.skipMessage) }
        try await Self.withFixture(python: python, ["--status", "404"]) { notFound in
            try await Self.withFixture(python: python, ["--hang"]) { hanging in
                try await Self.withFixture(python: python, ["--garbage"]) { garbage in
                    var required = Self.httpServer(notFound)
                    required.required = true
                    var unreachable = Self.httpServer("http://127.0.0.1:1/mcp")
                    unreachable.required = true
                    let servers = [
                        "notfound": required, "unreachable": unreachable,
                        "hang": Self.httpServer(hanging, startupTimeout: 1),
                        "garbage": Self.httpServer(garbage),
                    ]
                    try await MCPConnectionManagerTests.withManager(servers) { manager in
                        let prefix = "handshaking with MCP server failed: "
                        let transport = "Send message error Transport [\(MCPServerSession.httpTransportName)] error: "
                        let status = transport + "unexpected server response: HTTP 404: fixture says 404, when send initialize request"
                        let refused = transport
                            + "Client error: HTTP request failed: http/request failed: error sending request for url (http://127.0.0.1:1/mcp), when send initialize request"
                        let startFailed = "failed to start: MCP startup failed: "
                        let statuses = manager.statuses
                        #expect(statuses["notfound"] == .failed("MCP client for `notfound` \(startFailed)\(prefix)\(status)"))
                        #expect(statuses["unreachable"] == .failed("MCP client for `unreachable` \(startFailed)\(prefix)\(refused)"))
                        #expect(
                            statuses["hang"]
                                == .failed("MCP client for `hang` \(startFailed)timed out handshaking with MCP server after 1s"))
                        // 0.163.0 quotes its JSON parser's words here (`expected ident at line 1 column 2`); ours differ.
                        let garbageStatus = try #require(statuses["garbage"])
                        #expect(
                            "\(garbageStatus)".contains(
                                "MCP client for `garbage` \(startFailed)\(prefix)\(transport)Deserialize error: "))
                        #expect("\(garbageStatus)".hasSuffix(", when send initialize request\")"))
                        #expect(
                            await manager.requiredStartupFailure()
                                == "required MCP servers failed to initialize: notfound: \(prefix)\(status): \(status); unreachable: \(prefix)\(refused): \(refused)"
                        )
                        #expect(await manager.toolSpecs(threadID: "t").isEmpty)
                    }
                }
            }
        }
    }

    @Test func headersComeFromConfigAndTheEnvironment() {
        let endpoint = MCPHTTPServer.endpoint(
            server: "s", url: "http://127.0.0.1:9/mcp", bearerTokenEnvVar: "TOKEN", httpHeaders: ["X-A": "a"],
            envHTTPHeaders: ["X-B": "B_VAR", "X-C": "C_VAR", "X-D": "D_VAR"],
            environment: ["TOKEN": "t", "B_VAR": "b", "C_VAR": " \t"])
        #expect(endpoint.headers == ["X-A": "a", "X-B": "b", "Authorization": "Bearer t"])
        #expect(endpoint.unusable == nil)
        let withoutToken = MCPHTTPServer.endpoint(
            server: "s", url: "u", bearerTokenEnvVar: "TOKEN", httpHeaders: [:], envHTTPHeaders: [:], environment: [:])
        #expect(withoutToken.headers.isEmpty)
        #expect(withoutToken.unusable == "Environment variable TOKEN for MCP server 's' is not set")
        let emptyToken = MCPHTTPServer.endpoint(
            server: "s", url: "u", bearerTokenEnvVar: "TOKEN", httpHeaders: [:], envHTTPHeaders: [:], environment: ["TOKEN": ""])
        #expect(emptyToken.unusable == "Environment variable TOKEN for MCP server 's' is empty")
        let blankToken = MCPHTTPServer.endpoint(
            server: "s", url: "u", bearerTokenEnvVar: "TOKEN", httpHeaders: [:], envHTTPHeaders: [:], environment: ["TOKEN": " "])
        #expect(blankToken.unusable == nil && blankToken.headers == ["Authorization": "Bearer  "])
    }
}
