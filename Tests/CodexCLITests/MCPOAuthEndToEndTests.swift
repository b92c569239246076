import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex mcp login` / `logout` against the streamable-HTTP MCP fixture in its OAuth mode (the fixture is also
/// the authorization server: metadata, dynamic registration, authorize, token with the PKCE check). The test
/// plays the browser: it GETs the printed authorization URL and follows the redirect to Codex's loopback
/// callback. Skipped with a message when no Python with the MCP SDK is available.
@Suite struct MCPOAuthEndToEndTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../CodexMCPClientTests/Fixtures/mcp_http_fixture_server.py"
    ).standardized.path

    @Test func loginThroughTheLoopbackCallbackStoresTokensAndLogoutRemovesThem() async throws {
        guard let python = ExecMCPEndToEndTests.python else { return print(MCPFixturePython.skipMessage) }
        try await MCPHTTPFixture.withServer(python: python, script: Self.fixture, arguments: ["--oauth"]) { url in
            let config = "mcp_oauth_credentials_store = \"file\"\n[mcp_servers.web]\nurl = \"\(url)\"\n"
            try await MCPCommandEndToEndTests.withHome(config: config) { home in
                let before = try await MCPCommandEndToEndTests.run(home, ["mcp", "list", "--json"])
                #expect(try JSONParser.parse(before.stdout).arrayValue?.first?["auth_status"] == "not_logged_in")

                let spec = home.codexSpec(["mcp", "login", "web"], binary: try CodexBinary.locate())
                let callbackID = try await Self.callbackID(url)
                let (exit, stdout, stderr) = try await ChildProcess.withProcess(spec) { process -> (ProcessExit, String, String) in
                    #expect(try await process.nextStdoutLine(timeout: .seconds(60)) == "Authorize `web` by opening this URL in your browser:")
                    let authorizationURL = try #require(try await process.nextStdoutLine(timeout: .seconds(30)))
                    let query = try #require(URLComponents(string: authorizationURL)?.queryItems)
                    let parameters = Dictionary(query.map { ($0.name, $0.value ?? "") }) { first, _ in first }
                    #expect(parameters["response_type"] == "code" && parameters["code_challenge_method"] == "S256")
                    // URLComponents leaves the form encoding's `+` for a space.
                    #expect(parameters["scope"] == "read+write" && parameters["resource"] == url)
                    #expect(parameters["client_id"]?.hasPrefix("client-") == true)
                    let redirect = try #require(parameters["redirect_uri"])
                    #expect(redirect.hasPrefix("http://127.0.0.1:") && redirect.hasSuffix("/callback/" + callbackID))
                    // The browser: the authorization server redirects at once to the loopback callback.
                    let page = try await FakeIssuer.browse(authorizationURL)
                    #expect(page == "Authentication complete. You may close this window.")
                    let exit = try await process.waitForExit(timeout: .seconds(30))
                    try await process.waitForOutputEnd(timeout: .seconds(10))
                    return (exit, process.stdoutSoFar, process.stderrSoFar)
                }
                #expect(exit == .exited(0), "\(stderr)")
                #expect(stdout.hasSuffix("\n\nSuccessfully logged in to MCP server 'web'.\n"), "\(stdout)")
                #expect(stderr == "(Browser launch failed; please copy the URL above manually.)\n")

                // The reference's file: one entry keyed `web|<16 hex digits>`, mode 0600.
                let path = home.codexHome + "/.credentials.json"
                let stored = try JSONParser.parse(try String(contentsOfFile: path, encoding: .utf8))
                let entries = try #require(stored.objectValue)
                let keyHash = try await Self.storeKeyHash(url)
                #expect(entries.keys == ["web|" + keyHash])
                let entry = try #require(entries.keys.first.flatMap { entries[$0] })
                #expect(entry["server_name"] == "web" && entry["server_url"] == .string(url))
                #expect(entry["issuer"] == .string(String(url.dropLast("/mcp".count))))
                #expect(entry["access_token"]?.stringValue?.hasPrefix("access-") == true)
                #expect(entry["refresh_token"]?.stringValue?.hasPrefix("refresh-") == true)
                #expect(entry["scopes"] == ["read", "write"])
                #expect((entry["expires_at"]?.intValue ?? 0) > Int64(Date().timeIntervalSince1970 * 1000))
                #expect(entry.objectValue?.keys == [
                    "server_name", "server_url", "issuer", "client_id", "access_token", "expires_at", "refresh_token", "scopes",
                ])
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600)

                let after = try await MCPCommandEndToEndTests.run(home, ["mcp", "list", "--json"])
                #expect(try JSONParser.parse(after.stdout).arrayValue?.first?["auth_status"] == "o_auth")

                let logout = try await MCPCommandEndToEndTests.run(home, ["mcp", "logout", "web"])
                #expect(logout.exit == .exited(0) && logout.stdout == "Removed OAuth credentials for 'web'.\n")
                #expect(!FileManager.default.fileExists(atPath: path))
                let again = try await MCPCommandEndToEndTests.run(home, ["mcp", "logout", "web"])
                #expect(again.exit == .exited(0) && again.stdout == "No OAuth credentials stored for 'web'.\n")
            }
        }
    }

    /// A callback that never comes ends the login after the timeout with the reference's error; `--no-browser`
    /// prints the reference's instructions and takes the redirect URL pasted on stdin.
    @Test func noBrowserTakesAPastedRedirectURL() async throws {
        guard let python = ExecMCPEndToEndTests.python else { return print(MCPFixturePython.skipMessage) }
        try await MCPHTTPFixture.withServer(python: python, script: Self.fixture, arguments: ["--oauth"]) { url in
            let config = "mcp_oauth_credentials_store = \"file\"\n[mcp_servers.web]\nurl = \"\(url)\"\n"
            try await MCPCommandEndToEndTests.withHome(config: config) { home in
                let spec = home.codexSpec(
                    ["mcp", "login", "web", "--no-browser", "--scopes", "read"], binary: try CodexBinary.locate(),
                    standardInput: .writable)
                let (exit, stdout, stderr) = try await ChildProcess.withProcess(spec) { process -> (ProcessExit, String, String) in
                    #expect(try await process.nextStdoutLine(timeout: .seconds(60)) == "Authorize the MCP server by opening this URL in your browser:")
                    let authorizationURL = try #require(try await process.nextStdoutLine(timeout: .seconds(30)))
                    #expect(authorizationURL.contains("&scope=read&"))
                    // The authorization server's redirect, not followed: the user pastes it.
                    let (status, location, _) = try await LoopbackGet.get(authorizationURL)
                    #expect(status == 302)
                    try await process.write(try #require(location) + "\n")
                    let exit = try await process.waitForExit(timeout: .seconds(30))
                    try await process.waitForOutputEnd(timeout: .seconds(10))
                    return (exit, process.stdoutSoFar, process.stderrSoFar)
                }
                #expect(exit == .exited(0))
                // 0.163.0's texts: the prompt on stderr, nothing between the instructions and the success line.
                #expect(stdout.hasSuffix(
                    "\n\nAfter signing in, copy the full URL from your browser's address bar.\n"
                        + "If the callback page cannot load, paste that URL here anyway.\n"
                        + "Successfully logged in to MCP server 'web'.\n"), "\(stdout)")
                #expect(stderr == "Callback URL (input hidden): ")
                let stored = try JSONParser.parse(try String(contentsOfFile: home.codexHome + "/.credentials.json", encoding: .utf8))
                #expect(stored.objectValue.flatMap { object in object.keys.first.flatMap { object[$0] } }?["scopes"] == ["read"])
            }
        }
    }

    /// Opt-in: tokens stored by the reference's `codex mcp login` are used and removed by ours, and the other way
    /// round (the same `.credentials.json`).
    @Test func storedCredentialsInteroperateWithTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to exchange MCP OAuth credentials with the reference")
            return
        }
        guard let python = ExecMCPEndToEndTests.python else { return print(MCPFixturePython.skipMessage) }
        let parent = (CodexBinary.packageRoot(startingAt: #filePath) ?? ".") + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let ours = try CodexBinary.locate()
        try await MCPHTTPFixture.withServer(python: python, script: Self.fixture, arguments: ["--oauth"]) { url in
            let config = "mcp_oauth_credentials_store = \"file\"\n[mcp_servers.web]\nurl = \"\(url)\"\n"
            for (loggingIn, reading) in [(reference, ours), (ours, reference)] {
                try await MCPCommandEndToEndTests.withHome(config: config, parent: parent) { home in
                    let spec = home.codexSpec(["mcp", "login", "web"], binary: loggingIn)
                    let exit = try await ChildProcess.withProcess(spec) { process -> ProcessExit in
                        _ = try await process.nextStdoutLine(timeout: .seconds(60))
                        let authorizationURL = try #require(try await process.nextStdoutLine(timeout: .seconds(30)))
                        _ = try await FakeIssuer.browse(authorizationURL)
                        return try await process.waitForExit(timeout: .seconds(30))
                    }
                    #expect(exit == .exited(0), "\(loggingIn)")
                    let list = try await MCPCommandEndToEndTests.run(home, ["mcp", "list", "--json"], binary: reading)
                    #expect(try JSONParser.parse(list.stdout).arrayValue?.first?["auth_status"] == "o_auth", "\(reading)")
                    let logout = try await MCPCommandEndToEndTests.run(home, ["mcp", "logout", "web"], binary: reading)
                    #expect(logout.stdout == "Removed OAuth credentials for 'web'.\n", "\(reading)")
                    #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/.credentials.json"))
                }
            }
        }
    }

    /// base64url of the first 9 bytes of SHA-256 of the URL, computed by Python's hashlib (an independent oracle).
    static func callbackID(_ url: String) async throws -> String {
        try await python("import base64,hashlib,sys; print(base64.urlsafe_b64encode(hashlib.sha256(sys.argv[1].encode()).digest()[:9]).decode())", url)
    }

    /// The first 16 hex digits of SHA-256 of `{"type":"http","url":...,"headers":{}}`, by Python's hashlib.
    static func storeKeyHash(_ url: String) async throws -> String {
        try await python(
            "import hashlib,json,sys; print(hashlib.sha256(json.dumps({'type':'http','url':sys.argv[1],'headers':{}},separators=(',',':')).encode()).hexdigest()[:16])",
            url)
    }

    static func python(_ script: String, _ argument: String) async throws -> String {
        let spec = ProcessSpec(
            executable: try #require(ExecMCPEndToEndTests.python), arguments: ["-c", script, argument],
            environment: ProcessSpec.minimalEnvironment())
        let result = try await ChildProcess.run(spec, timeout: .seconds(30))
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
