import CodexConfig
import CodexProtocol
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the rules could not be loaded or a remembered rule could not be written.
public enum ExecPolicyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case readFolder(path: String, message: String)
    case readFile(path: String, message: String)
    case parse(ExecPolicyParseError)
    case write(path: String, message: String)

    public var description: String {
        switch self {
        case .readFolder(let path, let message): "failed to read rules files from \(path): \(message)"
        case .readFile(let path, let message): "failed to read rules file \(path): \(message)"
        case .parse(let error): "failed to parse rules file \(error.path): \(error)"
        case .write(let path, let message): "failed to update rules file \(path): \(message)"
        }
    }
}

/// The `.rules` files on disk: `<config folder>/rules/*.rules`, read in name order, and the
/// `$CODEX_HOME/rules/default.rules` file approvals append `prefix_rule(..., decision="allow")` lines to.
public enum ExecPolicyFiles {
    public static let folderName = "rules"
    public static let defaultFileName = "default.rules"

    /// `<codexHome>/rules/default.rules`.
    public static func defaultRulesPath(codexHome: String) -> String {
        codexHome + "/" + folderName + "/" + defaultFileName
    }

    /// The `.rules` files (regular files only) in `<folder>/rules`, sorted; none when the folder is missing.
    public static func ruleFiles(inConfigFolder folder: String) throws(ExecPolicyFileError) -> [String] {
        let rules = folder + "/" + folderName
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: rules)
        } catch {
            var status = stat()
            if stat(rules, &status) != 0 && errno == ENOENT { return [] }
            throw .readFolder(path: rules, message: "\(error)")
        }
        return names.filter { $0.hasSuffix(".rules") && $0 != ".rules" }.sorted().map { rules + "/" + $0 }.filter { path in
            var status = stat()
            return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        }
    }

    /// Reads every `.rules` file of the config folders (lowest precedence first) into one policy.
    public static func load(configFolders: [String]) throws(ExecPolicyFileError) -> ExecPolicy {
        var parser = ExecPolicyParser()
        for folder in configFolders {
            for path in try ruleFiles(inConfigFolder: folder) {
                try parse(path, into: &parser)
            }
        }
        return parser.policy
    }

    /// Reads the given files (`codex execpolicy check --rules`).
    public static func load(files: [String]) throws(ExecPolicyFileError) -> ExecPolicy {
        var parser = ExecPolicyParser()
        for path in files { try parse(path, into: &parser) }
        return parser.policy
    }

    private static func parse(_ path: String, into parser: inout ExecPolicyParser) throws(ExecPolicyFileError) {
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
        } catch {
            throw .readFile(path: path, message: "\(error)")
        }
        do {
            try parser.parse(text, path: path)
        } catch {
            throw .parse(error)
        }
    }

    /// The line recorded for an "always allow" answer: `prefix_rule(pattern=["git", "status"], decision="allow")`.
    public static func allowRuleLine(_ prefix: [String]) -> String {
        "prefix_rule(pattern=[" + prefix.map(jsonString).joined(separator: ", ") + "], decision=\"allow\")"
    }

    /// Appends the allow rule for `prefix` to `default.rules` unless the same line is already there. The file
    /// is rewritten atomically (temporary file, then rename) while an advisory lock on the rules folder keeps
    /// two writers (processes or tasks) from losing each other's lines.
    public static func appendAllowRule(_ prefix: [String], codexHome: String) async throws(ExecPolicyFileError) {
        let path = defaultRulesPath(codexHome: codexHome)
        guard !prefix.isEmpty else { throw .write(path: path, message: "prefix rule requires at least one token") }
        let folder = codexHome + "/" + folderName
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .write(path: path, message: "cannot create \(folder): \(error)")
        }
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .write(path: path, message: "cannot open \(folder): \(errnoText())") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .write(path: path, message: "cannot lock \(folder): \(errnoText())")
            }
            do {
                try await Task.sleep(for: .milliseconds(10))
            } catch {
                throw .write(path: path, message: "cancelled while waiting for the rules folder lock")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        var contents = ""
        if FileManager.default.fileExists(atPath: path) {
            do {
                contents = String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
            } catch {
                throw .write(path: path, message: "cannot read: \(error)")
            }
        }
        let line = allowRuleLine(prefix)
        if contents.split(separator: "\n", omittingEmptySubsequences: false).contains(where: { $0 == line }) { return }
        if !contents.isEmpty && !contents.hasSuffix("\n") { contents += "\n" }
        contents += line + "\n"
        do {
            try AtomicFileWriter.write(contents, to: path)
        } catch {
            throw .write(path: path, message: error.message)
        }
    }

    /// A JSON string literal as serde_json writes it (quotes, backslashes and control characters
    /// escaped): the project's JSON serializer escapes exactly so.
    static func jsonString(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
