import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `cli_auth_credentials_store = "keyring"` against a real Secret Service. Runs only under
/// scripts/keyring-tests.sh, which starts gnome-keyring-daemon in a private D-Bus session and sets
/// CODEX_KEYRING_TEST=1; elsewhere it prints that it is skipped.
@Suite struct KeyringEndToEndTests {
    static var bus: String? {
        let environment = ProcessInfo.processInfo.environment
        guard environment["CODEX_KEYRING_TEST"] == "1", let bus = environment["DBUS_SESSION_BUS_ADDRESS"] else { return nil }
        return bus
    }

    private func run(
        _ home: CodexTestHome, _ arguments: [String], binary: String? = nil, stdin: ProcessSpec.StandardInput = .none,
        bus: String
    ) async throws -> ProcessResult {
        var environment = ["DBUS_SESSION_BUS_ADDRESS": bus]
        if let path = ProcessInfo.processInfo.environment["PATH"] { environment["PATH"] = path }
        let spec = home.codexSpec(
            arguments, binary: try binary ?? CodexBinary.locate(), standardInput: stdin, extraEnvironment: environment)
        return try await ChildProcess.run(spec, timeout: .seconds(60))
    }

    private func lookup(_ home: CodexTestHome, bus: String) async throws -> ProcessResult {
        let canonical = URL(fileURLWithPath: home.codexHome).resolvingSymlinksInPath().path
        let hash = try await ChildProcess.run(
            ProcessSpec(
                executable: "/bin/sh", arguments: ["-c", "printf %s \"$0\" | sha256sum | cut -c1-16", canonical],
                environment: ProcessSpec.minimalEnvironment()),
            timeout: .seconds(10)
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await ChildProcess.run(
            ProcessSpec(
                executable: "/usr/bin/secret-tool",
                arguments: ["lookup", "service", "Codex Auth", "username", "cli|\(hash)", "target", "default"],
                environment: ProcessSpec.minimalEnvironment(["DBUS_SESSION_BUS_ADDRESS": bus])),
            timeout: .seconds(10))
    }

    @Test func apiKeyLoginStatusAndLogoutUseTheKeyring() async throws {
        guard let bus = Self.bus else {
            print("skipped: keyring tests run under scripts/keyring-tests.sh")
            return
        }
        let home = try CodexTestHome.create()
        defer { home.remove() }
        try home.root.write("cli_auth_credentials_store = \"keyring\"\n", to: "codex_home/config.toml")
        let login = try await run(home, ["login", "--with-api-key"], stdin: .data(Array("sk-test-abcdef1234567890".utf8)), bus: bus)
        #expect(login.exit == .exited(0))
        #expect(login.stderr == "Reading API key from stdin...\nSuccessfully logged in\n")
        #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
        // The reference's item: compact auth.json under service "Codex Auth", user "cli|<hash>".
        #expect(try await lookup(home, bus: bus).stdout == #"{"auth_mode":"apikey","OPENAI_API_KEY":"sk-test-abcdef1234567890"}"#)
        let status = try await run(home, ["login", "status"], bus: bus)
        #expect(status.stderr == "Logged in using an API key - sk-test-***67890\n")
        if let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty {
            let theirs = try await run(home, ["login", "status"], binary: reference, bus: bus)
            #expect(theirs.stderr == "Logged in using an API key - sk-test-***67890\n")
        } else {
            print("reference check skipped: set CODEX_REFERENCE_BIN")
        }
        let logout = try await run(home, ["logout"], bus: bus)
        #expect(logout.exit == .exited(0))
        #expect(logout.stderr == "Successfully logged out\n")
        #expect(try await lookup(home, bus: bus).stdout.isEmpty)
        let again = try await run(home, ["logout"], bus: bus)
        #expect(again.stderr == "Not logged in\n")
        let loggedOut = try await run(home, ["login", "status"], bus: bus)
        #expect(loggedOut.exit == .exited(1))
    }

    /// A ChatGPT browser login stores its tokens in the keyring (no auth.json), and the model client
    /// of a later `codex exec` sends the keyring's access token.
    @Test func chatgptLoginGoesToTheKeyringAndExecUsesIt() async throws {
        guard let bus = Self.bus else {
            print("skipped: keyring tests run under scripts/keyring-tests.sh")
            return
        }
        let issuer = try await FakeIssuer.start()
        try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create()
            defer { home.remove() }
            try home.root.write(
                """
                cli_auth_credentials_store = "keyring"
                model = "mock-model"
                model_provider = "mock"
                # The ChatGPT login brings the connectors gateway: keep it on the fake backend, not chatgpt.com.
                chatgpt_base_url = "\(issuer.backendBaseURL)"

                [model_providers.mock]
                name = "mock"
                base_url = "\(server.baseURL)"
                wire_api = "responses"
                requires_openai_auth = true
                request_max_retries = 0
                stream_max_retries = 0

                """, to: "codex_home/config.toml")
            var environment = [
                "DBUS_SESSION_BUS_ADDRESS": bus, "CODEX_LOGIN_ISSUER_OVERRIDE": issuer.baseURL, "CODEX_LOGIN_PORT_OVERRIDE": "0",
            ]
            if let path = ProcessInfo.processInfo.environment["PATH"] { environment["PATH"] = path }
            let spec = home.codexSpec(["login"], binary: try CodexBinary.locate(), extraEnvironment: environment)
            let exit = try await ChildProcess.withProcess(spec) { process in
                var url = ""
                while let line = try await process.nextStderrLine() {
                    if line.hasPrefix(issuer.baseURL + "/oauth/authorize?") {
                        url = line
                        break
                    }
                }
                _ = try await FakeIssuer.browse(url)
                return try await process.waitForExit(timeout: .seconds(30))
            }
            #expect(exit == .exited(0))
            #expect(!FileManager.default.fileExists(atPath: home.codexHome + "/auth.json"))
            let stored = try JSONParser.parse(bytes: Array(try await lookup(home, bus: bus).stdout.utf8))
            #expect(stored["auth_mode"] == "chatgpt")
            let accessToken = try #require(stored["tokens"]?["access_token"]?.stringValue)

            server.enqueue(.assistantText("done"))
            let result = try await run(home, ["exec", "--skip-git-repo-check", "hi"], bus: bus)
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(server.requests.first?.header("authorization") == "Bearer \(accessToken)")
            #expect(try await run(home, ["logout"], bus: bus).exit == .exited(0))
        }
        await issuer.shutdown()
    }

    @Test func noReachableSecretServiceIsAClearError() async throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        try home.root.write("cli_auth_credentials_store = \"keyring\"\n", to: "codex_home/config.toml")
        let result = try await run(home, ["login", "status"], bus: "unix:path=/nonexistent/bus")
        #expect(result.exit == .exited(1))
        #expect(result.stderr.hasPrefix("Error checking login status: the OS keyring is not available"))
    }
}
