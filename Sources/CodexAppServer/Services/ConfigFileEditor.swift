import CodexConfig
import CodexProtocol
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Applies `config/value/write` and `config/batchWrite` edits to `$CODEX_HOME/config.toml`.
///
/// All edits go through `TOMLDocumentEditor` (comments, blank lines and key order survive), the
/// result is checked by loading it as a real config from a scratch copy, and only then written
/// atomically. A batch is all-or-nothing; edits that change nothing leave the file untouched.
struct ConfigFileEditor {
    let host: any AppServerServiceHost

    /// Error codes the reference puts in `data.config_write_error_code`.
    enum ErrorCode: String {
        case configLayerReadonly
        case configVersionConflict
        case configValidationError
        case configPathNotFound
        case userLayerNotFound
    }

    static func failure(_ code: ErrorCode, _ message: String) -> JSONRPCErrorObject {
        JSONRPCErrorObject(code: -32600, message: message, data: ["config_write_error_code": .string(code.rawValue)])
    }

    var userConfigPath: String { host.codexHome.appending("config.toml") }

    /// Applies the edits; returns the user config's path. `currentVersion` is the user layer's
    /// version as loaded now (nil when the config does not load), which `expectedVersion` must match.
    func apply(edits: [AppServerV2.ConfigEdit], filePath: String?, expectedVersion: String?, currentVersion: String?)
        throws(JSONRPCErrorObject) -> String
    {
        let path = userConfigPath
        if let filePath, Self.normalized(filePath) != Self.normalized(path) {
            throw Self.failure(.configLayerReadonly, "Only writes to the user config are allowed")
        }
        let original = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
        if let expectedVersion, expectedVersion != currentVersion {
            throw Self.failure(
                .configVersionConflict, "Configuration was modified since last read. Fetch latest version and retry.")
        }
        var editor = TOMLDocumentEditor(bytes: original)
        do {
            try editor.validate()
        } catch {
            throw Self.failure(.configValidationError, "Invalid configuration: \(path): \(error)")
        }
        for edit in edits {
            try apply(edit, to: &editor)
        }
        guard editor.bytes != original else { return path }
        try? host.codexHome.createIfNeeded()
        try validate(editor.bytes)
        do {
            try AtomicFileWriter.write(editor.bytes, to: path, newFileMode: 0o600)
        } catch {
            throw .internalError("failed to write \(path): \(error)")
        }
        return path
    }

    private func apply(_ edit: AppServerV2.ConfigEdit, to editor: inout TOMLDocumentEditor) throws(JSONRPCErrorObject) {
        let segments: [String]
        do {
            segments = try ConfigKeyPath.segments(edit.keyPath)
        } catch {
            throw Self.failure(.configValidationError, error.message)
        }
        if segments == ["profile"] {
            throw Self.failure(
                .configValidationError,
                "`profile` is a legacy config selector and can no longer be written; select a profile with --profile instead")
        }
        do {
            if edit.value.isNull {
                try editor.remove(segments)
            } else if edit.mergeStrategy == .upsert, case .object(let table) = edit.value {
                try upsert(table, at: segments, in: &editor)
            } else {
                try editor.set(segments, to: edit.value)
            }
        } catch {
            throw Self.failure(.configValidationError, "Invalid configuration: \(error)")
        }
    }

    /// Deep-merges a table: keys not named in `table` stay; nested tables merge the same way.
    private func upsert(_ table: JSONObject, at path: [String], in editor: inout TOMLDocumentEditor) throws(TOMLEditError) {
        if table.isEmpty {
            try editor.set(path, to: .object(table))
            return
        }
        for (key, value) in table {
            if case .object(let nested) = value {
                do {
                    try upsert(nested, at: path + [key], in: &editor)
                } catch .pathConflict {
                    try editor.set(path + [key], to: value)
                }
            } else {
                try editor.set(path + [key], to: value)
            }
        }
    }

    /// Loads the edited text as the user layer of a scratch CODEX_HOME; a config the loader
    /// rejects (a wrong type, an unknown enum value) is not written.
    private func validate(_ bytes: [UInt8]) throws(JSONRPCErrorObject) {
        var template = Array((host.codexHome.path + "/.config-check-XXXXXX").utf8CString)
        let folder: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let folder else {
            // CODEX_HOME may not exist yet: nothing to check against but the TOML itself.
            return
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try AtomicFileWriter.write(bytes, to: folder + "/config.toml")
        } catch {
            throw .internalError("cannot check the new config: \(error)")
        }
        var options = host.configLoadOptions(cwd: host.defaultCwd)
        options.codexHome = CodexHome(path: folder)
        options.cliOverrides = []
        do {
            _ = try ConfigLoader.load(options)
        } catch {
            // Name the real file, not the scratch copy.
            let message = error.message.replacing(folder + "/config.toml", with: userConfigPath)
            throw Self.failure(.configValidationError, "Invalid configuration: \(message)")
        }
    }

    private static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = components.popLast() } else { components.append(part) }
        }
        return "/" + components.joined(separator: "/")
    }
}
