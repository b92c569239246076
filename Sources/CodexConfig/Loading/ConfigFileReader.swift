import CodexBasics
import CodexProtocol
import FoundationEssentials

/// Small filesystem helpers the loader needs; nothing here throws or traps.
enum FileSystem {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    }

    /// The file's text, or nil when it is missing, a folder or unreadable.
    static func readText(_ path: String) -> String? {
        guard !isDirectory(path), let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The path with symlinks resolved (the path itself when resolution fails).
    static func canonical(_ path: String) -> String {
        AbsolutePath.resolvingSymlinks(path)?.string ?? path
    }
}

/// Reads one config file into a layer table.
enum ConfigFileReader {
    /// Reads and parses `file`, resolving relative path fields against the file's folder.
    /// - Returns: nil when the file does not exist.
    /// - Throws: `ConfigError` when the file exists but cannot be read or parsed.
    static func readLayer(file: String, home: String?) throws(ConfigError) -> JSONObject? {
        guard let text = try readIfPresent(file) else { return nil }
        let table = try TOMLReader.parseDocument(text, sourceName: file)
        return PathFields.resolve(in: table, base: AbsolutePath(normalizing: file).parent, home: home)
    }

    /// The file's text; nil when it does not exist.
    static func readIfPresent(_ file: String) throws(ConfigError) -> String? {
        guard FileSystem.exists(file) else { return nil }
        if FileSystem.isDirectory(file) {
            throw ConfigError(kind: .malformedFile, message: "Failed to read config file \(file): it is a directory")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(kind: .malformedFile, message: "Failed to read config file \(file): permission denied or unreadable")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(kind: .malformedFile, message: "Failed to read config file \(file): it is not valid UTF-8")
        }
        return text
    }
}
