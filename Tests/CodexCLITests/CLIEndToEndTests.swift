import CodexTestSupport
import Testing

/// Runs the built `codex` binary with a throwaway CODEX_HOME.
private func runCodex(
    _ arguments: [String], config: String? = nil, stdin: ProcessSpec.StandardInput = .none,
    environment: [String: String] = [:]
) async throws -> ProcessResult {
    let home = try CodexTestHome.create()
    defer { home.remove() }
    if let config { try home.root.write(config, to: "codex_home/config.toml") }
    let spec = home.codexSpec(
        arguments, binary: try CodexBinary.locate(), standardInput: stdin, extraEnvironment: environment)
    return try await ChildProcess.run(spec, timeout: .seconds(60))
}

@Suite struct CLIEndToEndTests {
    @Test func versionAndHelp() async throws {
        let version = try await runCodex(["--version"])
        #expect(version.exit == .exited(0))
        #expect(version.stdout == "codex-cli 0.163.0 (swiftcodex 0.1.0)\n")
        let short = try await runCodex(["-V"])
        #expect(short.exit == .exited(0))
        #expect(short.stdout == "codex-cli 0.163.0 (swiftcodex 0.1.0)\n")
        // With anything else on the line the parser answers; its version text is the same.
        let parsed = try await runCodex(["-c", "model=\"x\"", "--version"])
        #expect(parsed.exit == .exited(0))
        #expect(parsed.stdout == "codex-cli 0.163.0 (swiftcodex 0.1.0)\n")
        let help = try await runCodex(["--help"])
        #expect(help.exit == .exited(0))
        for name in ["exec", "app-server", "mcp-server", "login", "logout", "sandbox"] {
            #expect(help.stdout.contains("  \(name)"), "help lists \(name)")
        }
    }

    @Test func brokenConfigFailsFastUnderAnySubcommand() async throws {
        let result = try await runCodex(["mcp-server"], config: "model = \"x\"\n[broken\n")
        #expect(result.exit == .exited(1))
        #expect(result.stderr.hasPrefix("Error loading config.toml:"))
        #expect(result.stderr.contains("config.toml:2:"))
    }

    @Test func wrongEnumValueNamesKeyValueAndChoices() async throws {
        let result = try await runCodex(["logout"], config: "sandbox_mode = \"sideways\"\n")
        #expect(result.exit == .exited(1))
        #expect(result.stderr.contains("sandbox_mode"))
        #expect(result.stderr.contains("sideways"))
        #expect(result.stderr.contains("workspace-write"))
    }

    @Test func overrideWithoutEqualsIsAnError() async throws {
        let result = try await runCodex(["-c", "model", "logout"])
        #expect(result.exit == .exited(1))
        #expect(result.stderr == "Error parsing -c overrides: Invalid override (missing '='): model\n")
    }

    @Test func globalOptionsWorkBeforeAndAfterTheSubcommand() async throws {
        for arguments in [["--strict-config", "-c", "bogus_key=1", "logout"], ["logout", "--strict-config", "-c", "bogus_key=1"]] {
            let result = try await runCodex(arguments)
            #expect(result.exit == .exited(1), "\(arguments)")
            #expect(result.stderr.contains("bogus_key"), "\(arguments)")
        }
        let lenient = try await runCodex(["-c", "bogus_key=1", "logout"])
        #expect(lenient.stderr == "Not logged in\n")
    }

    @Test func unknownKeysTheReferenceKnowsAreAccepted() async throws {
        let config = "check_for_update_on_startup = false\n[analytics]\nenabled = false\n[feedback]\nenabled = false\n"
        let result = try await runCodex(["logout"], config: config)
        #expect(result.stderr == "Not logged in\n")
    }

    /// As in the reference, a `model_catalog_json` that cannot be read stops the configuration from loading.
    @Test func missingModelCatalogIsAConfigError() async throws {
        let result = try await runCodex(["logout"], config: "model_catalog_json = \"/nonexistent/models.json\"\n")
        #expect(result.exit == .exited(1))
        #expect(result.stderr.contains("model_catalog_json path `/nonexistent/models.json`"))
    }

    @Test func usageErrorsExit2() async throws {
        let result = try await runCodex(["exec", "--no-such-flag"])
        #expect(result.exit == .exited(2))
        #expect(result.stderr.contains("--no-such-flag"))
    }

    @Test func missingCodexHomeIsReported() async throws {
        let result = try await runCodex(["logout"], environment: ["CODEX_HOME": "/nonexistent/codex-home"])
        #expect(result.exit == .exited(1))
        #expect(result.stderr.contains("CODEX_HOME points to \"/nonexistent/codex-home\", but that path does not exist"))
    }
}
