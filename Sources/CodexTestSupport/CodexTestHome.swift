/// A throwaway home for one end-to-end run of `codex`: a temp folder holding `home/` (HOME),
/// `codex_home/` (CODEX_HOME, with a config.toml pointing at the mock server), `tmp/` (TMPDIR) and
/// `work/` (the default working directory). `remove()` deletes it all.
public struct CodexTestHome: Sendable, Hashable {
    /// The API key value the environment exports as `MOCK_API_KEY`.
    public static let apiKey = "mock-api-key"

    public let root: TemporaryDirectory

    public var homeDirectory: String { root.appending("home") }
    public var codexHome: String { root.appending("codex_home") }
    public var temporaryDirectory: String { root.appending("tmp") }
    public var workDirectory: String { root.appending("work") }
    public var configPath: String { root.appending("codex_home", "config.toml") }

    /// Creates the folders (under `parent`, by default the system's temporary folder); when `mockBaseURL`
    /// is given also writes config.toml for it.
    public static func create(
        mockBaseURL: String? = nil, model: String = SSE.defaultModel, in parent: String? = nil
    ) throws -> CodexTestHome {
        let root = try TemporaryDirectory.create(prefix: "codex-e2e", in: parent)
        let home = CodexTestHome(root: root)
        do {
            for folder in ["home", "codex_home", "tmp", "work"] { try root.makeDirectory(folder) }
            if let mockBaseURL { try home.writeConfig(baseURL: mockBaseURL, model: model) }
        } catch {
            root.remove()
            throw error
        }
        return home
    }

    /// Runs `body` with a fresh home configured for `server`, removing the folder afterwards.
    public static func withHome<Result>(
        server: MockResponsesServer?, _ body: (CodexTestHome) async throws -> Result
    ) async throws -> Result {
        let home = try create(mockBaseURL: server?.baseURL)
        defer { home.remove() }
        return try await body(home)
    }

    /// Writes `codex_home/config.toml` (atomically) and returns its text.
    @discardableResult
    public func writeConfig(
        baseURL: String, model: String = SSE.defaultModel, requestMaxRetries: Int = 1, streamMaxRetries: Int = 1,
        streamIdleTimeoutMs: Int = 20_000, extraRootTOML: String = "", extraTablesTOML: String = ""
    ) throws -> String {
        let text = Self.configTOML(
            baseURL: baseURL, model: model, requestMaxRetries: requestMaxRetries, streamMaxRetries: streamMaxRetries,
            streamIdleTimeoutMs: streamIdleTimeoutMs, extraRootTOML: extraRootTOML, extraTablesTOML: extraTablesTOML)
        try root.write(text, to: "codex_home/config.toml")
        return text
    }

    /// config.toml selecting the `mock` provider: `extraRootTOML` lands among the root keys (before any
    /// table), `extraTablesTOML` at the end.
    public static func configTOML(
        baseURL: String, model: String = SSE.defaultModel, requestMaxRetries: Int = 1, streamMaxRetries: Int = 1,
        streamIdleTimeoutMs: Int = 20_000, extraRootTOML: String = "", extraTablesTOML: String = ""
    ) -> String {
        var lines = [
            "model = \(tomlString(model))",
            "model_provider = \"mock\"",
        ]
        if !extraRootTOML.isEmpty { lines.append(extraRootTOML) }
        lines += [
            "",
            "[model_providers.mock]",
            "name = \"mock\"",
            "base_url = \(tomlString(baseURL))",
            "wire_api = \"responses\"",
            "env_key = \"MOCK_API_KEY\"",
            "request_max_retries = \(requestMaxRetries)",
            "stream_max_retries = \(streamMaxRetries)",
            "stream_idle_timeout_ms = \(streamIdleTimeoutMs)",
        ]
        if !extraTablesTOML.isEmpty { lines += ["", extraTablesTOML] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A minimal environment for `codex`: PATH, LANG, HOME, CODEX_HOME, TMPDIR and MOCK_API_KEY, plus `extra`.
    public func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ProcessSpec.minimalEnvironment([
            "HOME": homeDirectory, "CODEX_HOME": codexHome, "TMPDIR": temporaryDirectory,
            "MOCK_API_KEY": Self.apiKey,
        ]).merging(extra) { _, new in new }
    }

    /// A spec running `codex` with these arguments in this home (cwd defaults to `work/`).
    public func codexSpec(
        _ arguments: [String], binary: String, standardInput: ProcessSpec.StandardInput = .none,
        workingDirectory: String? = nil, extraEnvironment: [String: String] = [:]
    ) -> ProcessSpec {
        ProcessSpec(
            executable: binary, arguments: arguments, environment: environment(extraEnvironment),
            workingDirectory: workingDirectory ?? workDirectory, standardInput: standardInput)
    }

    /// Deletes the whole folder.
    public func remove() { root.remove() }

    /// A TOML basic string with the characters TOML requires escaped.
    static func tomlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
