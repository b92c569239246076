import CodexTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

@Suite struct CodexTestHomeTests {
    @Test func createsFoldersAndWritesTheMockProviderConfig() throws {
        let home = try CodexTestHome.create(mockBaseURL: "http://127.0.0.1:4321/v1")
        defer { home.remove() }
        for folder in [home.homeDirectory, home.codexHome, home.temporaryDirectory, home.workDirectory] {
            #expect(exists(folder))
        }
        #expect(home.codexHome.hasPrefix(TemporaryDirectory.systemTemporaryDirectory() + "/codex-e2e."))
        let written = try home.root.read("codex_home/config.toml")
        #expect(
            written == """
                model = "mock-model"
                model_provider = "mock"

                [model_providers.mock]
                name = "mock"
                base_url = "http://127.0.0.1:4321/v1"
                wire_api = "responses"
                env_key = "MOCK_API_KEY"
                request_max_retries = 1
                stream_max_retries = 1
                stream_idle_timeout_ms = 20000

                """)
    }

    @Test func extraTOMLGoesToTheRightPlaces() throws {
        let text = CodexTestHome.configTOML(
            baseURL: "http://x/\"q\"", model: "m", requestMaxRetries: 2, extraRootTOML: "approval_policy = \"never\"",
            extraTablesTOML: "[features]\nfoo = true")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "model = \"m\"")
        #expect(lines[2] == "approval_policy = \"never\"")
        #expect(lines.contains("base_url = \"http://x/\\\"q\\\"\""))
        #expect(lines.contains("request_max_retries = 2"))
        #expect(lines.suffix(2) == ["[features]", "foo = true"])
    }

    @Test func environmentAndSpecPointIntoTheHome() throws {
        let home = try CodexTestHome.create()
        defer { home.remove() }
        let spec = home.codexSpec(["exec", "hi"], binary: "/bin/codex", extraEnvironment: ["RUST_LOG": "debug"])
        #expect(spec.executable == "/bin/codex")
        #expect(spec.arguments == ["exec", "hi"])
        #expect(spec.workingDirectory == home.workDirectory)
        #expect(
            spec.environment == [
                "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home.homeDirectory,
                "CODEX_HOME": home.codexHome, "TMPDIR": home.temporaryDirectory, "MOCK_API_KEY": "mock-api-key",
                "RUST_LOG": "debug",
            ])
        #expect(!exists(home.configPath))
    }

    @Test func removeDeletesEverything() throws {
        let home = try CodexTestHome.create(mockBaseURL: "http://127.0.0.1:1/v1")
        try home.root.write("x", to: "work/nested.txt")
        home.remove()
        #expect(!exists(home.root.path))
    }

    @Test func withHomeUsesTheServerURLAndCleansUp() async throws {
        let root = try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let config = try home.root.read("codex_home/config.toml")
                #expect(config.contains("base_url = \"\(server.baseURL)\""))
                return home.root.path
            }
        }
        #expect(!exists(root))
    }

    @Test func temporaryDirectoriesAreUniqueAndRemovedEvenOnError() async throws {
        struct Boom: Error {}
        let first = try TemporaryDirectory.create()
        let second = try TemporaryDirectory.create()
        #expect(first != second)
        first.remove()
        second.remove()
        var seen = ""
        await #expect(throws: Boom.self) {
            try await TemporaryDirectory.withTemporaryDirectory { directory in
                try directory.makeDirectory("a/b")
                try directory.write("data", to: "a/b/file")
                seen = directory.path
                throw Boom()
            }
        }
        #expect(!seen.isEmpty)
        #expect(!exists(seen))
    }

    @Test func packageRootIsFoundAboveThisFile() throws {
        let root = try #require(CodexBinary.packageRoot(startingAt: #filePath))
        #expect(exists(root + "/Package.swift"))
        #expect(#filePath.hasPrefix(root + "/Tests/"))
        #expect(CodexBinary.packageRoot(startingAt: "/proc/self") == nil)
    }

    @Test func notFoundErrorNamesWhatWasTried() {
        let error = CodexBinaryNotFound(tried: ["/a/codex"], hint: "build it")
        #expect(error.description == "codex binary not found (tried: /a/codex): build it")
    }
}
