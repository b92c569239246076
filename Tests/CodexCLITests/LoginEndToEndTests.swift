import CodexProtocol
import CodexTestSupport
import Foundation
import Glibc
import Testing

/// `codex login`, `codex login status` and `codex logout` as the built binary runs them.
@Suite struct LoginEndToEndTests {
    private func run(
        _ home: CodexTestHome, _ arguments: [String], binary: String? = nil, stdin: ProcessSpec.StandardInput = .none,
        environment: [String: String] = [:]
    ) async throws -> ProcessResult {
        let spec = home.codexSpec(
            arguments, binary: try binary ?? CodexBinary.locate(), standardInput: stdin, extraEnvironment: environment)
        return try await ChildProcess.run(spec, timeout: .seconds(60))
    }

    @Test func apiKeyLoginStatusAndLogout() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let login = try await run(home, ["login", "--with-api-key"], stdin: .data(Array("sk-test-abcdef1234567890\n".utf8)))
        #expect(login.exit == .exited(0))
        #expect(login.stderr == "Reading API key from stdin...\nSuccessfully logged in\n")
        #expect(login.stdout.isEmpty)
        let path = home.codexHome + "/auth.json"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\n  \"auth_mode\": \"apikey\",\n  \"OPENAI_API_KEY\": \"sk-test-abcdef1234567890\"\n}")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)

        let loggedIn = try await run(home, ["login", "status"])
        #expect(loggedIn.exit == .exited(0))
        #expect(loggedIn.stderr == "Logged in using an API key - sk-test-***67890\n")
        #expect(loggedIn.stdout.isEmpty)

        let logout = try await run(home, ["logout"])
        #expect(logout.exit == .exited(0))
        #expect(logout.stderr == "Successfully logged out\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        let again = try await run(home, ["logout"])
        #expect(again.exit == .exited(0))
        #expect(again.stderr == "Not logged in\n")
        let loggedOut = try await run(home, ["login", "status"])
        #expect(loggedOut.exit == .exited(1))
        #expect(loggedOut.stderr == "Not logged in\n")
    }

    @Test func emptyKeysLegacyFlagAndForcedChatgptAreRefused() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let empty = try await run(home, ["login", "--with-api-key"], stdin: .data(Array("  \n".utf8)))
        #expect(empty.exit == .exited(1))
        #expect(empty.stderr == "Reading API key from stdin...\nNo API key provided via stdin.\n")
        let accessToken = try await run(home, ["login", "--with-access-token"], stdin: .data(Array("a.b.c".utf8)))
        #expect(accessToken.exit == .exited(1))
        #expect(accessToken.stderr.hasPrefix("Error logging in with access token: agent identity login (--with-access-token) is not supported"))
        let legacy = try await run(home, ["login", "--api-key", "sk-x"])
        #expect(legacy.exit == .exited(1))
        #expect(legacy.stderr.hasPrefix("The --api-key flag is no longer supported."))
        try home.root.write("forced_login_method = \"chatgpt\"\n", to: "codex_home/config.toml")
        let forced = try await run(home, ["login", "--with-api-key"], stdin: .data(Array("sk-x".utf8)))
        #expect(forced.exit == .exited(1))
        #expect(forced.stderr == "Reading API key from stdin...\nAPI key login is disabled. Use ChatGPT login instead.\n")
        #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
    }

    /// No Secret Service on the bus: `keyring` is a clear error and writes no file; `auto` falls back
    /// to auth.json with a one-line notice, and reads it back through the same fallback.
    @Test func keyringWithoutASecretServiceFailsAndAutoFallsBackToTheFile() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        var environment = ["DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"]
        if let path = ProcessInfo.processInfo.environment["PATH"] { environment["PATH"] = path }
        let key = Array("sk-test-abcdef1234567890".utf8)
        try home.root.write("cli_auth_credentials_store = \"keyring\"\n", to: "codex_home/config.toml")
        let keyring = try await run(home, ["login", "--with-api-key"], stdin: .data(key), environment: environment)
        #expect(keyring.exit == .exited(1))
        #expect(keyring.stderr.hasPrefix("Reading API key from stdin...\nError logging in: the OS keyring "))
        #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))

        try home.root.write("cli_auth_credentials_store = \"auto\"\n", to: "codex_home/config.toml")
        let auto = try await run(home, ["login", "--with-api-key"], stdin: .data(key), environment: environment)
        #expect(auto.exit == .exited(0))
        let lines = auto.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "Reading API key from stdin...")
        #expect(lines.dropFirst().first?.hasPrefix("Could not store credentials in the OS keyring; using \(home.codexHome)/auth.json instead: ") == true)
        #expect(lines.last == "Successfully logged in")
        #expect(FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
        let status = try await run(home, ["login", "status"], environment: environment)
        #expect(status.exit == .exited(0))
        #expect(status.stderr.hasSuffix("Logged in using an API key - sk-test-***67890\n"))
        let logout = try await run(home, ["logout"], environment: environment)
        #expect(logout.exit == .exited(0))
        #expect(logout.stderr.hasSuffix("Successfully logged out\n"))
        #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
    }

    /// As the reference's exec start: a stored credential of the mode `forced_login_method` rules out
    /// is deleted and the run ends with the reason, before anything else is checked.
    @Test func execLogsOutACredentialTheForcedMethodRulesOut() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        try home.root.write(#"{"auth_mode":"apikey","OPENAI_API_KEY":"sk-test-1234567890abc"}"#, to: "codex_home/auth.json")
        try home.root.write("forced_login_method = \"chatgpt\"\n", to: "codex_home/config.toml")
        let result = try await run(home, ["exec", "hi"])
        #expect(result.exit == .exited(1))
        #expect(result.stderr == "ChatGPT login is required, but an API key is currently being used. Logging out.\n")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
    }

    @Test func malformedAuthFileIsAnErrorForStatusButLogoutRemovesIt() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        try home.root.write("{bad", to: "codex_home/auth.json")
        let status = try await run(home, ["login", "status"])
        #expect(status.exit == .exited(1))
        #expect(status.stderr.hasPrefix("Error checking login status: "))
        let logout = try await run(home, ["logout"])
        #expect(logout.exit == .exited(0))
        #expect(logout.stderr == "Successfully logged out\n")
    }

    @Test func browserLoginThroughTheFakeIssuer() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let environment = ["CODEX_LOGIN_ISSUER_OVERRIDE": issuer.baseURL, "CODEX_LOGIN_PORT_OVERRIDE": "0"]
        let spec = home.codexSpec(["login"], binary: try CodexBinary.locate(), extraEnvironment: environment)
        let exit = try await ChildProcess.withProcess(spec) { process in
            #expect(try await process.nextStderrLine()?.hasPrefix("Starting local login server on http://localhost:") == true)
            #expect(try await process.nextStderrLine() == "If your browser did not open, navigate to this URL to authenticate:")
            #expect(try await process.nextStderrLine() == "")
            let url = try #require(try await process.nextStderrLine())
            #expect(url.hasPrefix(issuer.baseURL + "/oauth/authorize?"))
            #expect(url.hasSuffix("&originator=codex_cli_rs"))
            // The "browser" follows authorize → callback → success.
            _ = try await FakeIssuer.browse(url)
            return try await process.waitForExit(timeout: .seconds(30))
        }
        #expect(exit == .exited(0))
        let status = try await run(home, ["login", "status"])
        #expect(status.stderr == "Logged in using ChatGPT\n")
        let stored = try String(contentsOfFile: home.codexHome + "/auth.json", encoding: .utf8)
        #expect(stored.contains("\"auth_mode\": \"chatgpt\""))
        #expect(stored.contains("\"account_id\": \"acct-1\""))
        // Logout revokes the refresh token at the issuer first, with 0.163.0's request.
        let refreshToken = issuer.withState { $0.currentRefreshToken }
        let logout = try await run(home, ["logout"], environment: environment)
        #expect(logout.exit == .exited(0))
        #expect(logout.stderr == "Successfully logged out\n")
        let revoke = try #require(issuer.requests.last { $0.path == "/oauth/revoke" })
        #expect(revoke.body == [
            "token": .string(refreshToken), "token_type_hint": "refresh_token", "client_id": "app_EMoamEEZ73f0CkXaXp7hrann",
        ])
        #expect(issuer.withState { $0.revokedTokens } == [refreshToken])
    }

    /// An issuer that cannot be reached does not stop a logout (0.163.0 logs out silently too).
    @Test func logoutWithAnUnreachableIssuerStillRemovesTheCredentials() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let idToken = FakeIssuer.idToken(email: "u@example.com", plan: "pro", accountID: "acct-1")
        let file: JSONValue = [
            "auth_mode": "chatgpt", "OPENAI_API_KEY": nil,
            "tokens": [
                "id_token": .string(idToken), "access_token": .string(FakeIssuer.accessToken(serial: 1, expiresAt: 4_102_444_800)),
                "refresh_token": "rt-1", "account_id": "acct-1",
            ],
            "last_refresh": "2026-12-05T00:00:00Z",
        ]
        _ = try home.root.write(file.serialized(), to: "codex_home/auth.json")
        let result = try await run(
            home, ["logout"], environment: ["CODEX_REVOKE_TOKEN_URL_OVERRIDE": "http://127.0.0.1:9/oauth/revoke"])
        #expect(result.exit == .exited(0))
        #expect(result.stderr == "Successfully logged out\n")
        #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
    }

    /// With `$BROWSER` set, `codex login` opens the sign-in URL in it: here a "browser" that follows
    /// the redirects to the callback, so the login completes with nobody else touching the URL.
    @Test func browserLoginOpensTheConfiguredBrowser() async throws {
        let issuer = try await FakeIssuer.start()
        let home = try CodexTestHome.create()
        defer { home.remove() }
        _ = try home.root.write(
            "#!/bin/sh\nexec python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=20).read()' \"$1\"\n",
            to: "browser.sh")
        let browser = home.root.path + "/browser.sh"
        #expect(chmod(browser, 0o755) == 0)
        let environment = [
            "CODEX_LOGIN_ISSUER_OVERRIDE": issuer.baseURL, "CODEX_LOGIN_PORT_OVERRIDE": "0", "BROWSER": browser,
        ]
        let result = try await ChildProcess.run(
            home.codexSpec(["login"], binary: try CodexBinary.locate(), extraEnvironment: environment), timeout: .seconds(60))
        await issuer.shutdown()
        #expect(result.exit == .exited(0), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("Successfully logged in\n"))
        #expect(try String(contentsOfFile: home.codexHome + "/auth.json", encoding: .utf8).contains("\"auth_mode\": \"chatgpt\""))
    }

    @Test func browserLoginCancelledThroughItsServer() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let environment = ["CODEX_LOGIN_ISSUER_OVERRIDE": issuer.baseURL, "CODEX_LOGIN_PORT_OVERRIDE": "0"]
        let spec = home.codexSpec(["login"], binary: try CodexBinary.locate(), extraEnvironment: environment)
        let (exit, stderr) = try await ChildProcess.withProcess(spec) { process in
            let first = try #require(try await process.nextStderrLine())
            let port = try #require(first.split(separator: ":").last.map { String($0.dropLast()) })
            _ = try await FakeIssuer.browse("http://127.0.0.1:\(port)/cancel")
            return (try await process.waitForExit(timeout: .seconds(30)), process.stderrSoFar)
        }
        #expect(exit == .exited(1))
        #expect(stderr.hasSuffix("Error logging in: Login cancelled\n"))
    }

    @Test func deviceCodeLogin() async throws {
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let result = try await run(home, ["login", "--device-auth"], environment: ["CODEX_LOGIN_ISSUER_OVERRIDE": issuer.baseURL])
        #expect(result.exit == .exited(0))
        // 0.163.0's text and colours, on stdout; the outcome on stderr.
        #expect(result.stdout == """

            Welcome to Codex [v\u{1B}[90m0.163.0\u{1B}[0m]
            \u{1B}[90mOpenAI's command-line coding agent\u{1B}[0m

            Follow these steps to sign in with ChatGPT using device code authorization:

            1. Open this link in your browser and sign in to your account
               \u{1B}[94m\(issuer.baseURL)/codex/device\u{1B}[0m

            2. Enter this one-time code \u{1B}[90m(expires in 15 minutes)\u{1B}[0m
               \u{1B}[94mABCD-EFGH\u{1B}[0m

            \u{1B}[90mContinue only if you started this login in Codex. If a website or another person gave you this code, cancel.\u{1B}[0m


            """)
        #expect(result.stderr == "Successfully logged in\n")
        #expect(FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
        if let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty {
            // The reference against the same fake issuer (its hidden --experimental_issuer flag) prints the same.
            let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path
            let theirHome = try CodexTestHome.create(in: packageRoot + "/.build")
            defer { theirHome.remove() }
            let theirs = try await run(
                theirHome, ["login", "--device-auth", "--experimental_issuer", issuer.baseURL], binary: reference)
            #expect(theirs.exit == .exited(0))
            #expect(theirs.stdout == result.stdout)
            #expect(theirs.stderr == result.stderr)
        } else {
            print("reference check skipped: set CODEX_REFERENCE_BIN")
        }
    }

    /// Opt-in: auth.json written by the reference is read by ours and the other way round.
    @Test func authFilesInteroperateWithTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN")
            return
        }
        // The reference refuses to set up its helpers under /tmp, so the home goes under .build/.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let home = try CodexTestHome.create(in: packageRoot + "/.build")
        defer { home.remove() }
        let theirs = try await run(
            home, ["login", "--with-api-key"], binary: reference, stdin: .data(Array("sk-ref-abcdef1234567890".utf8)))
        #expect(theirs.exit == .exited(0))
        let ours = try await run(home, ["login", "status"])
        #expect(ours.stderr == "Logged in using an API key - sk-ref-a***67890\n")
        _ = try await run(home, ["logout"])

        let ourKey = try await run(home, ["login", "--with-api-key"], stdin: .data(Array("sk-ours-abcdef1234567890".utf8)))
        #expect(ourKey.exit == .exited(0))
        let referenceStatus = try await run(home, ["login", "status"], binary: reference)
        #expect(referenceStatus.stderr == "Logged in using an API key - sk-ours-***67890\n")

        // Our ChatGPT file (as a browser login writes it) reads as ChatGPT in the reference.
        let issuer = try await FakeIssuer.start()
        defer { Task { await issuer.shutdown() } }
        let device = try await run(home, ["login", "--device-auth"], environment: ["CODEX_LOGIN_ISSUER_OVERRIDE": issuer.baseURL])
        #expect(device.exit == .exited(0))
        let chatgpt = try await run(home, ["login", "status"], binary: reference)
        #expect(chatgpt.exit == .exited(0))
        #expect(chatgpt.stderr == "Logged in using ChatGPT\n")
        let referenceLogout = try await run(home, ["logout"], binary: reference)
        #expect(referenceLogout.stderr == "Successfully logged out\n")
        #expect(try await run(home, ["login", "status"]).stderr == "Not logged in\n")
    }
}
