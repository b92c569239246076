import CodexConfig
import CodexProtocol
import FoundationEssentials

/// A throwaway directory tree for one test: a CODEX_HOME, a work folder and fake `/etc/codex` files.
struct ConfigTestFixture {
    let root: String
    var codexHome: String { root + "/home/.codex" }
    var home: String { root + "/home" }
    var work: String { root + "/work" }
    var etc: String { root + "/etc/codex" }

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        root = (base.hasSuffix("/") ? base : base + "/") + "codex-config-tests-" + UUID().uuidString
        for folder in [codexHome, work, etc] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// Writes `text` to a path relative to the fixture root, creating folders.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        let path = root + "/" + relativePath
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func mkdir(_ relativePath: String) throws {
        try FileManager.default.createDirectory(atPath: root + "/" + relativePath, withIntermediateDirectories: true)
    }

    func writeUser(_ text: String) throws { try write("home/.codex/config.toml", text) }

    /// Options pointing every system path into the fixture.
    func options(cwd: String? = nil, overrides: [String] = []) -> ConfigLoadOptions {
        var options = ConfigLoadOptions(
            codexHome: CodexHome(path: codexHome), cwd: cwd ?? work, environment: ["HOME": home])
        options.systemConfigPath = etc + "/config.toml"
        options.managedConfigPath = etc + "/managed_config.toml"
        options.requirementsPath = etc + "/requirements.toml"
        options.cliOverrides = overrides
        return options
    }

    func load(_ options: ConfigLoadOptions) throws -> LoadedConfig { try ConfigLoader.load(options) }

    /// The error the loader throws for `options`, or nil when loading succeeds.
    func loadError(_ options: ConfigLoadOptions) -> ConfigError? {
        do {
            _ = try ConfigLoader.load(options)
            return nil
        } catch {
            return error
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
